"""The unit of work: every query the application runs, on one open transaction."""

from __future__ import annotations

from storage.audit import AuditQueries
from storage.cases import CaseQueries
from storage.customers import CustomerQueries
from storage.jobs import JobQueries
from storage.messages import MessageQueries
from storage.outbox import OutboxQueries


class Transaction(
    CustomerQueries, CaseQueries, MessageQueries, AuditQueries, JobQueries, OutboxQueries
):
    """One database transaction, opened by :meth:`storage.Store.transaction`.

    Only valid inside its ``async with`` block; the block commits or rolls back.
    """

    __slots__ = ()
