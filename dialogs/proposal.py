"""Proposing a remedy within the bot's authority and taking the customer's decision.

Thank, apologise, propose the policy's first remedy (the customer's wish first when the policy
allows it); after a refusal propose the next; after ``refusal_limit`` refusals, or when
nothing within authority is left, hand the case to staff (PROCESS.md §4 steps 2–3).

Memo keys used here: ``offer`` (the remedy on the table), ``offered`` (all proposed so far),
``refusals``, ``resolved_at``, ``remedy_due``.
"""

from __future__ import annotations

from datetime import timedelta

from dialogs.draft import Draft
from dialogs.escalation import escalate
from dialogs.events import Button
from dialogs.inputs import Utterance
from dialogs.remedies import APOLOGY, decide
from dialogs.summary import description, details

ACCEPT = "accept"
REFUSE = "refuse"


def _buttons(draft: Draft) -> list[Button]:
    return [draft.button("button.accept", ACCEPT), draft.button("button.refuse", REFUSE)]


def propose(draft: Draft, *, after_refusal: bool) -> None:
    """State ``proposing``: offer the next remedy, or escalate when the bot may not decide."""
    ctx = draft.ctx
    offered: list[str] = draft.memo.setdefault("offered", [])
    decision = decide(
        ctx.policy, ctx.authority, draft.category, draft.severity, draft.slots, offered, draft.now
    )
    if decision.remedy is None:
        escalate(draft, decision.escalate or "no_remedy")
        return
    draft.fire("propose")
    draft.memo["offer"] = decision.remedy
    offered.append(decision.remedy)
    draft.record("remedy_proposed", remedy=decision.remedy)
    draft.lead("propose.alternative" if after_refusal else "propose.apology")
    draft.say(
        f"remedy.{decision.remedy}.offer",
        buttons=_buttons(draft),
        warranty_months=ctx.policy.warranty_months,
    )


def _accept(draft: Draft) -> None:
    limits, remedy = draft.ctx.time_limits, draft.memo["offer"]
    parts = remedy in draft.ctx.policy.warranty_remedies
    due = draft.now + timedelta(days=limits.parts_returns_days if parts else limits.resolve_days)
    draft.fire("accept")
    draft.memo.update(resolved_at=draft.now.isoformat(), remedy_due=due.isoformat())
    draft.record("remedy_accepted", actor="customer", remedy=remedy, due_at=due.isoformat())
    draft.notify(
        "remedy_accepted",
        draft.staff_text(
            "staff.remedy_accepted",
            remedy=draft.staff_text(f"remedy.{remedy}.name"),
            due=draft.when(due, draft.ctx.default_locale),
            description=description(draft, locale=draft.ctx.default_locale) or "-",
            details=details(draft, locale=draft.ctx.default_locale) or "-",
        ),
    )
    # Asking "is it solved?" before the promised date would be premature: a 15-day exchange is
    # revisited when it is due, a quick apology after revisit_after_days.
    draft.schedule("revisit", max(draft.now + timedelta(days=limits.revisit_after_days), due))
    draft.say(f"remedy.{remedy}.accepted", due=draft.when(due))


def _refuse(draft: Draft) -> None:
    refusals = draft.count("refusals")
    draft.record("remedy_refused", actor="customer", remedy=draft.memo["offer"], count=refusals)
    draft.fire("refuse")
    if refusals >= draft.ctx.options.refusal_limit:
        escalate(draft, "refused")
    else:
        propose(draft, after_refusal=True)


def on_awaiting_decision(draft: Draft, utterance: Utterance) -> None:
    """State ``awaiting_decision``: accept, refuse (also by asking for something else)."""
    analysis = utterance.analysis
    offer = draft.memo["offer"]
    asked_for = analysis.slots.remedy if analysis is not None else ()
    other_wish = [code for code in asked_for if code not in (offer, APOLOGY)]
    refused = utterance.says("no", REFUSE)
    if utterance.says("yes", ACCEPT) and not refused and not other_wish:
        _accept(draft)
    elif refused or other_wish:
        _refuse(draft)
    elif analysis is not None and analysis.is_complaint:
        draft.lead("capture.noted")
        ask_again(draft)
    else:
        draft.unclear("propose.ask_again", _buttons(draft), remedy=_offer_name(draft))


def _offer_name(draft: Draft) -> str:
    return draft.text(f"remedy.{draft.memo['offer']}.name")


def ask_again(draft: Draft) -> None:
    """Repeat the question about the remedy on the table."""
    draft.say("propose.ask_again", buttons=_buttons(draft), remedy=_offer_name(draft))
