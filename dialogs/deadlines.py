"""The resolve deadline: once staff take a case, how long they have to settle it (PROCESS.md §6).

Ordinary complaints are solved within ``resolve_days``; parts and returns (a 三包 remedy the
customer wants or has accepted) within ``parts_returns_days``; a severity in
``definite_date_hours`` must reach a solution the customer accepts within those hours, and
the accepted solution then sets the date. A ``sla_resolve`` job watches the deadline; when it
fires with the case still with staff, the case goes one role up, staff are told, and the
customer gets an apology and the new date, as for a missed first reply.

Memo keys used here: ``resolve_due`` (the deadline; its job carries it, so a job for an older
deadline is stale), ``agreed`` (remedies of staff offers the customer accepted), ``owner_role``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs.draft import Draft
from dialogs.events import TimerFired
from dialogs.remedies import wanted
from dialogs.summary import description, details

RESOLVE_JOB = "sla_resolve"
DUE = "resolve_due"
AGREED = "agreed"
OWNER_ROLE = "owner_role"


def window(draft: Draft) -> timedelta:
    """The time the case may take from now, by severity and the remedies on the table."""
    limits, policy = draft.ctx.time_limits, draft.ctx.policy
    agreed = draft.memo.get(AGREED, [])
    remedies = {*wanted(draft.slots), *agreed}
    parts = bool(remedies & set(policy.warranty_remedies))
    span = timedelta(days=limits.parts_returns_days if parts else limits.resolve_days)
    hours = limits.definite_date_hours.get(draft.severity)
    if hours is not None and not agreed:
        span = min(span, timedelta(hours=hours))
    return span


def due(draft: Draft) -> datetime | None:
    """The current resolve deadline, if the clock runs."""
    return datetime.fromisoformat(draft.memo[DUE]) if DUE in draft.memo else None


def _set(draft: Draft, moment: datetime) -> None:
    draft.memo[DUE] = moment.isoformat()
    draft.cancel_jobs(RESOLVE_JOB)
    draft.schedule(RESOLVE_JOB, moment, deadline=moment.isoformat())


def start(draft: Draft, owner_role: str) -> None:
    """Staff took the case (or reopened it): the clock starts now."""
    draft.memo[OWNER_ROLE] = owner_role
    draft.memo.pop(AGREED, None)
    _set(draft, draft.now + window(draft))


def tighten(draft: Draft) -> None:
    """The severity rose while staff hold the case: the deadline may only come closer."""
    current = due(draft)
    if draft.state != "with_staff" or current is None:
        return
    sooner = draft.now + window(draft)
    if sooner < current:
        _set(draft, sooner)


def agree(draft: Draft, remedy: str) -> datetime:
    """The customer accepted ``remedy`` from staff: the date it takes, never earlier than now."""
    agreed: list[str] = draft.memo.setdefault(AGREED, [])
    if remedy not in agreed:
        agreed.append(remedy)
    current = due(draft)
    moment = draft.now + window(draft)
    if current is not None and current >= moment:
        return current
    _set(draft, moment)
    return moment


def stop(draft: Draft) -> None:
    """The case is resolved: no deadline any more."""
    for key in (DUE, AGREED, OWNER_ROLE):
        draft.memo.pop(key, None)
    draft.cancel_jobs(RESOLVE_JOB)


def on_resolve_breach(draft: Draft, event: TimerFired) -> None:
    """Timer ``sla_resolve``: still not resolved. One role up, notify, apologise, new date."""
    if draft.state != "with_staff" or event.payload.get("deadline") != draft.memo.get(DUE):
        return  # resolved, closed or given another deadline since: a stale job
    authority = draft.ctx.authority
    held = [r for r in (draft.memo.get("role"), draft.memo.get(OWNER_ROLE)) if r]
    missed = authority.higher(*held) if held else authority.first_role[draft.severity]
    higher = authority.next_role(missed)
    moment = draft.now + window(draft)
    draft.memo["role"] = higher
    draft.count("level")
    _set(draft, moment)
    draft.record(
        "sla_breached",
        reason="resolve_breach",
        missed_by=missed,
        owner=draft.owner,
        role=higher,
        due_at=moment.isoformat(),
    )
    locale = draft.ctx.default_locale
    draft.notify(
        "resolve_breach",
        draft.staff_text(
            "staff.resolve_breach",
            owner=draft.owner or "-",
            severity=draft.staff_text(f"severity.{draft.severity}"),
            category=draft.staff_text(f"category.{draft.category or 'unknown'}"),
            role=draft.staff_text(f"role.{higher}"),
            due=draft.when(moment, locale),
            description=description(draft, locale=locale) or "-",
            details=details(draft, locale=locale) or "-",
        ),
    )
    draft.say("escalate.resolve_breach", role=draft.text(f"role.{higher}"), due=draft.when(moment))
