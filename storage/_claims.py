"""The claim statement shared by the outbox and the jobs queue."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Update, update
from sqlalchemy.ext.asyncio import AsyncConnection


def claim_statement(
    conn: AsyncConnection, model: Any, claimable: Select[Any], values: dict[str, Any]
) -> Update:
    """``UPDATE model SET values WHERE id IN (claimable ids) RETURNING *``.

    On PostgreSQL the candidates are locked ``FOR UPDATE SKIP LOCKED`` in a materialized CTE,
    so concurrent workers take disjoint rows and the LIMIT is evaluated exactly once. SQLite
    has no row locks: there the transaction's ``BEGIN IMMEDIATE`` serializes claimers.
    """
    candidates = claimable.with_for_update(skip_locked=True).cte("candidates")
    if conn.dialect.name == "postgresql":
        candidates = candidates.prefix_with("MATERIALIZED")
    return (
        update(model)
        .where(model.id.in_(candidates.select()))
        .values(**values)
        .returning(*model.__table__.c)
    )
