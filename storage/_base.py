"""What every query mixin of :class:`storage.transaction.Transaction` shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


class TxBase:
    """Holds the connection of one open database transaction."""

    __slots__ = ("_conn",)

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    def _upsert_insert(self, model: Any) -> postgresql.Insert | sqlite.Insert:
        """An INSERT that supports ``on_conflict_do_nothing`` on the connection's dialect.

        ON CONFLICT leaves the transaction usable, where a caught IntegrityError would abort
        it on PostgreSQL.
        """
        if self._conn.dialect.name == "postgresql":
            return postgresql.insert(model)
        return sqlite.insert(model)
