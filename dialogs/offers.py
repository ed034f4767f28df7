"""What staff offer the customer (a remedy or money) and the customer's answer to it. Pure.

Every offer gets a number; its accept / decline buttons carry it (``staff_accept:3``), so a
press is credited to the offer it was under even when a newer one followed. A typed yes or
no counts only as the answer to the latest offer, and only as the next thing the customer
says after it. The answer is recorded (``proposal_accepted`` / ``proposal_declined``), the
owner is told, the customer gets a short acknowledgement and the case stays with staff, who
resolve it; an accepted offer sets the resolve deadline (:mod:`dialogs.deadlines`).

Memo keys used here: ``staff_offer`` (the latest offer, as the staff console shows it),
``staff_offers`` (every offer since staff took the case), ``staff_offer_open`` (the latest
offer is the last thing the customer was asked), ``staff_offer_seq``.
"""

from __future__ import annotations

from typing import Any

from dialogs import deadlines
from dialogs.draft import Draft
from dialogs.events import Button
from dialogs.inputs import Utterance
from dialogs.remedies import APOLOGY

OFFER = "staff_offer"
OFFERS = "staff_offers"
OPEN = "staff_offer_open"
SEQ = "staff_offer_seq"
# Values of the buttons under a staff proposal or offer (they come back as button inbounds).
ACCEPT = "staff_accept"
DECLINE = "staff_decline"
# The reason code of the travel and lost-time compensation for a valid complaint.
TRAVEL = "valid_travel"
COMPENSATION = "compensation"
_SHOWN = ("remedy", "amount", "reason")  # what an answer's audit event repeats of the offer


def put(draft: Draft, offer: dict[str, Any]) -> tuple[Button, Button]:
    """Put ``offer`` on the table; the accept and decline buttons to send with it."""
    number = draft.count(SEQ)
    offer = {**offer, "n": number}
    draft.memo.setdefault(OFFERS, []).append(dict(offer))
    draft.memo[OFFER] = offer
    draft.memo[OPEN] = True
    return (
        draft.button("button.accept", f"{ACCEPT}:{number}"),
        draft.button("button.refuse", f"{DECLINE}:{number}"),
    )


def clear(draft: Draft) -> None:
    """The case is resolved: no offer is open any more (the numbering goes on)."""
    for key in (OFFER, OFFERS, OPEN):
        draft.memo.pop(key, None)


def label(draft: Draft, offer: dict[str, Any], locale: str) -> str:
    """The offer in words: the remedy's name or the amount."""
    if offer.get("kind") == "remedy":
        return draft.text_in(locale, f"remedy.{offer['remedy']}.name")
    key = "offer.travel" if offer.get("reason") == TRAVEL else "offer.compensation"
    return draft.text_in(locale, key, amount=offer["amount"])


def _pressed(value: str | None) -> tuple[str, int | None] | None:
    """(choice, offer number) from a staff decision button; a bare value means the latest."""
    if value is None:
        return None
    choice, _, number = value.partition(":")
    if choice not in (ACCEPT, DECLINE):
        return None
    if not number:
        return choice, None
    return (choice, int(number)) if number.isdigit() else None


def _find(draft: Draft, number: int | None) -> dict[str, Any] | None:
    if number is None:
        return draft.memo.get(OFFER)
    return next((o for o in draft.memo.get(OFFERS, ()) if o.get("n") == number), None)


def _typed(utterance: Utterance, offer: dict[str, Any]) -> str | None:
    """接受 / 不接受 in words; None when it is not clearly either."""
    intents = utterance.intents
    if "cancel" in intents or ("yes" in intents) == ("no" in intents):
        return None
    if "no" in intents:
        return DECLINE
    asked = utterance.analysis.slots.remedy if utterance.analysis is not None else ()
    on_table = (offer.get("remedy") or COMPENSATION, APOLOGY)
    return None if any(code not in on_table for code in asked) else ACCEPT


def answer(draft: Draft, utterance: Utterance) -> bool:
    """Take a customer message as the answer to a staff offer; True when it was one."""
    fresh = draft.memo.pop(OPEN, False)
    if draft.state != "with_staff":
        return False
    pressed = _pressed(utterance.button)
    if pressed is not None:
        choice, number = pressed
        offer = _find(draft, number)
    elif fresh and OFFER in draft.memo:
        offer = draft.memo[OFFER]
        choice = _typed(utterance, offer)
    else:
        return False
    if offer is None or choice is None:
        return False
    words = utterance.text if utterance.kind == "text" else ""
    _answer(draft, dict(offer), choice == ACCEPT, words)
    return True


def _remember(draft: Draft, offer: dict[str, Any]) -> None:
    offers = draft.memo.get(OFFERS, [])
    draft.memo[OFFERS] = [offer if o.get("n") == offer["n"] else o for o in offers]
    if draft.memo.get(OFFER, {}).get("n") == offer["n"]:
        draft.memo[OFFER] = offer


def _answer(draft: Draft, offer: dict[str, Any], accepted: bool, words: str) -> None:
    result = "accepted" if accepted else "declined"
    if offer.get("answer") == result:
        draft.say("offer.already")  # a second tap on the same button
        return
    offer["answer"] = result
    _remember(draft, offer)
    shown = {"offer": offer.get("kind")} | {k: offer[k] for k in _SHOWN if k in offer}
    staff_locale = draft.ctx.default_locale
    for_staff = label(draft, offer, staff_locale)
    said = draft.staff_text("staff.customer_words", text=words) if words else ""
    if accepted:
        draft.record("proposal_accepted", actor="customer", **shown)
        due = deadlines.agree(draft, offer.get("remedy") or COMPENSATION)
        notice = draft.staff_text(
            "staff.offer_accepted", offer=for_staff, due=draft.when(due, staff_locale)
        )
        draft.notify("proposal_accepted", "\n".join(filter(None, (notice, said))))
        draft.say("offer.accepted", offer=label(draft, offer, draft.locale), due=draft.when(due))
    else:
        draft.record("proposal_declined", actor="customer", **shown)
        notice = draft.staff_text("staff.offer_declined", offer=for_staff)
        draft.notify("proposal_declined", "\n".join(filter(None, (notice, said))))
        draft.say("offer.declined")
