"""Shared fixtures.

``store``: a migrated SQLite store in a temporary directory. ``pg_store``: the same on the
PostgreSQL at ``DATABASE_URL``, emptied first (skipped when ``DATABASE_URL`` is unset).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from storage_support import drop_schema, postgres_url, sqlite_url

from storage import Store

pytest_plugins = ["fixtures_app", "helpers.web"]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = Store.from_url(sqlite_url(tmp_path))
    await store.migrate()
    yield store
    await store.dispose()


@pytest.fixture
async def pg_store() -> AsyncIterator[Store]:
    store = Store.from_url(postgres_url())
    await drop_schema(store)
    await store.migrate()
    yield store
    await store.dispose()
