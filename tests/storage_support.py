"""Helpers for tests that need a database of their own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Store
from storage.models import Base


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.sqlite3'}"


def postgres_url() -> str:
    """``DATABASE_URL`` when it points at PostgreSQL; skips the calling test otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    return url


async def drop_schema(store: Store) -> None:
    """Drop every table the migrations create, so a test starts from nothing."""
    async with store.engine.begin() as conn:
        await conn.run_sync(Base.metadata.drop_all)
        await conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
