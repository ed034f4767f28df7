"""Which remedy the bot may propose next, or why it must hand the case to a person.

PROCESS.md §4 step 2: within the handler's authority, propose a solution; otherwise escalate.
The bot's authority is "no money": only the policy's ``bot_remedies``, only for severities in
``authority.bot_severities``, never compensation, and 三包 remedies only within the warranty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from dialogs.settings import Authority, Policy

APOLOGY = "apology"  # always part of the bot's answer, so wanting it asks for nothing extra


@dataclass(frozen=True, slots=True)
class Decision:
    """Either a remedy to propose or the reason the bot cannot decide (never both)."""

    remedy: str | None = None
    escalate: str | None = None  # reason code: severity|beyond_authority|out_of_warranty|no_remedy


def wanted(slots: Mapping[str, Any]) -> tuple[str, ...]:
    """Remedies the customer asked for, in the order they said them."""
    return tuple(slots.get("remedy", ()))


def amount(slots: Mapping[str, Any]) -> Decimal | None:
    """The amount the customer named, if it reads as a number."""
    try:
        return Decimal(str(slots["amount"]))
    except (KeyError, InvalidOperation):
        return None


def purchase_date(slots: Mapping[str, Any]) -> date | None:
    """The earliest ISO date mentioned (taken as the purchase date), if any."""
    found = []
    for text in slots.get("dates", ()):
        try:
            found.append(date.fromisoformat(str(text)))
        except ValueError:
            continue  # relative expressions ("上周") cannot be placed on the calendar
    return min(found, default=None)


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def in_warranty(policy: Policy, slots: Mapping[str, Any], now: datetime) -> bool:
    """False only when a known purchase date is older than the warranty (三包)."""
    bought = purchase_date(slots)
    return bought is None or _months_between(bought, now.date()) < policy.warranty_months


def decide(
    policy: Policy,
    authority: Authority,
    category: str | None,
    severity: str,
    slots: Mapping[str, Any],
    offered: Sequence[str],
    now: datetime,
) -> Decision:
    """The next remedy to propose (the customer's wish first), or why to escalate."""
    if severity not in authority.bot_severities:
        return Decision(escalate="severity")
    wishes = [code for code in wanted(slots) if code != APOLOGY]
    if any(code not in policy.bot_remedies for code in wishes):
        return Decision(escalate="beyond_authority")
    plan = [code for code in policy.table(category, severity) if code in policy.bot_remedies]
    if not in_warranty(policy, slots, now):
        kept = [code for code in plan if code not in policy.warranty_remedies]
        if len(kept) < len(plan) and not [code for code in kept if code not in offered]:
            return Decision(escalate="out_of_warranty")
        plan = kept
    if wishes and not set(wishes) & set(plan):
        return Decision(escalate="beyond_authority")
    ordered = [code for code in wishes if code in plan] + plan
    for code in ordered:
        if code not in offered:
            return Decision(remedy=code)
    return Decision(escalate="no_remedy")


def wants_money(slots: Mapping[str, Any], policy: Policy) -> bool:
    """Whether the customer asked for something outside the bot's remedies (money)."""
    return any(code not in policy.bot_remedies for code in wanted(slots))


def role_for(
    authority: Authority,
    policy: Policy,
    severity: str,
    slots: Mapping[str, Any],
    severity_reasons: Sequence[str],
    current: str | None,
) -> str:
    """Who must answer an escalated case: by severity, money asked for, media; never lower."""
    roles = [authority.first_role[severity]]
    if wants_money(slots, policy):
        roles.append(authority.role_for_amount(amount(slots)))
    if set(severity_reasons) & set(authority.media_reasons):
        roles.append(authority.media_role)
    if current in authority.roles:
        roles.append(current)
    return authority.higher(*roles)
