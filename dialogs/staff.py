"""What staff may do to a case, and what the customer hears when they do it. Pure.

:func:`apply_staff` takes the case as the staff member saw it and one
:class:`~dialogs.events.StaffCommand`, and returns either the :class:`~dialogs.events.Turn` to
save or a :class:`Refusal` saying why not. The rules (PROCESS.md §1, §5):

* one owner per case (首问负责制): a case waiting for staff is taken by one person; only the
  owner talks to the customer, proposes, offers money and resolves; the owner may hand the
  case over, and someone higher up the authority chain may take it over;
* money follows the authority table: an offer within the actor's limit goes to the customer,
  a larger one becomes a pending request that one person with enough authority approves or
  refuses; crisis and media cases need ``authority.media_role`` for any of it;
* a complaint marked valid earns the customer ``policy.valid_travel_compensation`` for travel
  and lost time on top (PROCESS.md §5), offered or requested like any money, once per case;
* taking a case starts its resolve deadline (:mod:`dialogs.deadlines`), resolving stops it;
* anyone on the staff may raise severity or add an internal note; notes never reach the
  customer;
* nothing happens to a closed case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from dialogs import deadlines, offers
from dialogs.context import DialogContext
from dialogs.draft import Draft
from dialogs.escalation import REVISIT_JOBS, SLA_JOB, reroute
from dialogs.events import CaseState, RecordEvent, StaffCommand, Turn
from dialogs.machine import BOT_HELD
from dialogs.offers import ACCEPT, DECLINE, OFFER, TRAVEL
from dialogs.settings import SEVERITIES

VALIDITIES = ("valid", "invalid", "assist")
# Memo keys owned by this module (offers: dialogs.offers, whose names are re-exported here).
REQUEST = "compensation_request"
TRAVEL_GRANT = "travel_compensation"  # {amount, by, status: offered|requested|waiting}
__all__ = [  # the offer names from dialogs.offers are part of this module's interface
    "ACCEPT",
    "ACTIONS",
    "DECLINE",
    "OFFER",
    "REQUEST",
    "TRAVEL_GRANT",
    "VALIDITIES",
    "Refusal",
    "Staff",
    "allowed_actions",
    "apply_staff",
    "format_amount",
    "is_media_case",
    "limit_of",
    "parse_amount",
]


@dataclass(frozen=True, slots=True)
class Staff:
    """A staff member as the rules see them (ids, names and roles come from config)."""

    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a command was not carried out. ``reason`` is a stable code the console translates.

    not_authorised · beyond_authority · closed · not_owner · unknown_action · invalid ·
    no_request · wrong_state · unknown_staff
    """

    reason: str
    detail: str = ""


class _Refused(Exception):  # noqa: N818 - internal control flow, never leaves this module
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.refusal = Refusal(reason, detail)


@dataclass(slots=True)
class _Act:
    """One command being applied: the draft turn plus who is acting."""

    draft: Draft
    actor: Staff
    args: Mapping[str, Any]
    staff: Mapping[str, Staff]

    @property
    def ctx(self) -> DialogContext:
        return self.draft.ctx

    def rank(self, role: str) -> int:
        return self.ctx.authority.rank(role)

    def owner(self) -> Staff | None:
        return self.staff.get(self.draft.owner) if self.draft.owner else None

    def require_owner(self) -> None:
        """Only the owner of a case that is with staff; others are told to take it first."""
        state = self.draft.state
        if state in ("resolved", "revisiting"):
            raise _Refused("wrong_state", state)
        if self.draft.owner != self.actor.id:
            raise _Refused("not_owner", self.draft.owner or "")
        if state != "with_staff":
            raise _Refused("wrong_state", state)

    def require_rank(self, role: str) -> None:
        if self.rank(self.actor.role) < self.rank(role):
            raise _Refused("not_authorised", role)

    def needed_role(self) -> str | None:
        """The role a crisis or media case needs for ownership and money, else None."""
        authority = self.ctx.authority
        draft = self.draft
        crisis = draft.severity in authority.immediate_severities
        if crisis or is_media_case(draft.memo, authority.media_reasons):
            return authority.media_role
        return None

    def text_arg(self, name: str, *, required: bool) -> str:
        value = self.args.get(name, "")
        if not isinstance(value, str):
            raise _Refused("invalid", name)
        value = value.strip()
        if (required and not value) or len(value) > self.ctx.options.max_text_chars:
            raise _Refused("invalid", name)
        return value

    def record(self, kind: str, **data: Any) -> None:
        self.draft.record(kind, actor=self.actor.id, **data)


def is_media_case(memo: Mapping[str, Any], media_reasons: tuple[str, ...]) -> bool:
    """Whether the severity was set for a reason that makes it a media case."""
    return bool(set(memo.get("severity_reasons") or ()) & set(media_reasons))


def parse_amount(value: object, ceiling: int) -> Decimal | None:
    """A positive yuan amount with at most two decimals, up to ``ceiling``, or None."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount <= 0 or amount > ceiling:
        return None
    if amount != amount.quantize(Decimal("0.01")):
        return None
    return amount


def format_amount(amount: Decimal) -> str:
    """``800`` rather than ``800.00``; ``12.5`` stays ``12.5``."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def limit_of(role: str, ctx: DialogContext) -> Decimal | None:
    """The most ``role`` may approve in yuan; None means no limit."""
    limit = ctx.authority.limits.get(role)
    return None if limit is None else Decimal(limit)


# ---- the actions ------------------------------------------------------------------------


def _take(act: _Act) -> None:
    draft, actor = act.draft, act.actor
    needed = act.needed_role()
    if needed is not None:
        act.require_rank(needed)
    if draft.state == "with_staff":
        owner = act.owner()
        if draft.owner == actor.id:
            raise _Refused("wrong_state", "already yours")
        if owner is not None and act.rank(actor.role) <= act.rank(owner.role):
            raise _Refused("not_owner", owner.id)
        previous = draft.owner
        draft.fire("hand_over")
        draft.owner = actor.id
        draft.memo[deadlines.OWNER_ROLE] = actor.role
        act.record("taken_over", previous_owner=previous)
    elif draft.state == "escalated":
        draft.fire("take")
        draft.owner = actor.id
        act.record("taken")
        draft.cancel_jobs(SLA_JOB)
        deadlines.start(draft, actor.role)
    elif draft.state in BOT_HELD and draft.state not in ("resolved", "revisiting"):
        # Staff step into a conversation the bot still holds (e.g. it is going badly).
        draft.fire("escalate")
        draft.fire("take")
        draft.owner = actor.id
        act.record("taken")
        deadlines.start(draft, actor.role)
    else:
        raise _Refused("wrong_state", draft.state)
    draft.memo["acked"] = True  # staff talk to the customer now; the bot stays quiet
    draft.say("staff.taken", name=actor.name, role=draft.text(f"role.{actor.role}"))


def _hand_over(act: _Act) -> None:
    act.require_owner()
    target = act.staff.get(str(act.args.get("to", "")))
    if target is None:
        raise _Refused("unknown_staff", str(act.args.get("to", "")))
    if target.id == act.actor.id:
        raise _Refused("invalid", "to")
    needed = act.needed_role()
    if needed is not None and act.rank(target.role) < act.rank(needed):
        raise _Refused("not_authorised", needed)
    act.draft.fire("hand_over")
    act.draft.owner = target.id
    act.draft.memo[deadlines.OWNER_ROLE] = target.role
    act.record("handed_over", to=target.id)
    act.draft.say("staff.handed_over", name=target.name, role=act.draft.text(f"role.{target.role}"))


def _reply(act: _Act) -> None:
    act.require_owner()
    text = act.text_arg("text", required=True)
    act.draft.say_text("staff.reply", text)
    act.draft.memo.pop(offers.OPEN, None)  # a yes or no now answers this, not an offer
    act.record("replied")


def _propose(act: _Act) -> None:
    act.require_owner()
    remedy = act.args.get("remedy")
    if remedy not in act.ctx.policy.remedy_codes:
        raise _Refused("invalid", "remedy")
    note = act.text_arg("note", required=False)
    draft = act.draft
    buttons = offers.put(draft, {"kind": "remedy", "remedy": remedy, "by": act.actor.id})
    proposal = draft.text("staff.propose", remedy=draft.text(f"remedy.{remedy}.name"))
    draft.say_text(
        "staff.propose", draft.join(proposal, note, draft.text("staff.ask_accept")), buttons=buttons
    )
    act.record("remedy_proposed", remedy=remedy)


def _compensate(act: _Act) -> None:
    act.require_owner()
    draft = act.draft
    amount = parse_amount(act.args.get("amount"), act.ctx.authority.max_amount)
    if amount is None:
        raise _Refused("invalid", "amount")
    if REQUEST in draft.memo:
        raise _Refused("wrong_state", "a request is already pending")
    _grant(act, amount, act.text_arg("reason", required=False))


def _grant(act: _Act, amount: Decimal, reason: str) -> None:
    """Offer ``amount`` when the actor may approve it; else ask whoever may."""
    if _may_approve(act, act.actor.role, amount):
        _offer(act, amount, approved_by=act.actor.id, reason=reason)
        act.record("compensation_offered", amount=format_amount(amount), reason=reason)
        return
    needed = _request(act, amount, act.actor.id, reason)
    pending = "staff.travel_pending" if reason == TRAVEL else "staff.compensation_pending"
    act.draft.say(pending, role=act.draft.text(f"role.{needed}"))


def _request(act: _Act, amount: Decimal, by: str, reason: str) -> str:
    """Leave a request for someone with enough authority; returns the role it needs."""
    draft = act.draft
    needed = act.needed_role() or act.ctx.authority.role_for_amount(amount)
    shown = format_amount(amount)
    draft.memo[REQUEST] = {
        "amount": shown,
        "by": by,
        "reason": reason,
        "at": draft.now.isoformat(),
        "needs": needed,
    }
    act.record("compensation_requested", amount=shown, needs=needed, reason=reason)
    notice = "staff.travel_request_notice" if reason == TRAVEL else "staff.request_notice"
    draft.notify("compensation_request", draft.staff_text(notice, amount=shown))
    return needed


def _approve(act: _Act) -> None:
    request = _pending_request(act)
    amount = Decimal(request["amount"])
    act.draft.memo.pop(REQUEST)
    _offer(act, amount, approved_by=act.actor.id, reason=request.get("reason", ""))
    act.record("compensation_approved", amount=request["amount"], requested_by=request["by"])
    _release_travel(act)


def _refuse(act: _Act) -> None:
    request = _pending_request(act)
    reason = act.text_arg("reason", required=False)
    act.draft.memo.pop(REQUEST)
    act.record(
        "compensation_refused", amount=request["amount"], requested_by=request["by"], reason=reason
    )
    _release_travel(act)


def _severity(act: _Act) -> None:
    draft = act.draft
    level = act.args.get("level")
    if level not in SEVERITIES:
        raise _Refused("invalid", "level")
    if level == draft.severity:
        raise _Refused("wrong_state", "unchanged")
    raising = SEVERITIES.index(level) > SEVERITIES.index(draft.severity)
    if not raising:
        # Lowering takes the owner; taking a crisis off the crisis list takes its role too.
        act.require_owner()
        needed = act.needed_role()
        if needed is not None:
            act.require_rank(needed)
    previous = draft.severity
    draft.severity = level
    act.record("severity_changed", **{"from": previous, "to": level})
    if raising:
        _raise_deadline(act)


def _raise_deadline(act: _Act) -> None:
    """A more severe case may need a higher role and, while nobody has it, an earlier answer."""
    draft = act.draft
    reroute(draft)
    severity = draft.staff_text(f"severity.{draft.severity}")
    draft.notify("severity_raised", draft.staff_text("staff.severity_notice", severity=severity))
    deadlines.tighten(draft)


def _validity(act: _Act) -> None:
    act.require_owner()
    value = act.args.get("value")
    if value not in VALIDITIES:
        raise _Refused("invalid", "value")
    act.draft.validity = value
    act.record("validity_set", value=value)
    if value == "valid":
        _travel(act)


def _travel(act: _Act) -> None:
    """A valid complaint: travel and lost-time compensation on top, once per case.

    Within the actor's authority it is offered at once; beyond it, requested. While another
    request waits for approval it waits too, and is requested when that one is settled.
    """
    draft = act.draft
    amount = Decimal(act.ctx.policy.valid_travel_compensation)
    if amount <= 0 or TRAVEL_GRANT in draft.memo:
        return
    grant = {"amount": format_amount(amount), "by": act.actor.id}
    if REQUEST in draft.memo and not _may_approve(act, act.actor.role, amount):
        draft.memo[TRAVEL_GRANT] = {**grant, "status": "waiting"}
        needed = act.needed_role() or act.ctx.authority.role_for_amount(amount)
        draft.say("staff.travel_pending", role=draft.text(f"role.{needed}"))
        return
    offered = _may_approve(act, act.actor.role, amount)
    draft.memo[TRAVEL_GRANT] = {**grant, "status": "offered" if offered else "requested"}
    _grant(act, amount, TRAVEL)


def _release_travel(act: _Act) -> None:
    """The request ahead of a waiting travel compensation is settled: request that now."""
    grant = act.draft.memo.get(TRAVEL_GRANT)
    if not grant or grant.get("status") != "waiting":
        return
    act.draft.memo[TRAVEL_GRANT] = {**grant, "status": "requested"}
    _request(act, Decimal(grant["amount"]), grant["by"], TRAVEL)


def _note(act: _Act) -> None:
    text = act.text_arg("text", required=True)
    act.record("note", text=text)


def _resolve(act: _Act) -> None:
    act.require_owner()
    draft = act.draft
    if REQUEST in draft.memo:
        raise _Refused("wrong_state", "a compensation request is pending")
    summary = act.text_arg("summary", required=False)
    draft.fire("resolve")
    draft.memo.update(resolved_by=act.actor.id, resolved_at=draft.now.isoformat())
    offers.clear(draft)
    deadlines.stop(draft)
    draft.owner = None  # the bot holds the conversation again (revisit, survey)
    revisit_at = draft.now + timedelta(days=act.ctx.time_limits.revisit_after_days)
    draft.cancel_jobs(SLA_JOB)
    draft.schedule("revisit", revisit_at)
    act.record("resolved", summary=summary)
    closing = draft.text("staff.resolved", date=draft.day(revisit_at))
    draft.say_text("staff.resolved", draft.join(summary, closing))


def _reopen(act: _Act) -> None:
    draft = act.draft
    if draft.state not in ("resolved", "revisiting"):
        raise _Refused("wrong_state", draft.state)
    needed = act.needed_role()
    if needed is not None:
        act.require_rank(needed)
    reason = act.text_arg("reason", required=False)
    draft.fire("reopen")
    draft.fire("take")
    draft.owner = act.actor.id
    draft.memo["acked"] = True
    draft.memo.pop("resolved_by", None)
    draft.cancel_jobs(*REVISIT_JOBS)
    deadlines.start(draft, act.actor.role)
    act.record("reopened", reason=reason)
    draft.say("staff.reopened", name=act.actor.name, role=draft.text(f"role.{act.actor.role}"))


_ACTIONS: dict[str, Callable[[_Act], None]] = {
    "take": _take,
    "hand_over": _hand_over,
    "reply": _reply,
    "propose": _propose,
    "compensate": _compensate,
    "approve": _approve,
    "refuse": _refuse,
    "severity": _severity,
    "validity": _validity,
    "note": _note,
    "resolve": _resolve,
    "reopen": _reopen,
}
ACTIONS: tuple[str, ...] = tuple(_ACTIONS)


# ---- helpers ----------------------------------------------------------------------------


def _may_approve(act: _Act, role: str, amount: Decimal) -> bool:
    needed = act.needed_role()
    if needed is not None and act.rank(role) < act.rank(needed):
        return False
    return act.ctx.authority.may_approve(role, amount)


def _pending_request(act: _Act) -> Mapping[str, Any]:
    """The request an approver decides on, after checking the approver may decide it."""
    request = act.draft.memo.get(REQUEST)
    if not isinstance(request, Mapping):
        raise _Refused("no_request")
    limit = limit_of(act.actor.role, act.ctx)
    if limit is not None and limit <= 0:
        raise _Refused("not_authorised", act.actor.role)  # no money at all in this role
    if not _may_approve(act, act.actor.role, Decimal(request["amount"])):
        raise _Refused("beyond_authority", request["amount"])
    return request


def _offer(act: _Act, amount: Decimal, *, approved_by: str, reason: str) -> None:
    draft = act.draft
    shown = format_amount(amount)
    offer = {"kind": "compensation", "amount": shown, "approved_by": approved_by}
    if reason:
        offer["reason"] = reason
    buttons = offers.put(draft, offer)
    key = "staff.travel_offer" if reason == TRAVEL else "staff.compensation_offer"
    draft.say(key, buttons=buttons, amount=shown)


def apply_staff(
    case: CaseState,
    command: StaffCommand,
    staff: Mapping[str, Staff],
    now: datetime,
    ctx: DialogContext,
) -> Turn | Refusal:
    """Apply ``command`` to ``case``: the turn to save, or why it is refused.

    ``staff`` is every configured staff member by id; an actor not in it is refused.
    """
    actor = staff.get(command.actor)
    if actor is None:
        return Refusal("not_authorised", "unknown staff member")
    if case.state == "closed":
        return Refusal("closed")
    action = _ACTIONS.get(command.action)
    if action is None:
        return Refusal("unknown_action", command.action)
    act = _Act(Draft(case, now, ctx), actor, command.args, staff)
    try:
        action(act)
    except _Refused as refused:
        return refused.refusal
    turn = act.draft.finish()
    # State changes a staff member causes are theirs in the audit log, not the bot's.
    effects = tuple(
        replace(effect, actor=actor.id) if isinstance(effect, RecordEvent) else effect
        for effect in turn.effects
    )
    return replace(turn, effects=effects)


def allowed_actions(
    case: CaseState, actor: str, staff: Mapping[str, Staff], now: datetime, ctx: DialogContext
) -> frozenset[str]:
    """The actions ``actor`` could take on ``case`` now (what a console offers).

    Found by trying each action with harmless arguments, so it can never disagree with
    :func:`apply_staff`, which still decides when the action is really taken.
    """
    probes: dict[str, list[dict[str, Any]]] = {
        "hand_over": [{"to": other} for other in staff if other != actor],
        "severity": [{"level": level} for level in SEVERITIES],
        "reply": [{"text": "-"}],
        "note": [{"text": "-"}],
        "propose": [{"remedy": code} for code in sorted(ctx.policy.remedy_codes)[:1]],
        "compensate": [{"amount": "1"}],
        "validity": [{"value": VALIDITIES[0]}],
    }
    allowed = set()
    for action in ACTIONS:
        for args in probes.get(action, [{}]):
            command = StaffCommand(actor=actor, action=action, args=args)
            if not isinstance(apply_staff(case, command, staff, now, ctx), Refusal):
                allowed.add(action)
                break
    return frozenset(allowed)
