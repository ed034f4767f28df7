"""Test helpers for dialogs: a table-driven analyser, a context, and a conversation driver."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from dialogs import Authority, DialogContext, DialogOptions, Policy, TimeLimits, handle
from dialogs.events import (
    CancelJobs,
    CaseState,
    Inbound,
    NotifyStaff,
    RecordEvent,
    ScheduleJob,
    TimerFired,
    Turn,
)
from nlp.analysis import Analysis, Slots

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai


def analysis(
    text: str,
    *,
    language: str = "zh-CN",
    category: str = "other",
    confidence: float = 0.0,
    severity: str = "ordinary",
    emotion: str = "calm",
    intents: tuple[str, ...] = (),
    complaint: bool = False,
    satisfaction: int | None = None,
    reasons: tuple[str, ...] = (),
    alternatives: tuple[str, ...] = (),
    **slots: Any,
) -> Analysis:
    """A hand-built analysis; slot keyword arguments go into ``Slots``."""
    return Analysis(
        text=text,
        normalized=text,
        language=language,
        category=category,
        confidence=confidence,
        severity=severity,
        emotion=emotion,
        slots=Slots(**slots),
        intents=frozenset(intents),
        satisfaction=satisfaction,
        is_complaint=complaint,
        severity_reasons=reasons,
        alternatives=alternatives,
    )


class TableAnalyzer:
    """Answers from a table; a text not in it is a test bug, not off-topic input."""

    confidence_threshold = 0.5

    def __init__(self, *rows: Analysis) -> None:
        self.rows = {row.text: row for row in rows}
        self.hints: list[str | None] = []

    def analyze(self, text: str, language_hint: str | None = None) -> Analysis:
        self.hints.append(language_hint)
        if text not in self.rows:
            raise AssertionError(f"no analysis row for {text!r}")
        return self.rows[text]


def make_context(analyzer: Any, **changes: Any) -> DialogContext:
    """The context the bot builds from config.example.toml defaults; ``changes`` override."""
    args: dict[str, Any] = {
        "options": DialogOptions(),
        "time_limits": TimeLimits(),
        "policy": Policy(),
        "authority": Authority(),
        "brand": "示例商城",
        "timezone": "Asia/Shanghai",
        "default_locale": "zh-CN",
    }
    args.update(changes)
    return DialogContext.build(analyzer, **args)


@dataclass
class Conversation:
    """One customer talking to the bot; keeps the case between turns like ``bot`` does."""

    ctx: DialogContext
    case: CaseState = field(default_factory=CaseState)
    now: datetime = NOW
    hint: str | None = None
    turns: list[Turn] = field(default_factory=list)
    _count: int = 0

    def _run(self, event: Inbound | TimerFired) -> Turn:
        turn = handle(self.case, event, self.now, self.ctx)
        self.case = turn.state
        self.turns.append(turn)
        return turn

    def send(self, text: str, kind: str = "text", media_type: str | None = None) -> Turn:
        self._count += 1
        inbound = Inbound(
            channel="web",
            external_id=f"m{self._count}",
            customer_ref="alice",
            received_at=self.now,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            media_type=media_type,
            language_hint=self.hint,
        )
        return self._run(inbound)

    def press(self, value: str) -> Turn:
        return self.send(value, kind="button")

    def timer(self, kind: str, **payload: Any) -> Turn:
        return self._run(TimerFired(kind, self.now, payload))

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    @property
    def state(self) -> str:
        return self.case.state


def keys(turn: Turn) -> list[str]:
    return [reply.key for reply in turn.replies]


def text(turn: Turn) -> str:
    return "\n".join(reply.text for reply in turn.replies)


def events(turn: Turn, kind: str | None = None) -> list[RecordEvent]:
    found = [e for e in turn.effects if isinstance(e, RecordEvent)]
    return [e for e in found if kind is None or e.kind == kind]


def jobs(turn: Turn) -> list[ScheduleJob]:
    return [e for e in turn.effects if isinstance(e, ScheduleJob)]


def notices(turn: Turn) -> list[NotifyStaff]:
    return [e for e in turn.effects if isinstance(e, NotifyStaff)]


def cancels(turn: Turn) -> list[CancelJobs]:
    return [e for e in turn.effects if isinstance(e, CancelJobs)]


def state_changes(turn: Turn) -> list[tuple[str, str]]:
    return [(e.data["from"], e.data["to"]) for e in events(turn, "state")]
