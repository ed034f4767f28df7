"""Signed cookies: the customer's chat identity and the staff session, kept apart.

Each cookie is signed with its own salt, so a chat cookie presented as a staff cookie (or the
other way round) fails verification instead of being read as the other kind.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

CHAT_COOKIE = "cb_chat"
STAFF_COOKIE = "cb_staff"
LOGIN_COOKIE = "cb_login"
CHAT_MAX_AGE = 365 * 24 * 3600
LOGIN_MAX_AGE = 3600


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A logged-in staff member. ``fingerprint`` ties the session to the password hash."""

    staff_id: str
    csrf: str
    fingerprint: str


def password_fingerprint(password_hash: str) -> str:
    """Changing a password (or removing the account) ends its sessions on the next request."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def same_token(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)


class CookieSigner:
    """Makes and reads the three cookies with one secret key."""

    def __init__(self, secret_key: str, staff_max_age: int) -> None:
        self._chat = URLSafeTimedSerializer(secret_key, salt="complaint-bot.chat")
        self._staff = URLSafeTimedSerializer(secret_key, salt="complaint-bot.staff")
        self._login = URLSafeTimedSerializer(secret_key, salt="complaint-bot.login")
        self.staff_max_age = staff_max_age

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    def dump_chat(self, customer_ref: str) -> str:
        return self._chat.dumps(customer_ref)

    def load_chat(self, value: str | None) -> str | None:
        """The customer reference in a chat cookie, or None when absent or forged."""
        loaded = _load(self._chat, value, CHAT_MAX_AGE)
        return loaded if isinstance(loaded, str) else None

    def dump_staff(self, session: StaffSession) -> str:
        return self._staff.dumps([session.staff_id, session.csrf, session.fingerprint])

    def load_staff(self, value: str | None) -> StaffSession | None:
        loaded = _load(self._staff, value, self.staff_max_age)
        if not (isinstance(loaded, list) and len(loaded) == 3):
            return None
        if not all(isinstance(part, str) for part in loaded):
            return None
        return StaffSession(*loaded)

    def dump_login(self, nonce: str) -> str:
        return self._login.dumps(nonce)

    def load_login(self, value: str | None) -> str | None:
        """The login form's anti-forgery nonce (double-submit: cookie and hidden field)."""
        loaded = _load(self._login, value, LOGIN_MAX_AGE)
        return loaded if isinstance(loaded, str) else None


def _load(serializer: URLSafeTimedSerializer, value: str | None, max_age: int) -> object:
    if not value:
        return None
    try:
        return serializer.loads(value, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
