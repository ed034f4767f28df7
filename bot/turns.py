"""Carry out a dialog ``Turn`` inside the caller's transaction.

The same code applies turns from customer messages, due jobs and staff actions, so every path
records state, audit events, jobs and replies the same way (DESIGN.md step 5).
"""

from __future__ import annotations

from datetime import datetime

from dialogs.events import CancelJobs, NotifyStaff, RecordEvent, ScheduleJob, Turn
from storage import CaseRecord, CustomerRecord, Transaction

NOTIFY_EVENT = "notify_staff"


async def apply_turn(
    tx: Transaction,
    case: CaseRecord,
    customer: CustomerRecord,
    turn: Turn,
    now: datetime,
    *,
    author: str = "bot",
) -> CaseRecord:
    """Save the new state (optimistic lock), then replies and effects, all in ``tx``.

    ``author`` is who the replies are from in the transcript: "bot" or a staff id.
    """
    saved = await tx.save_case(case, turn.state, now)
    for reply in turn.replies:
        await tx.enqueue_reply(case.id, customer, reply, author=author, now=now)
    for effect in turn.effects:
        match effect:
            case ScheduleJob(kind=kind, due_at=due_at, payload=payload):
                await tx.schedule_job(case.id, kind, due_at, dict(payload))
            case CancelJobs(kinds=kinds):
                await tx.cancel_jobs(case.id, kinds)
            case RecordEvent(kind=kind, actor=actor, data=data):
                await tx.add_event(case.id, kind, actor, dict(data), now)
            case NotifyStaff(reason=reason, text=text):
                await tx.add_event(
                    case.id, NOTIFY_EVENT, "bot", {"reason": reason, "text": text}, now
                )
    return saved
