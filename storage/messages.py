"""The transcript: recording inbound messages and reading messages back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from dialogs.events import Inbound
from storage._base import TxBase
from storage.errors import DuplicateInbound
from storage.models import Message, OutboxRow
from storage.records import MessageRecord, message_from_row

# Outbound messages still on their way to the customer.
_UNDELIVERED = ("pending", "sending")


class MessageQueries(TxBase):
    __slots__ = ()

    async def record_inbound(
        self, inbound: Inbound, customer_id: int, case_id: int | None, now: datetime
    ) -> MessageRecord:
        """Record a customer message, exactly once per (channel, external id).

        Raises:
            DuplicateInbound: the message was recorded before. The transaction stays usable.
        """
        statement = (
            self._upsert_insert(Message)
            .values(
                case_id=case_id,
                customer_id=customer_id,
                channel=inbound.channel,
                direction="in",
                external_id=inbound.external_id,
                author="customer",
                kind=inbound.kind,
                media_type=inbound.media_type,
                text=inbound.text,
                buttons=[],
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel", "direction", "external_id"])
            .returning(*Message.__table__.c)
        )
        row = (await self._conn.execute(statement)).first()
        if row is None:
            raise DuplicateInbound(inbound.channel, inbound.external_id)
        return message_from_row(row)

    async def transcript(self, case_id: int) -> list[MessageRecord]:
        """Every message of the case in order, including outbound ones not yet delivered."""
        query = select(Message).where(Message.case_id == case_id).order_by(Message.id)
        return [message_from_row(row) for row in await self._conn.execute(query)]

    async def messages_after(
        self, customer_id: int, after_id: int, limit: int = 100
    ) -> list[MessageRecord]:
        """The customer's messages with id > ``after_id`` that the customer can see, in order.

        Inbound messages, and outbound ones whose outbox row is sent. The result stops
        before the first outbound message still pending or sending, so a caller that uses
        the last returned id as its next ``after_id`` never skips a message sent later.
        Outbound messages the sender gave up on are left out and do not hold others back.
        """
        first_undelivered = (
            select(Message.id)
            .join(OutboxRow, OutboxRow.message_id == Message.id)
            .where(
                Message.customer_id == customer_id,
                Message.id > after_id,
                OutboxRow.status.in_(_UNDELIVERED),
            )
            .order_by(Message.id)
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(Message)
            .outerjoin(OutboxRow, OutboxRow.message_id == Message.id)
            .where(
                Message.customer_id == customer_id,
                Message.id > after_id,
                or_(Message.direction == "in", OutboxRow.status == "sent"),
                or_(first_undelivered.is_(None), Message.id < first_undelivered),
            )
            .order_by(Message.id)
            .limit(limit)
        )
        return [message_from_row(row) for row in await self._conn.execute(query)]
