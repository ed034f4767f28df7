"""Value objects that cross the boundary between ``bot`` and ``dialogs``.

``bot`` turns platform updates into :class:`Inbound`, due jobs into :class:`TimerFired`, and
staff clicks into :class:`StaffCommand`; ``dialogs`` answers with a :class:`Turn` whose effects
are plain data that ``bot`` carries out inside one database transaction.
All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

InboundKind = Literal["text", "button", "command", "media"]


@dataclass(frozen=True, slots=True)
class Inbound:
    """One customer message as every channel delivers it."""

    channel: str  # "console" | "web" | "telegram" | "wechat"
    external_id: str  # the platform's message id: unique per channel, used for idempotency
    customer_ref: str  # the customer's identity on that channel (chat id, openid, web session)
    received_at: datetime
    kind: InboundKind = "text"
    text: str = ""  # text, button value, or command ("/start")
    media_type: str | None = None  # "sticker" | "image" | "voice" | "video" | "location" | "file"
    language_hint: str | None = None  # e.g. Telegram's language_code, the browser's language
    display_name: str | None = None


@dataclass(frozen=True, slots=True)
class TimerFired:
    """A due row of the jobs table, handed to the case it belongs to."""

    kind: str  # "sla_first_reply" | "sla_resolve" | "revisit" | "revisit_reminder" | ...
    due_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StaffCommand:
    """An action a staff member takes on a case (staff console or staff chat)."""

    actor: str  # staff id from config
    action: str  # take|reply|propose|compensate|approve|refuse|severity|validity|note|resolve|...
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Button:
    """A quick-reply choice: ``label`` is shown, ``value`` comes back as a button inbound."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the customer. ``key`` names the catalogue entry it came from."""

    text: str
    buttons: tuple[Button, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class CaseState:
    """Everything the dialog remembers about a case, JSON-safe.

    The typed fields are also columns of the ``cases`` table (so staff can filter on them);
    ``memo`` holds the dialog's private working data (pending question, refusal count, ...).
    """

    state: str = "new"
    locale: str = "zh-CN"
    category: str | None = None
    severity: str = "ordinary"
    validity: str | None = None  # valid|invalid|assist
    owner: str | None = None  # staff id, or None while the bot holds the case
    slots: Mapping[str, Any] = field(default_factory=dict)
    memo: Mapping[str, Any] = field(default_factory=dict)


# ---- effects: what the bot must do, as data -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduleJob:
    kind: str
    due_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CancelJobs:
    """Cancel this case's pending jobs of ``kinds`` (all pending jobs when empty)."""

    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordEvent:
    """An audit line: who (``actor``: "bot", "customer" or a staff id) did what."""

    kind: str
    actor: str = "bot"
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NotifyStaff:
    """Tell staff about the case (new escalation, customer wrote, SLA breach...)."""

    reason: str
    text: str = ""


Effect = ScheduleJob | CancelJobs | RecordEvent | NotifyStaff


@dataclass(frozen=True, slots=True)
class Turn:
    """The result of one step: the new state, replies to send, effects to carry out."""

    state: CaseState
    replies: tuple[Reply, ...] = ()
    effects: tuple[Effect, ...] = ()
