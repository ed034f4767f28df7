"""The schema: Alembic migration from scratch, idempotence, agreement with the models,
and the engine set-up for each URL form."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from storage_support import drop_schema, postgres_url, sqlite_url

from storage import Store
from storage.engine import async_url
from storage.models import Base

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
TABLES = {"customers", "cases", "messages", "case_events", "jobs", "outbox", "alembic_version"}


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """A store on a database without any of our tables."""
    if request.param == "sqlite":
        store = Store.from_url(sqlite_url(tmp_path))
    else:
        store = Store.from_url(postgres_url())
        await drop_schema(store)
    yield store
    await store.dispose()


async def _table_names(store: Store) -> set[str]:
    async with store.engine.connect() as conn:
        return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))


async def test_migrate_creates_every_table_from_scratch(empty_store: Store) -> None:
    assert not TABLES & await _table_names(empty_store)

    await empty_store.migrate()

    assert await _table_names(empty_store) >= TABLES


async def test_migrate_twice_is_a_no_op(empty_store: Store) -> None:
    await empty_store.migrate()
    async with empty_store.transaction() as tx:
        await tx.get_or_create_customer("web", "s-1", now=NOW)

    await empty_store.migrate()

    async with empty_store.engine.connect() as conn:
        versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    async with empty_store.transaction() as tx:
        kept = await tx.get_or_create_customer("web", "s-1", now=NOW)
    assert [row.version_num for row in versions] == ["0001"]
    assert kept.id == 1


async def test_migration_matches_the_models(empty_store: Store) -> None:
    await empty_store.migrate()

    def differences(sync: Connection) -> list[object]:
        return compare_metadata(MigrationContext.configure(sync), Base.metadata)

    async with empty_store.engine.connect() as conn:
        assert await conn.run_sync(differences) == []


@pytest.mark.parametrize(
    ("given", "driver", "database"),
    [
        ("postgresql://postgres@db:5432/bot", "postgresql+asyncpg", "bot"),
        ("postgres://postgres@db/bot", "postgresql+asyncpg", "bot"),
        ("postgresql+asyncpg://postgres@db/bot", "postgresql+asyncpg", "bot"),
        ("sqlite:///data/bot.sqlite3", "sqlite+aiosqlite", "data/bot.sqlite3"),
        ("sqlite+aiosqlite:///data/bot.sqlite3", "sqlite+aiosqlite", "data/bot.sqlite3"),
    ],
)
def test_urls_get_an_asyncio_driver(given: str, driver: str, database: str) -> None:
    url = async_url(given)

    assert (url.drivername, url.database) == (driver, database)


async def test_sqlite_store_creates_its_directory_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "bot.sqlite3"
    store = Store.from_url(f"sqlite:///{path}", busy_timeout_ms=1234)
    try:
        async with store.engine.connect() as conn:
            pragmas = {
                name: (await conn.exec_driver_sql(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
    finally:
        await store.dispose()

    assert path.parent.is_dir()
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 1234}
