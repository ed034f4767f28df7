"""Staff accounts: who may log in, with which role (``[[staff]]`` in config)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping

from bot.config import ConfigError, Settings, StaffMember
from bot.passwords import hash_password, verify_password

# The password of the demo accounts shipped in config.example.toml.
DEMO_PASSWORD = "demo"


class StaffDirectory:
    """The configured staff, by id."""

    def __init__(self, members: Iterable[StaffMember]) -> None:
        self._members = {member.id: member for member in members}
        # Verified when the id is unknown, so a wrong id costs as long as a wrong password
        # and response times do not tell which staff ids exist.
        self._decoy_hash = hash_password("decoy")

    def get(self, staff_id: str) -> StaffMember | None:
        return self._members.get(staff_id)

    @property
    def members(self) -> tuple[StaffMember, ...]:
        return tuple(self._members.values())

    @property
    def roles(self) -> Mapping[str, str]:
        """Staff id → role, what the pure staff rules need."""
        return {member.id: member.role for member in self._members.values()}

    def authenticate(self, staff_id: str, password: str) -> StaffMember | None:
        """The member when ``password`` is theirs; None for a wrong id or password."""
        member = self._members.get(staff_id)
        if member is None:
            verify_password(self._decoy_hash, password)
            return None
        return member if verify_password(member.password_hash, password) else None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_staff_accounts(settings: Settings) -> None:
    """Refuse duplicate ids, roles the authority lacks, and demo passwords beyond this machine.

    Raises:
        ConfigError: naming the offending ``[[staff]]`` entry.
    """
    roles = set(settings.authority.roles)
    seen: set[str] = set()
    for member in settings.staff:
        if member.id in seen:
            raise ConfigError(f"[[staff]] {member.id!r} is listed twice")
        seen.add(member.id)
        if member.role not in roles:
            raise ConfigError(
                f"[[staff]] {member.id!r}: role {member.role!r} is not in authority.roles"
            )
    if is_loopback(settings.web.host):
        return
    demo = [m.id for m in settings.staff if verify_password(m.password_hash, DEMO_PASSWORD)]
    if demo:
        raise ConfigError(
            f"web.host is {settings.web.host!r} but staff account(s) {', '.join(demo)} still use "
            "the demo password; set real ones with `complaint-bot hash-password` in config.toml"
        )
