"""Fixtures for tests that run the real app: a store in a temp dir, a movable clock, a channel
that records what it was asked to send."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from storage_support import drop_schema, postgres_url, sqlite_url

from bot.app import App
from bot.config import load_settings
from dialogs.events import Reply
from nlp import Analyzer
from storage import Store


class FakeClock:
    """Time that only moves when a test says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class RecordingChannel:
    """A channel that delivers nowhere and remembers every reply, per recipient."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: dict[str, list[Reply]] = defaultdict(list)

    async def send(self, recipient: str, reply: Reply) -> str | None:
        self.sent[recipient].append(reply)
        return f"{self.name}:{recipient}:{len(self.sent[recipient])}"

    def sent_to(self, recipient: str) -> list[Reply]:
        return self.sent[recipient]


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """Loaded once: jieba and the lexicons take a moment."""
    return Analyzer.load()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request, tmp_path):
    """Every app test runs on SQLite, and on PostgreSQL when ``DATABASE_URL`` names one."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url = postgres_url()
    store = Store.from_url(url)
    await drop_schema(store)
    await store.dispose()
    return url


@pytest.fixture
def settings(database_url):
    base = load_settings(None, env={})
    storage = base.storage.model_copy(update={"url": database_url})
    return base.model_copy(update={"storage": storage})


@pytest.fixture
def recorder() -> RecordingChannel:
    return RecordingChannel("console")


@pytest.fixture
async def app(settings, analyzer, clock, recorder):
    app = await App.open(settings, analyzer=analyzer, clock=clock)
    app.register(recorder)
    yield app
    await app.close()
