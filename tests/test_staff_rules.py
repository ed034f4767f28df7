"""dialogs.staff: who may do what to a case, and what the customer hears. Pure, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_context
from bot.config import load_settings
from dialogs import Policy
from dialogs.events import CancelJobs, CaseState, RecordEvent, ScheduleJob, StaffCommand, Turn
from dialogs.staff import (
    ACCEPT,
    ACTIONS,
    DECLINE,
    OFFER,
    REQUEST,
    TRAVEL_GRANT,
    Refusal,
    Staff,
    allowed_actions,
    apply_staff,
    format_amount,
    parse_amount,
)

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
STAFF = {
    "agent": Staff("agent", "李娜", "front_line"),
    "store": Staff("store", "王强", "store_manager"),
    "supervisor": Staff("supervisor", "张敏", "service_supervisor"),
    "manager": Staff("manager", "陈刚", "management"),
}


class NoAnalyzer:
    """Staff actions never analyse text."""

    confidence_threshold = 0.5

    def analyze(self, text, language_hint=None):
        raise AssertionError("staff rules must not analyse text")


@pytest.fixture(scope="module")
def ctx():
    return build_context(load_settings(None, env={}), NoAnalyzer())


def case(state="escalated", owner=None, severity="ordinary", **memo) -> CaseState:
    return CaseState(state=state, owner=owner, severity=severity, category="quality", memo=memo)


def run(ctx, case_state, actor, action, **args):
    return apply_staff(case_state, StaffCommand(actor, action, args), STAFF, NOW, ctx)


def turn_of(result) -> Turn:
    assert isinstance(result, Turn), result
    return result


def events(turn: Turn) -> list[RecordEvent]:
    return [e for e in turn.effects if isinstance(e, RecordEvent)]


def kinds(turn: Turn) -> list[str]:
    return [e.kind for e in events(turn)]


# ---- taking and ownership ---------------------------------------------------------------


def test_take_makes_the_actor_the_one_owner(ctx):
    turn = turn_of(run(ctx, case(), "agent", "take"))
    assert turn.state.state == "with_staff"
    assert turn.state.owner == "agent"
    assert "李娜" in turn.replies[0].text  # the customer is told who answers now
    assert kinds(turn) == ["state", "taken"]
    assert {e.actor for e in events(turn)} == {"agent"}  # the audit names the staff member
    assert CancelJobs(("sla_first_reply",)) in turn.effects


def test_a_peer_cannot_take_a_case_someone_owns(ctx):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "agent", "take") == Refusal("not_owner", "store")


def test_someone_higher_up_may_take_over(ctx):
    turn = turn_of(run(ctx, case("with_staff", owner="store"), "supervisor", "take"))
    assert turn.state.owner == "supervisor"
    assert events(turn)[-1].data == {"previous_owner": "store"}


@pytest.mark.parametrize("memo", [{}, {"severity_reasons": ["media"]}], ids=["crisis", "media"])
def test_crisis_and_media_cases_need_management(ctx, memo):
    severity = "major" if memo else "crisis"
    risky = case(severity=severity, **memo)
    assert run(ctx, risky, "supervisor", "take") == Refusal("not_authorised", "management")
    assert turn_of(run(ctx, risky, "manager", "take")).state.owner == "manager"


@pytest.mark.parametrize(
    ("action", "args"),
    [
        ("reply", {"text": "您好"}),
        ("propose", {"remedy": "exchange"}),
        ("compensate", {"amount": "100"}),
        ("validity", {"value": "valid"}),
        ("resolve", {}),
        ("hand_over", {"to": "agent"}),
    ],
)
def test_owner_only_actions_refuse_everyone_else(ctx, action, args):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "supervisor", action, **args).reason == "not_owner"
    assert run(ctx, case(), "store", action, **args).reason == "not_owner"  # take it first
    assert isinstance(run(ctx, owned, "store", action, **args), Turn)


def test_hand_over_to_someone_unknown_or_to_oneself(ctx):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "store", "hand_over", to="nobody") == Refusal("unknown_staff", "nobody")
    assert run(ctx, owned, "store", "hand_over", to="store").reason == "invalid"
    turn = turn_of(run(ctx, owned, "store", "hand_over", to="supervisor"))
    assert turn.state.owner == "supervisor"
    assert "张敏" in turn.replies[0].text


# ---- money and authority ----------------------------------------------------------------


def test_an_offer_within_the_limit_goes_to_the_customer(ctx):
    turn = turn_of(run(ctx, case("with_staff", owner="store"), "store", "compensate", amount="300"))
    assert "300" in turn.replies[0].text
    assert [b.value for b in turn.replies[0].buttons] == [f"{ACCEPT}:1", f"{DECLINE}:1"]
    assert turn.state.memo[OFFER]["approved_by"] == "store"
    assert REQUEST not in turn.state.memo
    assert kinds(turn) == ["compensation_offered"]


@pytest.mark.parametrize(
    ("actor", "amount", "needs"),
    [
        ("store", "800", "service_supervisor"),
        ("agent", "50", "store_manager"),
        ("supervisor", "1500", "management"),
    ],
)
def test_an_offer_beyond_the_limit_becomes_a_request(ctx, actor, amount, needs):
    turn = turn_of(run(ctx, case("with_staff", owner=actor), actor, "compensate", amount=amount))
    request = turn.state.memo[REQUEST]
    assert (request["amount"], request["by"], request["needs"]) == (amount, actor, needs)
    assert OFFER not in turn.state.memo  # nothing is promised before approval
    assert amount not in turn.replies[0].text
    assert "compensation_requested" in kinds(turn)


def pending(amount="800", by="store", severity="ordinary", **memo) -> CaseState:
    request = {"amount": amount, "by": by, "reason": "", "at": NOW.isoformat(), "needs": "x"}
    return case("with_staff", owner=by, severity=severity, **{REQUEST: request}, **memo)


def test_approval_by_someone_with_enough_authority_offers_the_money(ctx):
    turn = turn_of(run(ctx, pending("800"), "supervisor", "approve"))
    assert REQUEST not in turn.state.memo
    assert turn.state.memo[OFFER] == {
        "kind": "compensation",
        "amount": "800",
        "approved_by": "supervisor",
        "n": 1,
    }
    assert "800" in turn.replies[0].text
    assert events(turn)[-1] == RecordEvent(
        "compensation_approved", "supervisor", {"amount": "800", "requested_by": "store"}
    )


def test_approval_beyond_the_approvers_authority_is_refused(ctx):
    assert run(ctx, pending("800"), "store", "approve") == Refusal("beyond_authority", "800")
    assert run(ctx, pending("800"), "store", "refuse") == Refusal("beyond_authority", "800")


def test_a_role_without_money_cannot_decide_at_all(ctx):
    assert run(ctx, pending("10"), "agent", "approve") == Refusal("not_authorised", "front_line")


def test_crisis_money_needs_management_whatever_the_amount(ctx):
    crisis = pending("100", by="manager", severity="crisis")
    assert run(ctx, crisis, "supervisor", "approve").reason == "beyond_authority"
    assert isinstance(run(ctx, crisis, "manager", "approve"), Turn)
    own = case("with_staff", owner="manager", severity="crisis")
    assert OFFER in turn_of(run(ctx, own, "manager", "compensate", amount="20000")).state.memo


def test_refusing_a_request_tells_the_audit_not_the_customer(ctx):
    turn = turn_of(run(ctx, pending("800"), "supervisor", "refuse", reason="超出标准"))
    assert REQUEST not in turn.state.memo
    assert turn.replies == ()
    assert events(turn)[-1].data["reason"] == "超出标准"


def test_nothing_to_approve(ctx):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "supervisor", "approve").reason == "no_request"


def test_one_request_at_a_time_and_none_left_open_at_resolution(ctx):
    assert run(ctx, pending(), "store", "compensate", amount="900").reason == "wrong_state"
    assert run(ctx, pending(), "store", "resolve").reason == "wrong_state"


@pytest.mark.parametrize("amount", ["", "abc", "0", "-5", "1.234", "NaN", "Infinity", "1e12"])
def test_amounts_that_are_not_money(ctx, amount):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "store", "compensate", amount=amount) == Refusal("invalid", "amount")


def test_amounts_read_and_print_like_money():
    assert parse_amount("12.50", 1000) is not None
    assert parse_amount("1000.01", 1000) is None  # above the configured ceiling
    shown = [format_amount(parse_amount(a, 1000)) for a in ("800", "800.00", "12.5")]
    assert shown == ["800", "800", "12.5"]


# ---- severity, validity, notes ----------------------------------------------------------


def test_anyone_may_raise_severity_and_the_deadline_moves_up(ctx):
    turn = turn_of(run(ctx, case(), "agent", "severity", level="major"))
    assert turn.state.severity == "major"
    assert turn.state.memo["role"] == "service_supervisor"
    (job,) = [e for e in turn.effects if isinstance(e, ScheduleJob)]
    assert job.kind == "sla_first_reply"
    assert job.due_at == NOW + timedelta(hours=12)
    assert job.payload == {"role": "service_supervisor"}


def test_lowering_severity_takes_the_owner(ctx):
    major = case("with_staff", owner="store", severity="major")
    assert run(ctx, major, "supervisor", "severity", level="ordinary").reason == "not_owner"
    lowered = turn_of(run(ctx, major, "store", "severity", level="ordinary"))
    assert lowered.state.severity == "ordinary"


def test_validity_is_one_of_three(ctx):
    owned = case("with_staff", owner="store")
    assert run(ctx, owned, "store", "validity", value="maybe").reason == "invalid"
    assert turn_of(run(ctx, owned, "store", "validity", value="assist")).state.validity == "assist"


# ---- a valid complaint: travel and lost-time compensation on top (PROCESS.md §5) ---------


def offered_amounts(turn: Turn) -> list[str]:
    return [e.data["amount"] for e in events(turn) if e.kind == "compensation_offered"]


def test_a_valid_complaint_is_offered_travel_compensation_once(ctx):
    turn = turn_of(run(ctx, case("with_staff", owner="store"), "store", "validity", value="valid"))
    assert turn.state.validity == "valid"
    assert offered_amounts(turn) == ["50"]
    assert events(turn)[-1].data["reason"] == "valid_travel"
    (reply,) = turn.replies
    assert "属实" in reply.text and "50元的交通和误工补偿" in reply.text
    assert [b.value for b in reply.buttons] == [f"{ACCEPT}:1", f"{DECLINE}:1"]
    assert turn.state.memo[OFFER]["amount"] == "50"
    assert turn.state.memo[TRAVEL_GRANT]["status"] == "offered"
    again = turn_of(run(ctx, turn.state, "store", "validity", value="valid"))  # not twice
    assert again.replies == () and offered_amounts(again) == []
    flipped = turn_of(run(ctx, turn.state, "store", "validity", value="invalid"))
    assert flipped.replies == ()
    back = turn_of(run(ctx, flipped.state, "store", "validity", value="valid"))
    assert back.replies == () and offered_amounts(back) == []


@pytest.mark.parametrize("value", ["invalid", "assist"])
def test_an_invalid_or_assisted_complaint_is_offered_nothing(ctx, value):
    turn = turn_of(run(ctx, case("with_staff", owner="store"), "store", "validity", value=value))
    assert turn.replies == ()
    assert kinds(turn) == ["validity_set"]
    assert TRAVEL_GRANT not in turn.state.memo and OFFER not in turn.state.memo


def test_travel_compensation_beyond_the_front_line_is_requested_then_approved(ctx):
    turn = turn_of(run(ctx, case("with_staff", owner="agent"), "agent", "validity", value="valid"))
    request = turn.state.memo[REQUEST]
    assert (request["amount"], request["needs"], request["reason"]) == (
        "50",
        "store_manager",
        "valid_travel",
    )
    assert OFFER not in turn.state.memo
    (reply,) = turn.replies
    assert "属实" in reply.text and "门店经理审批" in reply.text
    assert "50" not in reply.text and reply.buttons == ()  # nothing promised before approval
    approved = turn_of(run(ctx, turn.state, "store", "approve"))
    assert "50元的交通和误工补偿" in approved.replies[0].text
    assert approved.state.memo[OFFER]["reason"] == "valid_travel"


def test_travel_compensation_waits_behind_a_pending_request(ctx):
    front = pending("300", by="agent")
    turn = turn_of(run(ctx, front, "agent", "validity", value="valid"))
    assert turn.state.memo[REQUEST]["amount"] == "300"  # the pending one is untouched
    assert turn.state.memo[TRAVEL_GRANT]["status"] == "waiting"
    assert "审批" in turn.replies[0].text
    first = turn_of(run(ctx, turn.state, "store", "approve"))
    assert "300" in first.replies[0].text  # the first request's offer
    assert first.state.memo[REQUEST]["amount"] == "50"  # and now the travel request
    assert first.state.memo[REQUEST]["by"] == "agent"
    assert "compensation_requested" in kinds(first)
    second = turn_of(run(ctx, first.state, "store", "approve"))
    assert "50元的交通和误工补偿" in second.replies[0].text
    assert REQUEST not in second.state.memo
    # a refused request also lets the waiting one through
    refused = turn_of(run(ctx, turn.state, "store", "refuse"))
    assert refused.state.memo[REQUEST]["amount"] == "50"


def test_no_travel_compensation_when_the_policy_sets_none(ctx):
    none = replace(ctx, policy=Policy(valid_travel_compensation=0))
    turn = turn_of(run(none, case("with_staff", owner="store"), "store", "validity", value="valid"))
    assert turn.replies == () and kinds(turn) == ["validity_set"]


def test_travel_compensation_on_a_crisis_needs_management(ctx):
    crisis = case("with_staff", owner="supervisor", severity="crisis")
    turn = turn_of(run(ctx, crisis, "supervisor", "validity", value="valid"))
    assert turn.state.memo[REQUEST]["needs"] == "management"


def test_an_internal_note_never_reaches_the_customer(ctx):
    owned = case("with_staff", owner="store")
    turn = turn_of(run(ctx, owned, "agent", "note", text="顾客是老会员"))
    assert turn.replies == ()
    assert events(turn) == [RecordEvent("note", "agent", {"text": "顾客是老会员"})]
    assert run(ctx, case(), "agent", "note", text="   ").reason == "invalid"


# ---- resolve, reopen, closed ------------------------------------------------------------


def test_resolving_gives_the_conversation_back_to_the_bot(ctx):
    owned = case("with_staff", owner="store")
    turn = turn_of(run(ctx, owned, "store", "resolve", summary="已换新"))
    assert turn.state.state == "resolved"
    assert turn.state.owner is None
    assert turn.state.memo["resolved_by"] == "store"
    assert turn.replies[0].text.startswith("已换新")
    assert "2026年11月27日" in turn.replies[0].text  # the revisit date, 7 days on
    assert ScheduleJob("revisit", NOW + timedelta(days=7)) in turn.effects


def test_reopening_a_resolved_case_makes_the_actor_its_owner(ctx):
    turn = turn_of(run(ctx, case("resolved"), "supervisor", "reopen", reason="顾客来电"))
    assert (turn.state.state, turn.state.owner) == ("with_staff", "supervisor")
    assert CancelJobs(("revisit", "revisit_reminder", "revisit_expire")) in turn.effects
    assert run(ctx, case("with_staff", owner="store"), "store", "reopen").reason == "wrong_state"


@pytest.mark.parametrize("action", ACTIONS)
def test_nothing_happens_to_a_closed_case(ctx, action):
    closed = case("closed", owner="store")
    assert run(ctx, closed, "manager", action, text="x", amount="1") == Refusal("closed")


def test_unknown_actions_and_unknown_people(ctx):
    assert run(ctx, case(), "store", "delete") == Refusal("unknown_action", "delete")
    assert run(ctx, case(), "mallory", "take").reason == "not_authorised"


def test_the_case_passed_in_is_not_changed(ctx):
    before = pending("800")
    run(ctx, before, "supervisor", "approve")
    assert REQUEST in before.memo


# ---- what a console offers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "actor", "expected"),
    [
        (case(), "agent", {"take", "severity", "note"}),
        (pending("800"), "supervisor", {"take", "approve", "refuse", "severity", "note"}),
        (pending("800"), "agent", {"severity", "note"}),
        (case("resolved"), "store", {"reopen", "severity", "note"}),
        (case("closed"), "manager", set()),
    ],
    ids=["waiting", "approver", "front-line", "resolved", "closed"],
)
def test_allowed_actions_match_the_rules(ctx, state, actor, expected):
    assert allowed_actions(state, actor, STAFF, NOW, ctx) == expected
