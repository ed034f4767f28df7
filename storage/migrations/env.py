"""Alembic environment: runs on the connection that ``storage.migration`` passes in."""

from __future__ import annotations

from alembic import context

from storage.models import Base


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "storage migrations run on a connection: use Store.migrate() or "
            "storage.migration.alembic_config(connection)"
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
