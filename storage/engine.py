"""Engine construction: URL normalisation and the SQLite connection set-up."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

_ASYNC_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}


def async_url(url: str | URL) -> URL:
    """``url`` with an asyncio driver: ``postgresql://`` (as in ``DATABASE_URL``) -> asyncpg."""
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    return parsed if driver is None else parsed.set(drivername=driver)


def create_engine(url: str | URL, *, busy_timeout_ms: int = 30_000) -> AsyncEngine:
    """An async engine for ``url``; on SQLite, writers queue for up to ``busy_timeout_ms``."""
    parsed = async_url(url)
    engine = create_async_engine(parsed, json_serializer=_json_dumps)
    if parsed.get_backend_name() == "sqlite":
        _create_parent_dir(parsed)
        event.listen(engine.sync_engine, "connect", partial(_on_sqlite_connect, busy_timeout_ms))
        event.listen(engine.sync_engine, "begin", _begin_immediate)
    return engine


def _json_dumps(value: Any) -> str:
    # Keep Chinese text readable in the database instead of \\u escapes.
    return json.dumps(value, ensure_ascii=False)


def _create_parent_dir(url: URL) -> None:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _on_sqlite_connect(busy_timeout_ms: int, dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the driver so that _begin_immediate decides how
    # transactions start (SQLAlchemy's documented aiosqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={int(busy_timeout_ms)}",
    ):
        cursor.execute(pragma)
    cursor.close()


def _begin_immediate(conn: Connection) -> None:
    # Take the write lock up front: concurrent writers wait (busy_timeout) instead of failing
    # with SQLITE_BUSY when a read transaction tries to upgrade to a write.
    conn.exec_driver_sql("BEGIN IMMEDIATE")
