"""The ``[dialog]``, ``[time_limits]``, ``[policy]`` and ``[authority]`` configuration sections.

Defaults here must equal ``config.example.toml`` (a test compares them). The numbers come from
PROCESS.md; each is a setting so a brand can follow its own service manual.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

SEVERITIES = ("ordinary", "major", "crisis")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DialogOptions(_Section):
    """How patient the conversation is and how much text it handles."""

    unclear_limit: int = Field(default=2, ge=1)
    abuse_limit: int = Field(default=2, ge=0)
    refusal_limit: int = Field(default=2, ge=1)
    question_limit: int = Field(default=2, ge=1)
    answer_max_chars: int = Field(default=40, ge=1)
    max_text_chars: int = Field(default=2000, ge=1)
    description_max_chars: int = Field(default=4000, ge=1)
    restate_max_chars: int = Field(default=80, ge=10)
    category_choices: int = Field(default=4, ge=1)


class TimeLimits(_Section):
    """Deadlines (PROCESS.md §6)."""

    first_reply_hours: dict[str, int] = Field(
        default_factory=lambda: {"ordinary": 24, "major": 12, "crisis": 2}
    )
    resolve_days: int = Field(default=3, ge=0)
    parts_returns_days: int = Field(default=15, ge=0)
    definite_date_hours: dict[str, int] = Field(default_factory=lambda: {"major": 24, "crisis": 24})
    revisit_after_days: int = Field(default=7, ge=0)
    revisit_reminder_hours: int = Field(default=48, ge=1)
    revisit_expire_hours: int = Field(default=120, ge=1)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        missing = [s for s in SEVERITIES if s not in self.first_reply_hours]
        if missing:
            raise ValueError(f"first_reply_hours needs {', '.join(missing)}")
        if any(hours < 1 for hours in self.first_reply_hours.values()):
            raise ValueError("first_reply_hours must be at least 1 hour")
        unknown = sorted(set(self.definite_date_hours) - set(SEVERITIES))
        if unknown:
            raise ValueError(f"definite_date_hours has unknown severities {unknown}")
        if any(hours < 1 for hours in self.definite_date_hours.values()):
            raise ValueError("definite_date_hours must be at least 1 hour")
        if self.revisit_expire_hours <= self.revisit_reminder_hours:
            raise ValueError("revisit_expire_hours must be later than revisit_reminder_hours")
        return self


def _default_remedies() -> dict[str, dict[str, tuple[str, ...]]]:
    sanbao = ("exchange", "repair", "refund")
    return {
        "quality": {"ordinary": sanbao, "major": ("refund", "compensation")},
        "after_sales": {"ordinary": ("repair", "exchange"), "major": ("exchange", "compensation")},
        "service": {"ordinary": ("apology", "gift"), "major": ("apology", "compensation")},
        "delivery": {"ordinary": ("apology", "gift"), "major": ("refund", "compensation")},
        "price": {"ordinary": ("refund",), "major": ("refund", "compensation")},
        "promotion": {"ordinary": ("apology", "gift"), "major": ("refund", "compensation")},
        "enquiry": {"ordinary": (), "major": ()},
        "other": {"ordinary": (), "major": ("compensation",)},
    }


def _default_required_slots() -> dict[str, tuple[str, ...]]:
    return {
        "quality": ("product", "order_no"),
        "after_sales": ("product", "order_no"),
        "service": ("store",),
        "delivery": ("order_no",),
        "price": ("order_no",),
        "promotion": ("order_no",),
        "enquiry": (),
        "other": (),
    }


class Policy(_Section):
    """What the bot may offer, by category and severity (PROCESS.md §3, §5)."""

    remedies: dict[str, dict[str, tuple[str, ...]]] = Field(default_factory=_default_remedies)
    bot_remedies: tuple[str, ...] = ("apology", "gift", "exchange", "repair", "refund")
    warranty_remedies: tuple[str, ...] = ("exchange", "repair", "refund")
    warranty_months: int = Field(default=12, ge=0)
    valid_travel_compensation: int = Field(default=50, ge=0)
    required_slots: dict[str, tuple[str, ...]] = Field(default_factory=_default_required_slots)
    fallback_category: str = "other"
    harm_reasons: tuple[str, ...] = ("injury", "safety")
    score_max: int = Field(default=5, ge=2)
    satisfied_score: int = Field(default=4, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.fallback_category not in self.remedies:
            raise ValueError(f"remedies has no row for fallback_category {self.fallback_category}")
        if set(self.required_slots) - set(self.remedies):
            extra = sorted(set(self.required_slots) - set(self.remedies))
            raise ValueError(f"required_slots names categories without remedies: {extra}")
        for category, rows in self.remedies.items():
            unknown = sorted(set(rows) - set(SEVERITIES))
            if unknown:
                raise ValueError(f"remedies.{category} has unknown severities {unknown}")
        if not set(self.warranty_remedies) <= set(self.bot_remedies):
            raise ValueError("warranty_remedies must be bot_remedies too")
        if self.satisfied_score > self.score_max:
            raise ValueError("satisfied_score must not exceed score_max")
        return self

    @property
    def categories(self) -> tuple[str, ...]:
        """Category codes in table order (the order of the choice buttons)."""
        return tuple(self.remedies)

    @property
    def remedy_codes(self) -> frozenset[str]:
        """Every remedy named anywhere in the policy."""
        named = {code for rows in self.remedies.values() for row in rows.values() for code in row}
        return frozenset(named | set(self.bot_remedies))

    @property
    def slot_names(self) -> frozenset[str]:
        """Every slot the dialog may ask for."""
        return frozenset(slot for slots in self.required_slots.values() for slot in slots)

    def category_or_fallback(self, category: str | None) -> str:
        """``category`` when the policy knows it, else the fallback category."""
        return category if category in self.remedies else self.fallback_category

    def table(self, category: str | None, severity: str) -> tuple[str, ...]:
        """The remedies of the table for this category and severity, first proposed first."""
        rows = self.remedies[self.category_or_fallback(category)]
        return tuple(rows.get(severity, ()))

    def slots_for(self, category: str | None) -> tuple[str, ...]:
        """Details to ask for, in order, for a complaint of ``category``."""
        return tuple(self.required_slots.get(self.category_or_fallback(category), ()))


def _default_limits() -> dict[str, int]:
    return {"front_line": 0, "store_manager": 500, "area_manager": 500, "service_supervisor": 1000}


def _default_first_role() -> dict[str, str]:
    return {"ordinary": "store_manager", "major": "service_supervisor", "crisis": "management"}


class Authority(_Section):
    """Who may decide what (PROCESS.md §5): roles lowest first, compensation limits in yuan."""

    roles: tuple[str, ...] = (
        "front_line",
        "store_manager",
        "area_manager",
        "service_supervisor",
        "management",
    )
    limits: dict[str, int] = Field(default_factory=_default_limits)
    bot_role: str = "front_line"
    bot_severities: tuple[str, ...] = ("ordinary",)
    immediate_severities: tuple[str, ...] = ("crisis",)
    first_role: dict[str, str] = Field(default_factory=_default_first_role)
    media_role: str = "management"
    media_reasons: tuple[str, ...] = ("media",)
    max_amount: int = Field(default=10_000_000, gt=0)

    @model_validator(mode="after")
    def _known_roles(self) -> Self:
        named = {self.bot_role, self.media_role, *self.limits, *self.first_role.values()}
        unknown = sorted(named - set(self.roles))
        if unknown:
            raise ValueError(f"roles not listed in authority.roles: {unknown}")
        missing = [s for s in SEVERITIES if s not in self.first_role]
        if missing:
            raise ValueError(f"first_role needs {', '.join(missing)}")
        unknown = sorted({*self.bot_severities, *self.immediate_severities} - set(SEVERITIES))
        if unknown:
            raise ValueError(f"unknown severities {unknown}")
        if self.rank(self.bot_role) == len(self.roles) - 1:
            raise ValueError("bot_role must be below another role, to escalate to")
        return self

    def rank(self, role: str) -> int:
        """Position of ``role`` in the chain, 0 = lowest."""
        return self.roles.index(role)

    def higher(self, *roles: str) -> str:
        """The highest of ``roles``."""
        return max(roles, key=self.rank)

    def next_role(self, role: str) -> str:
        """One level up the chain (the top role stays where it is)."""
        return self.roles[min(self.rank(role) + 1, len(self.roles) - 1)]

    def may_approve(self, role: str, amount: Decimal) -> bool:
        """Whether ``role`` may approve ``amount`` yuan; a role without a limit may approve any."""
        limit = self.limits.get(role)
        return limit is None or amount <= limit

    def role_for_amount(self, amount: Decimal | None) -> str:
        """The lowest role above the bot that may approve ``amount`` (unknown: any money)."""
        above_bot = self.roles[self.rank(self.bot_role) + 1 :]
        wanted = amount if amount is not None else Decimal(self.limits.get(self.bot_role, 0)) + 1
        for role in above_bot:
            if self.may_approve(role, wanted):
                return role
        return above_bot[-1]
