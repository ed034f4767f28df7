"""The revisit survey (PROCESS.md §7): some days after resolution, ask whether it is solved.

Greet, say who is asking and why, ask for a score with buttons. A good score closes the case
with thanks; a low score or "not solved" apologises and reopens it to staff. One reminder,
then the survey expires and the case closes without a score.

Memo keys used here: ``score``, ``solved``, ``reminded``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs.draft import Draft
from dialogs.escalation import escalate
from dialogs.events import Button, TimerFired
from dialogs.inputs import Utterance
from dialogs.summary import description

REMINDER_JOB = "revisit_reminder"
EXPIRE_JOB = "revisit_expire"


def _score_buttons(draft: Draft) -> list[Button]:
    top = draft.ctx.policy.score_max
    return [draft.button("button.score", str(n), score=n) for n in range(1, top + 1)]


def start_survey(draft: Draft, event: TimerFired) -> None:
    """Timer ``revisit``: greet and ask for a score, if the case is still resolved."""
    if draft.state != "resolved":
        return
    limits = draft.ctx.time_limits
    opened = datetime.fromisoformat(draft.memo.get("opened_at") or draft.now.isoformat())
    draft.fire("survey")
    draft.record("revisit_started")
    draft.schedule(REMINDER_JOB, draft.now + timedelta(hours=limits.revisit_reminder_hours))
    draft.schedule(EXPIRE_JOB, draft.now + timedelta(hours=limits.revisit_expire_hours))
    draft.say(
        "revisit.survey",
        date=draft.day(opened),
        description=description(draft, limit=draft.ctx.options.restate_max_chars),
        top=draft.ctx.policy.score_max,
        buttons=_score_buttons(draft),
    )


def remind(draft: Draft, event: TimerFired) -> None:
    """Timer ``revisit_reminder``: ask once more, if the survey is still open."""
    if draft.state != "revisiting" or draft.memo.get("reminded"):
        return
    draft.memo["reminded"] = True
    draft.say("revisit.reminder", top=draft.ctx.policy.score_max, buttons=_score_buttons(draft))


def expire(draft: Draft, event: TimerFired) -> None:
    """Timer ``revisit_expire``: close without a score."""
    if draft.state != "revisiting":
        return
    draft.fire("expire")
    draft.record("revisit_expired")
    draft.cancel_jobs()


def _score(draft: Draft, utterance: Utterance) -> int | None:
    if utterance.button is not None and utterance.button.isdigit():
        score = int(utterance.button)
    elif utterance.analysis is not None and utterance.analysis.satisfaction is not None:
        score = utterance.analysis.satisfaction
    else:
        return None
    return score if 1 <= score <= draft.ctx.policy.score_max else None


def on_revisiting(draft: Draft, utterance: Utterance) -> None:
    """State ``revisiting``: a score, "solved"/"not solved", or a suggestion."""
    analysis = utterance.analysis
    score = _score(draft, utterance)
    if score is not None:
        draft.memo["score"] = score
        draft.record("satisfaction", actor="customer", score=score)
        if score >= draft.ctx.policy.satisfied_score:
            draft.fire("satisfied")
            draft.cancel_jobs(REMINDER_JOB, EXPIRE_JOB)
            draft.say("revisit.thanks")
        else:
            escalate(draft, "low_score")
    elif utterance.says("no", "no") or (analysis is not None and analysis.is_complaint):
        draft.memo["solved"] = False
        draft.record("revisit_unsolved", actor="customer")
        escalate(draft, "not_solved")
    elif utterance.says("yes", "yes"):
        draft.memo["solved"] = True
        ask_again(draft)
    elif analysis is not None:
        draft.record("suggestion", actor="customer", text=utterance.text)
        draft.lead("revisit.noted")
        ask_again(draft)
    else:
        draft.unclear("revisit.ask_score", _score_buttons(draft), top=draft.ctx.policy.score_max)


def ask_again(draft: Draft) -> None:
    """Repeat the survey question."""
    draft.say("revisit.ask_score", top=draft.ctx.policy.score_max, buttons=_score_buttons(draft))
