"""The outbox: replies written with the turn that produced them, delivered by senders."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, insert, or_, select, update
from sqlalchemy.orm import aliased

from dialogs.events import Reply
from storage._base import TxBase
from storage._claims import claim_statement
from storage.models import Message, OutboxRow
from storage.records import CustomerRecord, OutboxItem, buttons_from_json, buttons_to_json


class OutboxQueries(TxBase):
    __slots__ = ()

    async def enqueue_reply(
        self,
        case_id: int | None,
        customer: CustomerRecord,
        reply: Reply,
        *,
        author: str = "bot",
        now: datetime,
    ) -> int:
        """Write ``reply`` to the transcript and queue it for the customer's channel.

        ``author`` is "bot" or the staff id who wrote it. Returns the outbox id.
        """
        message = (
            insert(Message)
            .values(
                case_id=case_id,
                customer_id=customer.id,
                channel=customer.channel,
                direction="out",
                author=author,
                kind="text",
                reply_key=reply.key or None,
                text=reply.text,
                buttons=buttons_to_json(reply.buttons),
                created_at=now,
            )
            .returning(Message.id)
        )
        message_id = (await self._conn.execute(message)).scalar_one()
        outbox = (
            insert(OutboxRow)
            .values(
                message_id=message_id,
                channel=customer.channel,
                recipient=customer.external_ref,
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
            .returning(OutboxRow.id)
        )
        return (await self._conn.execute(outbox)).scalar_one()

    async def claim_outbox(
        self, channels: Collection[str], now: datetime, limit: int, lease_seconds: float
    ) -> list[OutboxItem]:
        """Lease up to ``limit`` deliverable rows of ``channels`` to this sender.

        Replies to one recipient go out in order: a row is deliverable only when no earlier
        row to the same recipient is still pending or sending, so a claim holds at most one
        row per recipient. A row whose sender died is deliverable again once its lease
        expires. Claimed rows are "sending" until ``lease_until``.
        """
        if not channels:
            return []
        earlier = aliased(OutboxRow)
        earlier_undelivered = exists().where(
            earlier.channel == OutboxRow.channel,
            earlier.recipient == OutboxRow.recipient,
            earlier.id < OutboxRow.id,
            earlier.status.in_(("pending", "sending")),
        )
        claimable = (
            select(OutboxRow.id)
            .where(
                OutboxRow.channel.in_(channels),
                or_(
                    and_(OutboxRow.status == "pending", OutboxRow.next_attempt_at <= now),
                    and_(OutboxRow.status == "sending", OutboxRow.lease_until < now),
                ),
                ~earlier_undelivered,
            )
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
            .limit(limit)
        )
        lease_until = now + timedelta(seconds=lease_seconds)
        statement = claim_statement(
            self._conn, OutboxRow, claimable, {"status": "sending", "lease_until": lease_until}
        )
        claimed = (await self._conn.execute(statement)).all()
        if not claimed:
            return []
        messages = await self._conn.execute(
            select(Message).where(Message.id.in_([row.message_id for row in claimed]))
        )
        by_id = {row.id: row for row in messages}
        return sorted(
            (_outbox_item(row, by_id[row.message_id]) for row in claimed),
            key=lambda item: item.id,
        )

    async def mark_sent(
        self, outbox_id: int, now: datetime, external_id: str | None = None
    ) -> None:
        """Record delivery; ``external_id`` is the platform's id for the sent message.

        The id must be unique per channel among outbound messages (compose it with the chat
        id where the platform numbers messages per chat).
        """
        statement = (
            update(OutboxRow)
            .where(OutboxRow.id == outbox_id)
            .values(status="sent", sent_at=now, lease_until=now)
            .returning(OutboxRow.message_id)
        )
        message_id = (await self._conn.execute(statement)).scalar_one()
        if external_id is not None:
            await self._conn.execute(
                update(Message).where(Message.id == message_id).values(external_id=external_id)
            )

    async def mark_failed(
        self, outbox_id: int, now: datetime, error: str, retry_at: datetime | None
    ) -> None:
        """Record a failed delivery: try again at ``retry_at``, or give up when it is None."""
        retry: dict[str, Any] = (
            {"status": "failed"}
            if retry_at is None
            else {"status": "pending", "next_attempt_at": retry_at}
        )
        await self._conn.execute(
            update(OutboxRow)
            .where(OutboxRow.id == outbox_id)
            .values(lease_until=now, last_error=error, attempts=OutboxRow.attempts + 1, **retry)
        )


def _outbox_item(outbox: Any, message: Any) -> OutboxItem:
    reply = Reply(
        text=message.text,
        buttons=buttons_from_json(message.buttons),
        key=message.reply_key or "",
    )
    return OutboxItem(
        id=outbox.id,
        message_id=outbox.message_id,
        channel=outbox.channel,
        recipient=outbox.recipient,
        case_id=message.case_id,
        reply=reply,
        attempts=outbox.attempts,
    )
