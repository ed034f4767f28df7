"""The case audit log (``case_events``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from storage._base import TxBase
from storage.models import CaseEvent
from storage.records import EventRecord, event_from_row


class AuditQueries(TxBase):
    __slots__ = ()

    async def add_event(
        self, case_id: int, kind: str, actor: str, data: Mapping[str, Any], now: datetime
    ) -> None:
        """Append an audit line: ``actor`` ("bot", "customer" or a staff id) did ``kind``."""
        await self._conn.execute(
            insert(CaseEvent).values(
                case_id=case_id, kind=kind, actor=actor, data=dict(data), created_at=now
            )
        )

    async def events(self, case_id: int, after_id: int = 0) -> list[EventRecord]:
        """The case's events with id > ``after_id``, oldest first."""
        query = (
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.id > after_id)
            .order_by(CaseEvent.id)
        )
        return [event_from_row(row) for row in await self._conn.execute(query)]

    async def events_after(self, after_id: int, limit: int = 100) -> list[EventRecord]:
        """Events of all cases with id > ``after_id``, oldest first (live staff console)."""
        query = select(CaseEvent).where(CaseEvent.id > after_id).order_by(CaseEvent.id).limit(limit)
        return [event_from_row(row) for row in await self._conn.execute(query)]
