"""Initial schema: customers, cases, messages, case events, jobs, outbox.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.columns import Id, Json, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", Id, primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_ref", sa.String(255), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=True),
        sa.Column("locale", sa.String(16), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("channel", "external_ref", name="uq_customers_channel_external_ref"),
    )
    op.create_table(
        "cases",
        sa.Column("id", Id, primary_key=True),
        sa.Column(
            "customer_id",
            Id,
            sa.ForeignKey("customers.id", name="fk_cases_customer_id_customers"),
            nullable=False,
        ),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("locale", sa.String(16), nullable=False),
        sa.Column("category", sa.String(64), nullable=True),
        sa.Column("severity", sa.String(32), nullable=False),
        sa.Column("validity", sa.String(32), nullable=True),
        sa.Column("owner", sa.String(64), nullable=True),
        sa.Column("slots", Json, nullable=False),
        sa.Column("memo", Json, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("escalated_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_cases_customer_state", "cases", ["customer_id", "state"])
    op.create_index("ix_cases_state_severity", "cases", ["state", "severity"])
    op.create_table(
        "messages",
        sa.Column("id", Id, primary_key=True),
        sa.Column(
            "case_id",
            Id,
            sa.ForeignKey("cases.id", name="fk_messages_case_id_cases"),
            nullable=True,
        ),
        sa.Column(
            "customer_id",
            Id,
            sa.ForeignKey("customers.id", name="fk_messages_customer_id_customers"),
            nullable=False,
        ),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("external_id", sa.String(255), nullable=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("media_type", sa.String(32), nullable=True),
        sa.Column("reply_key", sa.String(128), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", Json, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint(
            "channel", "direction", "external_id", name="uq_messages_channel_direction_external_id"
        ),
    )
    op.create_index("ix_messages_customer_id", "messages", ["customer_id", "id"])
    op.create_index("ix_messages_case_id", "messages", ["case_id", "id"])
    op.create_table(
        "case_events",
        sa.Column("id", Id, primary_key=True),
        sa.Column(
            "case_id",
            Id,
            sa.ForeignKey("cases.id", name="fk_case_events_case_id_cases"),
            nullable=False,
        ),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("data", Json, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id", "id"])
    op.create_table(
        "jobs",
        sa.Column("id", Id, primary_key=True),
        sa.Column(
            "case_id", Id, sa.ForeignKey("cases.id", name="fk_jobs_case_id_cases"), nullable=True
        ),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("payload", Json, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_jobs_status_due_at", "jobs", ["status", "due_at"])
    op.create_index("ix_jobs_case_id_status", "jobs", ["case_id", "status"])
    op.create_table(
        "outbox",
        sa.Column("id", Id, primary_key=True),
        sa.Column(
            "message_id",
            Id,
            sa.ForeignKey("messages.id", name="fk_outbox_message_id_messages"),
            nullable=False,
        ),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
    )
    op.create_index(
        "ix_outbox_status_channel_next", "outbox", ["status", "channel", "next_attempt_at"]
    )
    op.create_index("ix_outbox_recipient", "outbox", ["channel", "recipient", "id"])


def downgrade() -> None:
    for table in ("outbox", "jobs", "case_events", "messages", "cases", "customers"):
        op.drop_table(table)
