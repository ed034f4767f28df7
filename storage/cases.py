"""Cases: creation, optimistic-lock saves and the staff list."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from dialogs.events import CaseState
from storage._base import TxBase
from storage.errors import StaleCase
from storage.models import Case, Job
from storage.records import CaseRecord, case_from_row

# The first time a case enters one of these states, the named timestamp column is set.
_MILESTONES = {"escalated": "escalated_at", "resolved": "resolved_at", "closed": "closed_at"}


def _state_columns(state: CaseState) -> dict[str, Any]:
    return {
        "state": state.state,
        "locale": state.locale,
        "category": state.category,
        "severity": state.severity,
        "validity": state.validity,
        "owner": state.owner,
        "slots": dict(state.slots),
        "memo": dict(state.memo),
    }


def _milestone(state: CaseState, now: datetime) -> dict[str, datetime]:
    column = _MILESTONES.get(state.state)
    return {} if column is None else {column: now}


class CaseQueries(TxBase):
    __slots__ = ()

    async def create_case(
        self, customer_id: int, channel: str, state: CaseState, now: datetime
    ) -> CaseRecord:
        statement = (
            insert(Case)
            .values(
                customer_id=customer_id,
                channel=channel,
                version=1,
                created_at=now,
                updated_at=now,
                **_state_columns(state),
                **_milestone(state, now),
            )
            .returning(*Case.__table__.c)
        )
        return case_from_row((await self._conn.execute(statement)).one())

    async def get_case(self, case_id: int) -> CaseRecord | None:
        row = (await self._conn.execute(select(Case).where(Case.id == case_id))).first()
        return None if row is None else case_from_row(row)

    async def open_case(self, customer_id: int) -> CaseRecord | None:
        """The customer's newest case that is not closed, if any."""
        query = (
            select(Case)
            .where(Case.customer_id == customer_id, Case.state != "closed")
            .order_by(Case.created_at.desc(), Case.id.desc())
            .limit(1)
        )
        row = (await self._conn.execute(query)).first()
        return None if row is None else case_from_row(row)

    async def save_case(self, case: CaseRecord, state: CaseState, now: datetime) -> CaseRecord:
        """Write ``state`` over ``case`` if nobody saved it since ``case`` was read.

        Raises:
            StaleCase: the row's version is no longer ``case.version``.
        """
        milestones = {
            column: value
            for column, value in _milestone(state, now).items()
            if getattr(case, column) is None
        }
        statement = (
            update(Case)
            .where(Case.id == case.id, Case.version == case.version)
            .values(version=case.version + 1, updated_at=now, **_state_columns(state), **milestones)
            .returning(*Case.__table__.c)
        )
        row = (await self._conn.execute(statement)).first()
        if row is None:
            raise StaleCase(case.id, case.version)
        return case_from_row(row)

    async def list_cases(
        self,
        *,
        states: Collection[str] | None = None,
        severities: Collection[str] | None = None,
        categories: Collection[str] | None = None,
        owner: str | None = None,
        limit: int = 100,
    ) -> list[CaseRecord]:
        """Cases newest first, each with its earliest pending ``sla_*`` job as ``sla_due_at``."""
        sla_due_at = (
            select(func.min(Job.due_at))
            .where(
                Job.case_id == Case.id,
                Job.status == "pending",
                Job.kind.startswith("sla_", autoescape=True),
            )
            .scalar_subquery()
            .label("sla_due_at")
        )
        query = select(Case, sla_due_at).order_by(Case.created_at.desc(), Case.id.desc())
        if states is not None:
            query = query.where(Case.state.in_(states))
        if severities is not None:
            query = query.where(Case.severity.in_(severities))
        if categories is not None:
            query = query.where(Case.category.in_(categories))
        if owner is not None:
            query = query.where(Case.owner == owner)
        rows = await self._conn.execute(query.limit(limit))
        return [case_from_row(row) for row in rows]
