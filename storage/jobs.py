"""The jobs queue: timed work (SLA deadlines, revisits, reports) shared by all workers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, insert, or_, select, update

from storage._base import TxBase
from storage._claims import claim_statement
from storage.models import Job
from storage.records import JobRecord, job_from_row


class JobQueries(TxBase):
    __slots__ = ()

    async def schedule_job(
        self, case_id: int | None, kind: str, due_at: datetime, payload: Mapping[str, Any]
    ) -> int:
        statement = (
            insert(Job)
            .values(
                case_id=case_id,
                kind=kind,
                due_at=due_at,
                status="pending",
                attempts=0,
                payload=dict(payload),
            )
            .returning(Job.id)
        )
        return (await self._conn.execute(statement)).scalar_one()

    async def cancel_jobs(self, case_id: int, kinds: tuple[str, ...]) -> int:
        """Cancel the case's pending jobs of ``kinds`` (all of them when empty); return count."""
        statement = (
            update(Job)
            .where(Job.case_id == case_id, Job.status == "pending")
            .values(status="cancelled")
        )
        if kinds:
            statement = statement.where(Job.kind.in_(kinds))
        return (await self._conn.execute(statement)).rowcount

    async def claim_jobs(self, now: datetime, limit: int, lease_seconds: float) -> list[JobRecord]:
        """Lease up to ``limit`` due jobs to this worker, earliest due first.

        A job is due when pending with ``due_at <= now``, or when running but its lease has
        expired (its worker died). Claimed jobs are running until ``lease_until``.
        """
        claimable = (
            select(Job.id)
            .where(
                or_(
                    and_(Job.status == "pending", Job.due_at <= now),
                    and_(Job.status == "running", Job.lease_until < now),
                )
            )
            .order_by(Job.due_at, Job.id)
            .limit(limit)
        )
        lease_until = now + timedelta(seconds=lease_seconds)
        statement = claim_statement(
            self._conn, Job, claimable, {"status": "running", "lease_until": lease_until}
        )
        jobs = [job_from_row(row) for row in await self._conn.execute(statement)]
        return sorted(jobs, key=lambda job: (job.due_at, job.id))

    async def complete_job(self, job_id: int, now: datetime) -> None:
        await self._set_job(job_id, status="done", lease_until=now)

    async def retry_job(self, job_id: int, retry_at: datetime | None, error: str) -> None:
        """Record a failed run: run again at ``retry_at``, or give up when it is None.

        Either way the failed attempt is counted and ``error`` kept as ``last_error``.
        """
        retry: dict[str, Any] = (
            {"status": "failed"} if retry_at is None else {"status": "pending", "due_at": retry_at}
        )
        await self._set_job(
            job_id, lease_until=None, last_error=error, attempts=Job.attempts + 1, **retry
        )

    async def _set_job(self, job_id: int, **values: Any) -> None:
        await self._conn.execute(update(Job).where(Job.id == job_id).values(**values))
