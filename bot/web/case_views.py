"""Cases, transcripts and audit events as the staff console shows them (read-only)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.config import StaffMember
from dialogs import DialogContext
from dialogs.staff import OFFER, REQUEST
from storage import CaseRecord, CustomerRecord, EventRecord, MessageRecord

OPEN_STATES = ("escalated", "with_staff")
# Event data shown in the audit list, in this order (anything else stays in the database).
EVENT_FIELDS = (
    "category",
    "amount",
    "remedy",
    "to",
    "value",
    "needs",
    "score",
    "reason",
    "summary",
    "text",
)


@dataclass(frozen=True, slots=True)
class Labels:
    """Words for codes: catalogue texts in the page's locale, staff names from config."""

    ctx: DialogContext
    locale: str
    words: Mapping[str, str]
    staff: Mapping[str, StaffMember]

    def catalogue(self, key: str, fallback: str) -> str:
        catalogue = self.ctx.catalogue
        if not catalogue.has(key):
            return fallback
        locale = self.locale if self.locale in catalogue.locales else self.ctx.default_locale
        return catalogue.texts[locale][key]

    def slot(self, name: str, value: object) -> str:
        """A captured detail as the customer's restatement words it ("订单号：…")."""
        values = value if isinstance(value, list | tuple) else [value]
        if name == "remedy":
            values = [self.remedy(str(code)) for code in values]
        joined = self.catalogue("format.list_join", ", ").join(str(v) for v in values)
        template = self.catalogue(f"detail.{name}", name + ": {value}")
        return template.format(value=joined)

    def category(self, code: str | None) -> str:
        return "—" if code is None else self.catalogue(f"category.{code}", code)

    def severity(self, code: str) -> str:
        return self.words.get(f"severity_{code}", code)

    def role(self, code: str) -> str:
        return self.catalogue(f"role.{code}", code)

    def remedy(self, code: str) -> str:
        return self.catalogue(f"remedy.{code}.name", code)

    def state(self, code: str) -> str:
        return self.words.get(f"state_{code}", code)

    def validity(self, code: str | None) -> str:
        return "—" if code is None else self.words.get(f"validity_{code}", code)

    def actor(self, actor: str) -> str:
        if actor in ("bot", "customer"):
            return self.words[f"author_{actor}"]
        member = self.staff.get(actor)
        return member.name if member else actor

    def event(self, kind: str) -> str:
        return self.words.get(f"event_{kind}", kind)


def fingerprint(case: CaseRecord) -> str:
    """Changes when what the action panel offers would change (not on every message).

    The console updates its forms' version silently while this stays the same; otherwise it
    asks the staff member to reload before acting.
    """
    state = case.state
    relevant = [
        state.state,
        state.owner,
        state.severity,
        state.validity,
        state.memo.get(REQUEST),
        state.memo.get(OFFER),
    ]
    encoded = json.dumps(relevant, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def sla_due(case: CaseRecord) -> datetime | None:
    """When staff must answer: from the case list, or the escalation's promise."""
    if case.sla_due_at is not None:
        return case.sla_due_at
    if case.state.state == "escalated" and "due_at" in case.state.memo:
        return datetime.fromisoformat(case.state.memo["due_at"])
    return None


def list_due(case: CaseRecord) -> datetime | None:
    """The deadline the case list shows: open cases only."""
    return sla_due(case) if case.state.state in OPEN_STATES else None


def list_signature(cases: Iterable[CaseRecord], now: datetime) -> tuple[Any, ...]:
    """Changes whenever the list of ``cases`` would look different at ``now``.

    Every change to a case bumps its version; only the overdue mark changes with time alone.
    """
    return tuple(
        (c.id, c.version, c.sla_due_at, (due := list_due(c)) is not None and due < now)
        for c in cases
    )


def case_row(
    case: CaseRecord, customer: CustomerRecord | None, labels: Labels, now: datetime
) -> dict[str, Any]:
    due = list_due(case)
    return {
        "id": case.id,
        "version": case.version,
        "state": case.state.state,
        "state_label": labels.state(case.state.state),
        "severity": case.state.severity,
        "severity_label": labels.severity(case.state.severity),
        "category": case.state.category,
        "category_label": labels.category(case.state.category),
        "owner": case.state.owner,
        "owner_label": labels.actor(case.state.owner) if case.state.owner else None,
        "customer_label": customer_label(customer),
        "channel": case.channel,
        "sla_due_at": due,
        "overdue": due is not None and due < now,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def customer_label(customer: CustomerRecord | None) -> str:
    if customer is None:
        return "—"
    return customer.display_name or f"{customer.channel} #{customer.id}"


def button_labels(messages: Iterable[MessageRecord]) -> dict[str, str]:
    """Button value → label from every button the bot or staff offered."""
    return {b.value: b.label for m in messages if m.direction == "out" for b in m.buttons}


def message_view(
    message: MessageRecord, labels: Labels, buttons: Mapping[str, str]
) -> dict[str, Any]:
    text = message.text
    if message.kind == "button":
        text = buttons.get(text, text)
    elif message.kind == "media":
        text = f"[{message.media_type or 'media'}]"
    if message.direction == "in":
        side = "customer"
    else:
        side = "bot" if message.author == "bot" else "staff"
    return {
        "id": message.id,
        "side": side,
        "author": labels.actor("customer" if message.direction == "in" else message.author),
        "text": text,
        "kind": message.kind,
        "buttons": [b.label for b in message.buttons],
        "at": message.created_at,
    }


def messages_view(
    transcript: Sequence[MessageRecord], labels: Labels, after: int = 0
) -> list[dict[str, Any]]:
    buttons = button_labels(transcript)
    return [message_view(m, labels, buttons) for m in transcript if m.id > after]


def event_details(event: EventRecord, labels: Labels) -> list[str]:
    """The event's data as short lines for the audit list."""
    data = event.data
    if event.kind == "notify_staff":
        return [str(data.get("text", ""))]
    if event.kind in ("state", "severity", "severity_changed"):
        name = labels.state if event.kind == "state" else labels.severity
        return [f"{name(str(data.get('from')))} → {name(str(data.get('to')))}"]
    lines = []
    for field in EVENT_FIELDS:
        value = data.get(field)
        if value not in (None, "", [], {}):
            lines.append(_field_text(event.kind, field, str(value), labels))
    return lines


def _field_text(kind: str, field: str, value: str, labels: Labels) -> str:
    match field:
        case "remedy":
            return labels.remedy(value)
        case "category":
            return labels.category(value)
        case "to":
            return labels.actor(value)
        case "needs":
            return labels.role(value)
        case "amount":
            return f"¥{value}"
        case "value":
            return labels.validity(value)
        case "reason" if kind == "action_refused":
            return labels.words.get(f"refused_{value}", value)
        case "reason":
            return labels.catalogue(f"reason.{value}", value)
    return value


def event_view(event: EventRecord, labels: Labels) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "label": labels.event(event.kind),
        "actor": labels.actor(event.actor),
        "details": event_details(event, labels),
        "note": event.kind == "note",
        "at": event.created_at,
    }


def events_view(
    events: Sequence[EventRecord], labels: Labels, after: int = 0
) -> list[dict[str, Any]]:
    """The audit list, without the per-message notices (the transcript shows those words)."""
    return [event_view(e, labels) for e in events if e.id > after and not _echo(e)]


def _echo(event: EventRecord) -> bool:
    return event.kind == "notify_staff" and event.data.get("reason") == "customer_wrote"
