"""Staff sign-in throttling: too many wrong passwords for one id, or from one address.

Failures are counted per key ("id:<staff id>", "address:<client address>") in a sliding
window; the attempt that reaches a key's limit locks that key for the lock-out period, and
the count starts afresh afterwards. Unknown ids are counted like known ones, so neither the
count nor the answer tells whether an id exists.

The state lives in this process's memory (see ``[web]`` in ``config.example.toml``): it is
lost on restart and not shared between worker processes. Keys are dropped once they hold
nothing current, so memory follows recent failures, not everything ever typed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.config import WebSettings

# The table is swept for stale keys whenever it has doubled since the last sweep (and holds at
# least this many), so sweeping costs O(1) per failure on average.
_SWEEP_FLOOR = 64


def _id_key(staff_id: str) -> str:
    """A fixed-size key: the id is whatever the form said, of any length."""
    return "id:" + hashlib.sha256(staff_id.encode()).hexdigest()


@dataclass(slots=True)
class _Record:
    failures: list[datetime] = field(default_factory=list)
    locked_until: datetime | None = None


class LoginThrottle:
    """Counts failed sign-ins and says how long a staff id or client address must wait."""

    def __init__(self, settings: WebSettings, clock: Callable[[], datetime]) -> None:
        self._id_limit = settings.login_max_failures
        self._address_limit = settings.login_max_failures_per_address
        self._window = timedelta(minutes=settings.login_window_minutes)
        self._lockout = timedelta(minutes=settings.login_lockout_minutes)
        self._clock = clock
        self._records: dict[str, _Record] = {}
        self._swept_size = 0

    def wait(self, staff_id: str, address: str) -> timedelta | None:
        """How long until an attempt for ``staff_id`` from ``address`` is allowed, if locked."""
        now = self._clock()
        waits = [
            record.locked_until - now
            for key in self._limits(staff_id, address)
            if (record := self._records.get(key)) is not None
            and record.locked_until is not None
            and record.locked_until > now
        ]
        return max(waits, default=None)

    def failed(self, staff_id: str, address: str) -> None:
        """A wrong id or password: count it, and lock each key that reached its limit."""
        now = self._clock()
        self._sweep(now)
        for key, limit in self._limits(staff_id, address).items():
            record = self._records.setdefault(key, _Record())
            record.failures = [t for t in record.failures if t > now - self._window] + [now]
            if len(record.failures) >= limit:
                record.failures.clear()
                record.locked_until = now + self._lockout

    def succeeded(self, staff_id: str) -> None:
        """A correct password ends the id's count (the address keeps its own)."""
        self._records.pop(_id_key(staff_id), None)

    def _limits(self, staff_id: str, address: str) -> dict[str, int]:
        return {_id_key(staff_id): self._id_limit, f"address:{address}": self._address_limit}

    def _sweep(self, now: datetime) -> None:
        """Drop keys with no failure in the window and no lock (when the table has doubled)."""
        if len(self._records) < 2 * max(self._swept_size, _SWEEP_FLOOR):
            return
        self._records = {
            key: record
            for key, record in self._records.items()
            if (record.locked_until is not None and record.locked_until > now)
            or any(t > now - self._window for t in record.failures)
        }
        self._swept_size = len(self._records)
