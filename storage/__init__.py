"""Persistence: SQLAlchemy 2 models, Alembic migrations and the unit-of-work API.

``async with store.transaction() as tx:`` opens one database transaction; ``tx`` methods
read and write, and return frozen records. No business rules live here.
"""

from storage.errors import DuplicateInbound, StaleCase
from storage.records import (
    CaseRecord,
    CustomerRecord,
    EventRecord,
    JobRecord,
    MessageRecord,
    OutboxItem,
)
from storage.store import Store
from storage.transaction import Transaction

__all__ = [
    "CaseRecord",
    "CustomerRecord",
    "DuplicateInbound",
    "EventRecord",
    "JobRecord",
    "MessageRecord",
    "OutboxItem",
    "StaleCase",
    "Store",
    "Transaction",
]
