"""The sender drains the outbox: claim pending replies per channel, deliver, mark."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from bot.channels.base import ChannelSender, DeliveryError
from bot.config import WorkerSettings
from storage import OutboxItem, Store

log = logging.getLogger(__name__)


def backoff(attempts: int, settings: WorkerSettings) -> float:
    """Seconds before retry ``attempts`` (1-based): exponential, capped."""
    return min(settings.retry_base_seconds * 2 ** (attempts - 1), settings.retry_max_seconds)


class Sender:
    """Delivers outbox rows through the registered channels. Safe to run in many workers."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, ChannelSender],
        settings: WorkerSettings,
        clock: Callable[[], datetime],
    ) -> None:
        self._store = store
        self._channels = dict(channels)
        self._settings = settings
        self._clock = clock
        self._wake = asyncio.Event()

    def register(self, channel: ChannelSender) -> None:
        """Deliver rows of ``channel.name`` through ``channel`` from now on."""
        self._channels[channel.name] = channel

    def wake(self) -> None:
        """Something was enqueued: drain now instead of at the next poll."""
        self._wake.set()

    async def drain(self) -> int:
        """Deliver every reply that is due now; returns how many were handled."""
        handled = 0
        while True:
            async with self._store.transaction() as tx:
                items = await tx.claim_outbox(
                    tuple(self._channels),
                    self._clock(),
                    self._settings.batch_size,
                    self._settings.lease_seconds,
                )
            if not items:
                return handled
            for item in items:
                await self._deliver(item)
            handled += len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        channel = self._channels[item.channel]
        try:
            external_id = await channel.send(item.recipient, item.reply)
        except DeliveryError as exc:
            await self._failed(item, str(exc), exc.retry_after)
            return
        except Exception as exc:  # a channel bug must not stop delivery of other rows
            log.exception("channel %s failed on outbox row %d", item.channel, item.id)
            await self._failed(item, f"{type(exc).__name__}: {exc}", None)
            return
        async with self._store.transaction() as tx:
            await tx.mark_sent(item.id, self._clock(), external_id)

    async def _failed(self, item: OutboxItem, error: str, retry_after: float | None) -> None:
        attempts = item.attempts + 1
        now = self._clock()
        retry_at = None
        if attempts < self._settings.max_attempts:
            delay = retry_after if retry_after is not None else backoff(attempts, self._settings)
            retry_at = now + timedelta(seconds=delay)
        log.warning(
            "delivery of outbox row %d on %s failed (attempt %d): %s",
            item.id,
            item.channel,
            attempts,
            error,
        )
        async with self._store.transaction() as tx:
            await tx.mark_failed(item.id, now, error, retry_at)

    async def run(self) -> None:
        """Drain forever: on every wake-up, and every poll interval for retries."""
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("outbox drain failed; will retry")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._settings.poll_seconds)
