"""The conversation's step function: ``handle(case, event, now, ctx) -> Turn``. Pure.

One customer message or due job in, the new case state, replies and effects out. The order of
checks follows PROCESS.md: input the bot cannot read gets a defined reply; a crisis goes to
staff at once; cancel and "a person, please" are honoured in any state; anger is met calmly and
abuse past the limit goes to staff; then the current state decides. While staff hold a case
the bot does not talk over them: the customer's words are forwarded, acknowledged once; an
answer to a staff offer is recorded, passed to the owner and acknowledged (dialogs.offers).

Memo keys used here: ``locale_fixed``, ``severity_reasons``, ``unclear``, ``abuse``; the
other modules document theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from dialogs import capture, deadlines, offers, proposal, revisit
from dialogs.context import DialogContext
from dialogs.draft import Draft
from dialogs.escalation import escalate, forward, on_sla_breach, reroute, staff_card
from dialogs.events import CaseState, Inbound, TimerFired, Turn
from dialogs.inputs import Utterance, read
from dialogs.machine import STAFF_HELD
from dialogs.settings import SEVERITIES
from nlp import to_traditional
from nlp.analysis import Analysis

StateHandler = Callable[[Draft, Utterance], None]
TimerHandler = Callable[[Draft, TimerFired], None]

# input the bot cannot act on, and the reply each gets (the state does not change)
UNREADABLE = {
    "media": "input.media",
    "empty": "input.empty",
    "no_words": "input.no_words",
    "too_long": "input.too_long",
    "unknown_command": "command.unknown",
}
# states where a rise to a severity the bot may not settle escalates at once; earlier states
# finish listening first and escalate when a remedy would be proposed
_DECIDED = ("awaiting_decision", "resolved", "revisiting")
_TRADITIONAL_HINTS = ("tw", "hk", "mo", "hant")


def _escalation_reason(draft: Draft) -> str:
    """Which words the customer hears on a severity escalation: harm to people comes first."""
    if draft.severity != "crisis":
        return "severity"
    reasons = set(draft.memo.get("severity_reasons", ()))
    return "crisis" if reasons & set(draft.ctx.policy.harm_reasons) else "crisis_public"


def _on_resolved(draft: Draft, utterance: Utterance) -> None:
    """State ``resolved``: the remedy is being carried out; pass news on to staff."""
    if utterance.intents & {"thanks", "greeting"} and not (
        utterance.analysis and utterance.analysis.is_complaint
    ):
        draft.say("thanks.reply")
        return
    draft.notify("customer_wrote", utterance.text)
    draft.say("resolved.followup")


def _on_proposing(draft: Draft, utterance: Utterance) -> None:
    """A case never rests in ``proposing``; if one was stored there, propose now."""
    proposal.propose(draft, after_refusal=False)


STATE_HANDLERS: dict[str, StateHandler] = {
    "new": capture.on_opening,
    "greeting": capture.on_opening,
    "capturing": capture.on_capturing,
    "confirming": capture.on_confirming,
    "proposing": _on_proposing,
    "awaiting_decision": proposal.on_awaiting_decision,
    "resolved": _on_resolved,
    "revisiting": revisit.on_revisiting,
}

# what "/start" in the middle of a conversation repeats
ASK_AGAIN: dict[str, Callable[[Draft], None]] = {
    "new": capture.greet,
    "greeting": capture.greet,
    "capturing": capture.ask_again,
    "confirming": capture.restate,
    "proposing": lambda draft: proposal.propose(draft, after_refusal=False),
    "awaiting_decision": proposal.ask_again,
    "resolved": lambda draft: draft.say("resolved.followup"),
    "revisiting": revisit.ask_again,
}

TIMER_HANDLERS: dict[str, TimerHandler] = {
    "sla_first_reply": on_sla_breach,
    deadlines.RESOLVE_JOB: deadlines.on_resolve_breach,
    "revisit": revisit.start_survey,
    "revisit_reminder": revisit.remind,
    "revisit_expire": revisit.expire,
}


def locale_from_hint(hint: str | None, locales: tuple[str, ...]) -> str | None:
    """A platform language code ("zh-Hant", "zh_TW", "en-US") as one of our locales."""
    code = (hint or "").lower().replace("_", "-")
    if code.startswith("zh"):
        locale = "zh-TW" if any(part in code for part in _TRADITIONAL_HINTS) else "zh-CN"
    elif code.startswith("en"):
        locale = "en"
    else:
        return None
    return locale if locale in locales else None


def _script_neutral(analysis: Analysis) -> bool:
    """Chinese written the same in both scripts ("你好"): no sign of zh-CN or zh-TW."""
    return analysis.language == "zh-CN" and to_traditional(analysis.text) == analysis.text


def _settle_locale(draft: Draft, inbound: Inbound, analysis: Analysis | None) -> None:
    """Replies follow the language of the first message that shows one, then stay in it.

    Until then: the platform's language hint, else what the text suggests, else as before.
    """
    if draft.memo.get("locale_fixed"):
        return
    locales = draft.ctx.catalogue.locales
    if analysis is not None and analysis.language in locales and not _script_neutral(analysis):
        draft.locale = analysis.language
        draft.memo["locale_fixed"] = True
        return
    hinted = locale_from_hint(inbound.language_hint, locales)
    if hinted and (analysis is None or hinted.startswith("zh")):
        draft.locale = hinted
    elif analysis is not None and analysis.language in locales:
        draft.locale = analysis.language


def _raise_severity(draft: Draft, analysis: Analysis) -> bool:
    """Severity only goes up while a case is open. True when it went up now."""
    reasons = list(draft.memo.get("severity_reasons", ()))
    reasons += [r for r in analysis.severity_reasons if r not in reasons]
    if reasons:
        draft.memo["severity_reasons"] = reasons
    if SEVERITIES.index(analysis.severity) <= SEVERITIES.index(draft.severity):
        return False
    draft.record("severity", **{"from": draft.severity, "to": analysis.severity}, reasons=reasons)
    draft.severity = analysis.severity
    return True


def _escalate_for_severity(draft: Draft) -> bool:
    """Escalate now if the case's severity demands it in this state."""
    authority = draft.ctx.authority
    immediate = draft.severity in authority.immediate_severities
    beyond_bot = draft.severity not in authority.bot_severities
    if not immediate and not (beyond_bot and draft.state in _DECIDED):
        return False
    escalate(draft, _escalation_reason(draft))
    return True


def _cancel(draft: Draft) -> None:
    if draft.state == "new":
        draft.say("cancel.nothing")
        return
    draft.fire("cancel")
    draft.record("cancelled", actor="customer")
    draft.cancel_jobs()
    draft.say("cancel.done")


def _has_content(analysis: Analysis) -> bool:
    return analysis.is_complaint or bool(analysis.intents) or bool(analysis.slots.as_dict())


def _calm(draft: Draft, analysis: Analysis) -> bool:
    """Meet anger with understanding and abuse without arguing; count abuse.

    True when the message is answered: abuse past the limit goes to staff, and an outburst
    with nothing else in it gets the calming words alone.
    """
    if analysis.emotion not in ("angry", "abusive"):
        return False
    if analysis.emotion == "abusive" and draft.count("abuse") > draft.ctx.options.abuse_limit:
        escalate(draft, "abuse")
        return True
    draft.lead(f"calm.{analysis.emotion}")
    if _has_content(analysis):
        return False
    draft.say("calm.ask_facts")
    return True


def _with_bot(draft: Draft, utterance: Utterance) -> None:
    """A customer message while the bot holds the case."""
    if utterance.kind in UNREADABLE:
        draft.say(UNREADABLE[utterance.kind], max_chars=draft.ctx.options.max_text_chars)
        return
    analysis, intents = utterance.analysis, utterance.intents
    # words of a confidently classified complaint are not a request to cancel or for help
    # ("我要取消订单，发货太慢了"); a vague one is ("算了，不投诉了")
    complaint = (
        analysis is not None
        and analysis.is_complaint
        and (analysis.confidence >= draft.ctx.analyzer.confidence_threshold)
    )
    if "help" in intents and not complaint:
        draft.say("command.help")
        return
    if analysis is not None:
        capture.absorb(draft, utterance)
        if _raise_severity(draft, analysis) and _escalate_for_severity(draft):
            return
    if "cancel" in intents and not complaint:
        _cancel(draft)
        return
    if "human" in intents:
        escalate(draft, "human_requested")
        return
    if analysis is not None and _calm(draft, analysis):
        return
    if "start" in intents and draft.state not in ("new", "greeting"):
        draft.lead("resume.lead")
        ASK_AGAIN[draft.state](draft)
        return
    STATE_HANDLERS[draft.state](draft, utterance)


def _with_staff(draft: Draft, utterance: Utterance) -> None:
    """A customer message while staff hold the case: an answer to their offer is taken as
    such; anything else is forwarded and acknowledged once."""
    if utterance.kind == "empty":
        draft.say("input.empty")
        return
    analysis = utterance.analysis
    if analysis is not None and _raise_severity(draft, analysis):
        reroute(draft)
        role = draft.memo["role"]
        due = datetime.fromisoformat(draft.memo["due_at"]) if "due_at" in draft.memo else draft.now
        draft.notify("severity_raised", staff_card(draft, "severity_raised", role, due))
        deadlines.tighten(draft)
    if offers.answer(draft, utterance):
        return
    kind = utterance.media_type or utterance.kind
    text = utterance.text or draft.staff_text("staff.non_text", kind=kind)
    if "cancel" in utterance.intents:
        draft.notify("cancel_requested", text)
        draft.say("cancel.forwarded")
        return
    forward(draft, text)


def handle(case: CaseState, event: Inbound | TimerFired, now: datetime, ctx: DialogContext) -> Turn:
    """Compute one turn of the conversation. Pure: no I/O, ``case`` is not changed.

    ``now`` must be timezone-aware. A customer without an open case is passed ``CaseState()``;
    a ``closed`` case is never continued: a message for it starts a new conversation.
    """
    if isinstance(event, TimerFired):
        draft = Draft(case, now, ctx)
        handler = TIMER_HANDLERS.get(event.kind)
        if handler is not None:
            handler(draft, event)
        return draft.finish()
    if case.state == "closed":
        case = CaseState()
    draft = Draft(case, now, ctx)
    utterance = read(event, ctx.options.max_text_chars)
    if utterance.kind == "text":
        hint = draft.locale if draft.memo.get("locale_fixed") else event.language_hint
        utterance = utterance.with_analysis(ctx.analyzer.analyze(utterance.text, hint))
    _settle_locale(draft, event, utterance.analysis)
    if draft.state in STAFF_HELD:
        _with_staff(draft, utterance)
    else:
        _with_bot(draft, utterance)
    return draft.finish()
