"""The inbox: one customer message in, one transaction, replies into the outbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import dialogs
from bot.keyed_lock import KeyedLock
from bot.turns import apply_turn
from dialogs.events import CaseState, Inbound
from storage import DuplicateInbound, StaleCase, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Receipt:
    """What happened to an inbound message."""

    case_id: int | None
    duplicate: bool = False


def storable(inbound: Inbound) -> Inbound:
    """``inbound`` with NUL characters replaced by U+FFFD.

    PostgreSQL text and JSONB cannot hold NUL, and the customer's words travel into both
    (transcript, staff notices); U+FFFD keeps the fact that something unreadable was there.
    """
    if "\x00" not in inbound.text and "\x00" not in (inbound.display_name or ""):
        return inbound
    return replace(
        inbound,
        text=inbound.text.replace("\x00", "\ufffd"),
        display_name=inbound.display_name and inbound.display_name.replace("\x00", "\ufffd"),
    )


class Inbox:
    """Runs dialog turns for inbound messages, one at a time per customer."""

    def __init__(
        self,
        store: Store,
        context: dialogs.DialogContext,
        clock: Callable[[], datetime],
        on_commit: Callable[[], None],
        max_attempts: int = 5,
    ) -> None:
        self._store = store
        self._context = context
        self._clock = clock
        self._on_commit = on_commit
        self._max_attempts = max_attempts
        self._locks = KeyedLock()

    async def receive(self, inbound: Inbound) -> Receipt:
        """Record ``inbound`` and run its turn. A replayed message id changes nothing."""
        inbound = storable(inbound)
        async with self._locks.hold((inbound.channel, inbound.customer_ref)):
            for attempt in range(1, self._max_attempts + 1):
                try:
                    case_id = await self._turn(inbound)
                except DuplicateInbound:
                    log.info(
                        "duplicate %s message %s ignored", inbound.channel, inbound.external_id
                    )
                    return Receipt(case_id=None, duplicate=True)
                except StaleCase:
                    # Another worker (a job, a staff action) changed the case: run the turn again
                    # on the fresh state.
                    log.info("case changed concurrently; retrying turn (attempt %d)", attempt)
                    await asyncio.sleep(0.01 * attempt)
                    continue
                self._on_commit()
                return Receipt(case_id=case_id)
        raise RuntimeError(f"case kept changing; gave up after {self._max_attempts} attempts")

    async def _turn(self, inbound: Inbound) -> int:
        now = self._clock()
        async with self._store.transaction() as tx:
            customer = await tx.get_or_create_customer(
                inbound.channel,
                inbound.customer_ref,
                display_name=inbound.display_name,
                locale=inbound.language_hint,
                now=now,
            )
            case = await tx.open_case(customer.id)
            if case is None:
                case = await tx.create_case(customer.id, inbound.channel, CaseState(), now)
            await tx.record_inbound(inbound, customer.id, case.id, now)
            turn = dialogs.handle(case.state, inbound, now, self._context)
            await apply_turn(tx, case, customer, turn, now)
            phone = turn.state.slots.get("phone")
            if phone and phone != customer.phone:
                await tx.set_customer_phone(customer.id, phone)
            return case.id
