"""Composition root: config, storage, NLP, dialogs and channels wired into one object."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.channels.base import ChannelSender
from bot.clock import utcnow
from bot.config import Settings
from bot.inbox import Inbox
from bot.scheduler import Scheduler
from bot.sender import Sender
from dialogs import DialogContext
from nlp import Analyzer
from storage import Store


def build_context(settings: Settings, analyzer: Analyzer) -> DialogContext:
    """The dialog's read-only context from settings (catalogues are loaded here, once)."""
    return DialogContext.build(
        analyzer,
        options=settings.dialog,
        time_limits=settings.time_limits,
        policy=settings.policy,
        authority=settings.authority,
        brand=settings.service.brand,
        timezone=settings.service.timezone,
        default_locale=settings.service.default_locale,
    )


@dataclass
class App:
    """The running bot: inbox, sender and scheduler over one store."""

    settings: Settings
    store: Store
    context: DialogContext
    inbox: Inbox
    sender: Sender
    scheduler: Scheduler
    clock: Callable[[], datetime]

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        analyzer: Analyzer | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> App:
        """Connect and migrate the database, load NLP and catalogues. Call once at start."""
        store = Store.from_url(settings.storage.url)
        await store.migrate()
        context = build_context(settings, analyzer or Analyzer.load(settings.nlp))
        sender = Sender(store, {}, settings.worker, clock)
        inbox = Inbox(store, context, clock, sender.wake)
        scheduler = Scheduler(store, context, settings.worker, clock, sender.wake)
        return cls(settings, store, context, inbox, sender, scheduler, clock)

    def register(self, channel: ChannelSender) -> None:
        """Let the sender deliver replies for ``channel``."""
        self.sender.register(channel)

    async def run_workers(self) -> None:
        """The sender and the scheduler, until cancelled."""
        await asyncio.gather(self.sender.run(), self.scheduler.run())

    async def close(self) -> None:
        await self.store.dispose()
