"""Carry out one staff action: load the case, check what the staff member saw, apply, save.

Every staff surface (web console, JSON API, a staff chat) calls :func:`do_staff_action`, so
the rules in ``dialogs.staff`` and the audit trail are the same whichever way staff work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.app import App
from bot.staff.accounts import StaffDirectory
from bot.turns import apply_turn
from dialogs.events import StaffCommand
from dialogs.staff import Refusal, Staff, apply_staff
from storage import StaleCase

log = logging.getLogger(__name__)

# Refusals worth an audit line: someone tried something they may not do.
AUDITED_REFUSALS = frozenset({"not_authorised", "beyond_authority", "not_owner"})


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    """What became of an action: done (with the case's new version) or refused (with why)."""

    case_id: int
    refusal: str | None = None
    version: int | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def staff_roster(directory: StaffDirectory) -> dict[str, Staff]:
    """Config's staff as the pure rules see them."""
    return {m.id: Staff(id=m.id, name=m.name, role=m.role) for m in directory.members}


async def do_staff_action(
    app: App,
    directory: StaffDirectory,
    case_id: int,
    command: StaffCommand,
    *,
    seen_version: int | None,
) -> ActionOutcome:
    """Apply ``command`` to the case in one transaction and wake the sender.

    ``seen_version`` is the case version the staff member's page showed; when the case has
    changed since, nothing is done and the refusal is ``stale`` (a stale tab must not act on
    a case it has not seen). ``None`` skips that check (callers that read and act at once).
    """
    now = app.clock()
    try:
        async with app.store.transaction() as tx:
            case = await tx.get_case(case_id)
            if case is None:
                return ActionOutcome(case_id, refusal="not_found")
            if seen_version is not None and seen_version != case.version:
                return ActionOutcome(case_id, refusal="stale", version=case.version)
            result = apply_staff(case.state, command, staff_roster(directory), now, app.context)
            if isinstance(result, Refusal):
                if result.reason in AUDITED_REFUSALS:
                    data = _refused(command, result)
                    await tx.add_event(case.id, "action_refused", command.actor, data, now)
                log.info(
                    "staff %s: %s on case %d refused (%s)",
                    command.actor,
                    command.action,
                    case_id,
                    result.reason,
                )
                return ActionOutcome(case_id, refusal=result.reason, version=case.version)
            customer = await tx.customer(case.customer_id)
            if customer is None:
                raise LookupError(f"case {case_id} has no customer")
            author = _speaker(command, case.state.owner, result.state.owner)
            saved = await apply_turn(tx, case, customer, result, now, author=author)
    except StaleCase:
        # Read and write raced with another writer (a customer message, another staff member).
        return ActionOutcome(case_id, refusal="stale")
    app.sender.wake()
    log.info("staff %s: %s on case %d", command.actor, command.action, case_id)
    return ActionOutcome(case_id, version=saved.version)


def _speaker(command: StaffCommand, owner_before: str | None, owner_after: str | None) -> str:
    """Who the customer hears: the case's owner (首问负责制), not e.g. the approver.

    The audit events still name the actor; only the transcript's author differs.
    """
    if command.action == "hand_over":
        return command.actor
    return owner_after or owner_before or command.actor


def _refused(command: StaffCommand, refusal: Refusal) -> dict[str, Any]:
    return {"action": command.action, "reason": refusal.reason, "detail": refusal.detail}
