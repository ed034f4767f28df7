"""The scheduler runs due rows of the jobs table through the dialog (SLA, revisit, ...)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import dialogs
from bot.config import WorkerSettings
from bot.sender import backoff
from bot.turns import apply_turn
from dialogs.events import TimerFired
from storage import JobRecord, StaleCase, Store

log = logging.getLogger(__name__)


class Scheduler:
    """Claims due jobs (leased, so any number of workers can share them) and runs them."""

    def __init__(
        self,
        store: Store,
        context: dialogs.DialogContext,
        settings: WorkerSettings,
        clock: Callable[[], datetime],
        on_commit: Callable[[], None],
    ) -> None:
        self._store = store
        self._context = context
        self._settings = settings
        self._clock = clock
        self._on_commit = on_commit

    async def run_due(self) -> int:
        """Run every job due now; returns how many ran."""
        ran = 0
        while True:
            async with self._store.transaction() as tx:
                jobs = await tx.claim_jobs(
                    self._clock(), self._settings.batch_size, self._settings.lease_seconds
                )
            if not jobs:
                return ran
            for job in jobs:
                await self._run(job)
            ran += len(jobs)
            self._on_commit()

    async def _run(self, job: JobRecord) -> None:
        try:
            await self._fire(job)
        except StaleCase:
            await self._retry(job, "case changed concurrently", 0)
        except Exception as exc:
            log.exception("job %d (%s) failed", job.id, job.kind)
            await self._retry(job, f"{type(exc).__name__}: {exc}", None)

    async def _fire(self, job: JobRecord) -> None:
        now = self._clock()
        async with self._store.transaction() as tx:
            case = await tx.get_case(job.case_id) if job.case_id is not None else None
            if case is not None and case.state.state != "closed":
                customer = await tx.customer(case.customer_id)
                event = TimerFired(kind=job.kind, due_at=job.due_at, payload=job.payload)
                turn = dialogs.handle(case.state, event, now, self._context)
                await apply_turn(tx, case, customer, turn, now)
            await tx.complete_job(job.id, now)

    async def _retry(self, job: JobRecord, error: str, delay: float | None) -> None:
        attempts = job.attempts + 1
        now = self._clock()
        async with self._store.transaction() as tx:
            if attempts >= self._settings.max_attempts:
                await tx.retry_job(job.id, None, error)
            else:
                wait = backoff(attempts, self._settings) if delay is None else delay
                await tx.retry_job(job.id, now + timedelta(seconds=wait), error)

    async def run(self) -> None:
        """Run due jobs forever, every poll interval."""
        while True:
            try:
                await self.run_due()
            except Exception:
                log.exception("job run failed; will retry")
            await asyncio.sleep(self._settings.poll_seconds)
