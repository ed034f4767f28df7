"""Frozen records the unit of work hands out, and their construction from result rows.

Records are copies: changing what a caller holds never changes the database, and nothing
outside ``storage`` ever sees an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Row

from dialogs.events import Button, CaseState, Reply

Direction = Literal["in", "out"]
JobStatus = Literal["pending", "running", "done", "cancelled", "failed"]


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    id: int
    channel: str
    external_ref: str
    display_name: str | None
    locale: str | None
    phone: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """A case row. ``sla_due_at`` (earliest pending ``sla_*`` job) is only set by list_cases."""

    id: int
    customer_id: int
    channel: str
    state: CaseState
    version: int
    created_at: datetime
    updated_at: datetime
    escalated_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    sla_due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """A transcript line. ``reply_key`` names the catalogue entry of a bot message."""

    id: int
    case_id: int | None
    customer_id: int
    channel: str
    direction: Direction
    external_id: str | None
    author: str
    kind: str
    text: str
    buttons: tuple[Button, ...]
    created_at: datetime
    media_type: str | None = None
    reply_key: str = ""


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    case_id: int
    actor: str
    kind: str
    data: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A jobs row. ``attempts`` counts failed runs recorded with ``retry_job``."""

    id: int
    case_id: int | None
    kind: str
    due_at: datetime
    status: JobStatus
    attempts: int
    lease_until: datetime | None
    last_error: str | None
    payload: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A claimed outbound message. ``attempts`` counts failures recorded so far."""

    id: int
    message_id: int
    channel: str
    recipient: str
    case_id: int | None
    reply: Reply
    attempts: int


def buttons_to_json(buttons: Iterable[Button]) -> list[dict[str, str]]:
    return [{"label": b.label, "value": b.value} for b in buttons]


def buttons_from_json(data: Iterable[Mapping[str, str]]) -> tuple[Button, ...]:
    return tuple(Button(label=b["label"], value=b["value"]) for b in data)


def customer_from_row(row: Row[Any]) -> CustomerRecord:
    m = row._mapping
    return CustomerRecord(
        id=m["id"],
        channel=m["channel"],
        external_ref=m["external_ref"],
        display_name=m["display_name"],
        locale=m["locale"],
        phone=m["phone"],
        created_at=m["created_at"],
    )


def case_from_row(row: Row[Any]) -> CaseRecord:
    m = row._mapping
    state = CaseState(
        state=m["state"],
        locale=m["locale"],
        category=m["category"],
        severity=m["severity"],
        validity=m["validity"],
        owner=m["owner"],
        slots=m["slots"],
        memo=m["memo"],
    )
    return CaseRecord(
        id=m["id"],
        customer_id=m["customer_id"],
        channel=m["channel"],
        state=state,
        version=m["version"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        escalated_at=m["escalated_at"],
        resolved_at=m["resolved_at"],
        closed_at=m["closed_at"],
        sla_due_at=m.get("sla_due_at"),
    )


def message_from_row(row: Row[Any]) -> MessageRecord:
    m = row._mapping
    return MessageRecord(
        id=m["id"],
        case_id=m["case_id"],
        customer_id=m["customer_id"],
        channel=m["channel"],
        direction=m["direction"],
        external_id=m["external_id"],
        author=m["author"],
        kind=m["kind"],
        text=m["text"],
        buttons=buttons_from_json(m["buttons"]),
        created_at=m["created_at"],
        media_type=m["media_type"],
        reply_key=m["reply_key"] or "",
    )


def event_from_row(row: Row[Any]) -> EventRecord:
    m = row._mapping
    return EventRecord(
        id=m["id"],
        case_id=m["case_id"],
        actor=m["actor"],
        kind=m["kind"],
        data=m["data"],
        created_at=m["created_at"],
    )


def job_from_row(row: Row[Any]) -> JobRecord:
    m = row._mapping
    return JobRecord(
        id=m["id"],
        case_id=m["case_id"],
        kind=m["kind"],
        due_at=m["due_at"],
        status=m["status"],
        attempts=m["attempts"],
        lease_until=m["lease_until"],
        last_error=m["last_error"],
        payload=m["payload"],
        created_at=m["created_at"],
    )
