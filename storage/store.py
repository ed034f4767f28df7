"""The entry point: a database, its migrations, and transactions on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import URL
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine
from storage.migration import upgrade_to_head
from storage.transaction import Transaction


class Store:
    """A database reached through an async engine (SQLite via aiosqlite, or asyncpg)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @classmethod
    def from_url(cls, url: str | URL, *, busy_timeout_ms: int = 30_000) -> Store:
        """Open ``url``: ``sqlite+aiosqlite:///path`` or ``postgresql[+asyncpg]://...``.

        For SQLite the file's directory is created, and ``busy_timeout_ms`` bounds how long a
        writer waits for another one.
        """
        return cls(create_engine(url, busy_timeout_ms=busy_timeout_ms))

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    async def migrate(self) -> None:
        """Upgrade the schema to the newest migration (safe to call on every start)."""
        async with self._engine.begin() as conn:
            await conn.run_sync(upgrade_to_head)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One transaction: committed when the block exits normally, else rolled back."""
        async with self._engine.begin() as conn:
            yield Transaction(conn)

    async def dispose(self) -> None:
        await self._engine.dispose()
