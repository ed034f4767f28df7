"""The turn under construction: working copies of the case, plus replies and effects so far.

A :class:`Draft` lives for one call of :func:`dialogs.handle` and is never shared; the value
that leaves is the frozen :class:`~dialogs.events.Turn` from :meth:`Draft.finish`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.context import DialogContext
from dialogs.events import (
    Button,
    CancelJobs,
    CaseState,
    Effect,
    NotifyStaff,
    RecordEvent,
    Reply,
    ScheduleJob,
    Turn,
)
from dialogs.machine import next_state

HUMAN_BUTTON = "/human"  # a button whose value is the command: works on every channel


class Draft:
    """Mutable working state of one turn."""

    def __init__(self, case: CaseState, now: datetime, ctx: DialogContext) -> None:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        self.ctx = ctx
        self.now = now
        self.state = case.state
        # a case that has remembered nothing yet has no language of its own either
        known = bool(case.memo) and case.locale in ctx.catalogue.locales
        self.locale = case.locale if known else ctx.default_locale
        self.category = case.category
        self.severity = case.severity
        self.validity = case.validity
        self.owner = case.owner
        self.slots: dict[str, Any] = copy.deepcopy(dict(case.slots))
        self.memo: dict[str, Any] = copy.deepcopy(dict(case.memo))
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self._leads: list[str] = []
        self.confused = False  # this turn did not understand the customer

    # ---- state --------------------------------------------------------------------------

    def fire(self, trigger: str) -> None:
        """Move the case along the machine table and record the change."""
        before = self.state
        self.state = next_state(before, trigger)
        self.record("state", **{"from": before, "to": self.state, "trigger": trigger})

    def count(self, name: str) -> int:
        """Add one to the memo counter ``name`` and return the new value."""
        self.memo[name] = int(self.memo.get(name, 0)) + 1
        return self.memo[name]

    # ---- words --------------------------------------------------------------------------

    def text_in(self, locale: str, key: str, **params: object) -> str:
        """Catalogue text in ``locale`` (``brand`` is always available)."""
        return self.ctx.catalogue.render(locale, key, brand=self.ctx.brand, **params)

    def text(self, key: str, **params: object) -> str:
        """Catalogue text in the customer's locale."""
        return self.text_in(self.locale, key, **params)

    def staff_text(self, key: str, **params: object) -> str:
        """Catalogue text in the staff's language (the configured default locale)."""
        return self.text_in(self.ctx.default_locale, key, **params)

    def join(self, *parts: str) -> str:
        """Sentences joined the way the locale writes them (no space in Chinese)."""
        return self.text("format.join").join(part for part in parts if part)

    def lead(self, key: str, **params: object) -> None:
        """A sentence to put before the next reply (e.g. a calming word)."""
        self._leads.append(self.text(key, **params))

    def button(self, key: str, value: str, **params: object) -> Button:
        """A button labelled from the catalogue."""
        return Button(self.text(key, **params), value)

    def say(self, key: str, *, buttons: Sequence[Button] = (), **params: object) -> None:
        """Send the text of ``key``, preceded by any pending leads."""
        self.say_text(key, self.text(key, **params), buttons=buttons)

    def say_text(self, key: str, text: str, *, buttons: Sequence[Button] = ()) -> None:
        """Send ``text`` (composed by the caller, named by ``key``) after any pending leads."""
        self.replies.append(Reply(self.join(*self._leads, text), tuple(buttons), key))
        self._leads.clear()

    def when(self, moment: datetime, locale: str | None = None) -> str:
        """``moment`` in the configured time zone, written the way ``locale`` (default: the
        customer's) writes dates."""
        local = moment.astimezone(ZoneInfo(self.ctx.timezone))
        return self.text_in(
            locale or self.locale,
            "format.datetime",
            year=local.year,
            month=local.month,
            day=local.day,
            hour=local.hour,
            minute=local.minute,
        )

    def day(self, moment: datetime) -> str:
        """The date of ``moment`` as the customer reads it."""
        local = moment.astimezone(ZoneInfo(self.ctx.timezone))
        return self.text("format.date", year=local.year, month=local.month, day=local.day)

    def unclear(
        self, key: str = "unclear.rephrase", buttons: Sequence[Button] = (), **params: object
    ) -> None:
        """Ask the customer to say it again; after ``unclear_limit`` in a row, offer a person."""
        self.confused = True
        if self.count("unclear") >= self.ctx.options.unclear_limit:
            self.say("unclear.offer_human", buttons=[self.button("button.human", HUMAN_BUTTON)])
        else:
            self.say(key, buttons=buttons, **params)

    # ---- effects ------------------------------------------------------------------------

    def record(self, kind: str, *, actor: str = "bot", **data: Any) -> None:
        """Add an audit event."""
        self.effects.append(RecordEvent(kind, actor, data))

    def notify(self, reason: str, text: str) -> None:
        """Tell staff about the case."""
        self.effects.append(NotifyStaff(reason, text))

    def schedule(self, kind: str, due_at: datetime, **payload: Any) -> None:
        """Add a job for this case."""
        self.effects.append(ScheduleJob(kind, due_at, payload))

    def cancel_jobs(self, *kinds: str) -> None:
        """Cancel this case's pending jobs of ``kinds`` (all when none are named)."""
        self.effects.append(CancelJobs(tuple(kinds)))

    # ---- result -------------------------------------------------------------------------

    def finish(self) -> Turn:
        """The frozen result of the turn."""
        if not self.confused:
            self.memo.pop("unclear", None)
        case = CaseState(
            state=self.state,
            locale=self.locale,
            category=self.category,
            severity=self.severity,
            validity=self.validity,
            owner=self.owner,
            slots=self.slots,
            memo=self.memo,
        )
        return Turn(case, tuple(self.replies), tuple(self.effects))
