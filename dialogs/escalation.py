"""Handing a case to staff, keeping their deadline, and staying quiet while they hold it.

On escalation the customer is told who will answer and by when; staff get a notice with the
case card text; a ``sla_first_reply`` job watches the deadline. When that job fires the case
goes one role up the chain and the customer gets an apology and a new time (PROCESS.md §6).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs.draft import Draft
from dialogs.events import TimerFired
from dialogs.machine import STAFF_HELD
from dialogs.remedies import role_for
from dialogs.summary import description, details

SLA_JOB = "sla_first_reply"
REVISIT_JOBS = ("revisit", "revisit_reminder", "revisit_expire")


def first_reply_due(draft: Draft) -> datetime:
    """When staff must first answer a case of the draft's severity escalated now."""
    return draft.now + timedelta(hours=draft.ctx.time_limits.first_reply_hours[draft.severity])


def answering_role(draft: Draft) -> str:
    """The role that must answer the case now (never lower than the one already asked)."""
    ctx = draft.ctx
    return role_for(
        ctx.authority,
        ctx.policy,
        draft.severity,
        draft.slots,
        draft.memo.get("severity_reasons", ()),
        draft.memo.get("role"),
    )


def reroute(draft: Draft) -> None:
    """After the severity rose: the answering role may move up and, while nobody has taken the
    case yet, the first answer is due sooner (never later than already promised)."""
    role = answering_role(draft)
    draft.memo["role"] = role
    if draft.state != "escalated":
        return
    due = first_reply_due(draft)
    if "due_at" in draft.memo:
        due = min(due, datetime.fromisoformat(draft.memo["due_at"]))
    draft.memo["due_at"] = due.isoformat()
    draft.cancel_jobs(SLA_JOB)
    draft.schedule(SLA_JOB, due, role=role)


def staff_card(draft: Draft, reason: str, role: str, due: datetime) -> str:
    """The notice text staff read: severity, category, deadline, reason, customer's words."""
    category = draft.category or "unknown"
    return draft.staff_text(
        "staff.card",
        severity=draft.staff_text(f"severity.{draft.severity}"),
        category=draft.staff_text(f"category.{category}"),
        role=draft.staff_text(f"role.{role}"),
        due=draft.when(due, draft.ctx.default_locale),
        reason=draft.staff_text(f"reason.{reason}"),
        description=description(draft, locale=draft.ctx.default_locale) or "-",
        details=details(draft, locale=draft.ctx.default_locale) or "-",
    )


def escalate(draft: Draft, reason: str) -> None:
    """Hand the case to staff from any bot-held state, telling the customer who and when."""
    ctx = draft.ctx
    source = draft.state
    role = answering_role(draft)
    due = first_reply_due(draft)
    draft.fire("escalate")
    draft.memo.update(role=role, due_at=due.isoformat(), escalation_reason=reason, acked=False)
    draft.memo.pop("question", None)
    if source in ("resolved", "revisiting"):
        draft.cancel_jobs(*REVISIT_JOBS)
    draft.record("escalated", reason=reason, role=role, due_at=due.isoformat())
    if draft.severity in ctx.authority.immediate_severities:
        draft.memo["pr_flag"] = True
        draft.record("flagged", flag="pr", severity=draft.severity)
    draft.notify(reason, staff_card(draft, reason, role, due))
    draft.schedule(SLA_JOB, due, role=role)
    who = draft.text(f"role.{role}")
    draft.say_text(
        f"escalate.{reason}",
        draft.join(
            draft.text(f"escalate.{reason}", role=who),
            draft.text("escalate.promise", role=who, due=draft.when(due)),
        ),
    )


def on_sla_breach(draft: Draft, event: TimerFired) -> None:
    """Staff missed the first-reply deadline: one role up, notify, apologise, new time."""
    role = draft.memo.get("role")
    if draft.state not in STAFF_HELD or event.payload.get("role") != role:
        return  # answered, closed or already moved on: a stale job
    higher = draft.ctx.authority.next_role(role)
    due = first_reply_due(draft)
    draft.memo.update(role=higher, due_at=due.isoformat())
    draft.count("level")
    draft.record(
        "sla_breached", reason="sla_breach", missed_by=role, role=higher, due_at=due.isoformat()
    )
    draft.notify("sla_breach", staff_card(draft, "sla_breach", higher, due))
    draft.schedule(SLA_JOB, due, role=higher)
    draft.say("escalate.sla_breach", role=draft.text(f"role.{higher}"), due=draft.when(due))


def forward(draft: Draft, text: str) -> None:
    """While staff hold the case the customer's words go to them.

    Until someone takes the case every message is acknowledged with the promised time, so the
    customer is never met with silence; once a staff member owns it, the bot acknowledges
    once and leaves the talking to them.
    """
    draft.notify("customer_wrote", text)
    if draft.state != "escalated" and draft.memo.get("acked"):
        return
    draft.memo["acked"] = True
    role = draft.memo.get("role") or draft.ctx.authority.first_role[draft.severity]
    due = (
        datetime.fromisoformat(draft.memo["due_at"])
        if "due_at" in draft.memo
        else first_reply_due(draft)
    )
    draft.say("escalate.ack", role=draft.text(f"role.{role}"), due=draft.when(due))
