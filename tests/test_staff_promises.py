"""Keeping promises while staff hold a case: the customer's answer to a staff offer, and the
resolve deadline (PROCESS.md §4 step 3, §6). Customer turns and staff actions on one case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dialogs_kit import (
    NOW,
    Conversation,
    TableAnalyzer,
    analysis,
    cancels,
    events,
    jobs,
    keys,
    make_context,
    notices,
    text,
)

from bot.staff import StaffDirectory, do_staff_action
from dialogs.events import CaseState, Inbound, StaffCommand, Turn
from dialogs.staff import ACCEPT, DECLINE, OFFER, Staff, apply_staff

STAFF = {
    "agent": Staff("agent", "李娜", "front_line"),
    "store": Staff("store", "王强", "store_manager"),
    "supervisor": Staff("supervisor", "张敏", "service_supervisor"),
    "manager": Staff("manager", "陈刚", "management"),
}
QUALITY = {"category": "quality", "confidence": 0.9, "complaint": True}
ROWS = TableAnalyzer(
    analysis("我要转人工", intents=("human",)),
    analysis("我要转人工，想换货", intents=("human",), remedy=("exchange",)),
    analysis("好的，接受", intents=("yes",)),
    analysis("可以", intents=("yes",)),
    analysis("不接受", intents=("no",)),
    analysis("好的，不过我要退款", intents=("yes",), remedy=("refund",)),
    analysis("什么时候能办好"),
    analysis("行不行啊", intents=("yes", "no")),
    analysis("不接受，我不投诉了", intents=("no", "cancel")),
    analysis(
        "热水器漏电把孩子电伤了",
        severity="crisis",
        reasons=("safety", "injury"),
        **QUALITY,
    ),
)


@pytest.fixture(scope="module")
def ctx():
    return make_context(ROWS)


class Desk(Conversation):
    """A conversation in which staff act too, as the console would."""

    def staff(self, actor: str, action: str, **args) -> Turn:
        turn = apply_staff(self.case, StaffCommand(actor, action, args), STAFF, self.now, self.ctx)
        assert isinstance(turn, Turn), turn
        self.case = turn.state
        self.turns.append(turn)
        return turn

    def deadline_job(self):
        return self.timer("sla_resolve", deadline=self.case.memo["resolve_due"])


@pytest.fixture
def desk(ctx):
    desk = Desk(ctx)
    desk.send("我要转人工")
    desk.staff("store", "take")
    return desk


def buttons(turn: Turn) -> list[str]:
    return [b.value for reply in turn.replies for b in reply.buttons]


def resolve_jobs(turn: Turn) -> list:
    return [j for j in jobs(turn) if j.kind == "sla_resolve"]


# ---- the customer's answer to a staff offer ---------------------------------------------


def test_accepting_a_proposal_is_recorded_passed_on_and_dated(desk):
    offer = desk.staff("store", "propose", remedy="exchange")
    accept, decline = buttons(offer)
    assert (accept, decline) == (f"{ACCEPT}:1", f"{DECLINE}:1")
    desk.later(hours=1)
    turn = desk.press(accept)
    assert (desk.state, desk.case.owner) == ("with_staff", "store")  # staff still resolve it
    (event,) = events(turn, "proposal_accepted")
    assert event.actor == "customer"
    assert dict(event.data) == {"offer": "remedy", "remedy": "exchange"}
    # an exchange takes parts and returns: 15 days from now, not the 3 days of the take
    due = desk.now + timedelta(days=15)
    assert [(j.due_at, dict(j.payload)) for j in resolve_jobs(turn)] == [
        (due, {"deadline": due.isoformat()})
    ]
    assert keys(turn) == ["offer.accepted"]
    assert "换货" in text(turn) and "2026年12月5日 11:00" in text(turn)
    (notice,) = notices(turn)
    assert notice.reason == "proposal_accepted"
    assert "顾客已接受：换货" in notice.text and "2026年12月5日 11:00" in notice.text
    assert desk.case.memo[OFFER]["answer"] == "accepted"


def test_declining_compensation_keeps_the_case_and_the_deadline(desk):
    desk.staff("store", "compensate", amount="300")
    turn = desk.press(f"{DECLINE}:1")
    assert desk.state == "with_staff"
    (event,) = events(turn, "proposal_declined")
    assert dict(event.data) == {"offer": "compensation", "amount": "300"}
    assert keys(turn) == ["offer.declined"]
    assert [(n.reason, n.text) for n in notices(turn)] == [
        ("proposal_declined", "顾客不接受：300元的补偿。请与顾客商量其他方案。")
    ]
    assert jobs(turn) == [] and cancels(turn) == []


@pytest.mark.parametrize(
    ("words", "kind"), [("好的，接受", "proposal_accepted"), ("不接受", "proposal_declined")]
)
def test_a_typed_answer_right_after_the_offer_counts_the_same(desk, words, kind):
    desk.staff("store", "propose", remedy="repair")
    turn = desk.send(words)
    assert [e.kind for e in events(turn)] == [kind]
    assert f"顾客原话：{words}" in notices(turn)[0].text  # staff see the words too


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(("customer", "什么时候能办好"), id="customer-wrote-in-between"),
        pytest.param(("store", "reply"), id="staff-replied-in-between"),
    ],
)
def test_a_typed_yes_later_on_is_only_forwarded(desk, before):
    desk.staff("store", "propose", remedy="repair")
    who, what = before
    if who == "customer":
        desk.send(what)
    else:
        desk.staff("store", "reply", text="师傅明天上午上门，可以吗？")
    turn = desk.send("可以")
    assert events(turn, "proposal_accepted") == []
    assert [(n.reason, n.text) for n in notices(turn)] == [("customer_wrote", "可以")]


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        ("好的，不过我要退款", "customer_wrote"),  # yes, but to something else
        ("行不行啊", "customer_wrote"),  # yes and no: not clearly either
        ("不接受，我不投诉了", "cancel_requested"),  # a wish to cancel goes to staff as such
    ],
)
def test_words_that_are_not_clearly_an_answer_are_only_forwarded(desk, words, reason):
    desk.staff("store", "propose", remedy="repair")
    turn = desk.send(words)
    assert events(turn, "proposal_accepted") == [] and events(turn, "proposal_declined") == []
    assert [n.reason for n in notices(turn)] == [reason]


def test_a_press_is_credited_to_the_offer_it_was_under(desk):
    first = desk.staff("store", "propose", remedy="exchange")
    desk.staff("store", "compensate", amount="100")
    turn = desk.press(buttons(first)[0])  # the exchange, though the money came later
    assert dict(events(turn, "proposal_accepted")[0].data) == {
        "offer": "remedy",
        "remedy": "exchange",
    }
    assert desk.case.memo[OFFER]["amount"] == "100"  # the latest offer is still open
    assert "answer" not in desk.case.memo[OFFER]


def test_a_second_tap_is_acknowledged_without_a_second_record(desk):
    offer = desk.staff("store", "propose", remedy="exchange")
    desk.press(buttons(offer)[0])
    again = desk.press(buttons(offer)[0])
    assert keys(again) == ["offer.already"]
    assert events(again) == [] and notices(again) == [] and jobs(again) == []
    changed = desk.press(buttons(offer)[1])  # a change of mind is news for the owner
    assert [e.kind for e in events(changed)] == ["proposal_declined"]


def test_decision_buttons_without_an_offer_are_only_forwarded(desk):
    turn = desk.press(f"{ACCEPT}:7")
    assert events(turn) == []
    assert [n.reason for n in notices(turn)] == ["customer_wrote"]


def test_a_bare_button_value_answers_the_latest_offer(desk):
    desk.staff("store", "compensate", amount="100")
    turn = desk.press(ACCEPT)
    assert dict(events(turn, "proposal_accepted")[0].data)["amount"] == "100"


def test_answers_in_english(ctx):
    desk = Desk(
        ctx,
        case=CaseState(state="with_staff", owner="store", locale="en", memo={"locale_fixed": True}),
    )
    offer = desk.staff("store", "compensate", amount="100")
    turn = desk.press(buttons(offer)[0])
    assert "compensation of 100 yuan" in text(turn)
    assert "100元的补偿" in notices(turn)[0].text  # staff read the default locale


# ---- the resolve deadline ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "wish", "actor", "window"),
    [
        ("ordinary", None, "store", timedelta(days=3)),
        ("ordinary", "exchange", "store", timedelta(days=15)),
        ("ordinary", "compensation", "store", timedelta(days=3)),
        ("major", "exchange", "supervisor", timedelta(hours=24)),
        ("crisis", None, "manager", timedelta(hours=24)),
    ],
)
def test_taking_a_case_starts_its_resolve_deadline(ctx, severity, wish, actor, window):
    slots = {"remedy": [wish]} if wish else {}
    waiting = CaseState(state="escalated", severity=severity, slots=slots, memo={"x": 1})
    turn = apply_staff(waiting, StaffCommand(actor, "take"), STAFF, NOW, ctx)
    assert [(j.due_at, dict(j.payload)) for j in resolve_jobs(turn)] == [
        (NOW + window, {"deadline": (NOW + window).isoformat()})
    ]
    assert turn.state.memo["resolve_due"] == (NOW + window).isoformat()


def test_taking_over_or_handing_over_keeps_the_clock(desk):
    due = desk.case.memo["resolve_due"]
    taken_over = desk.staff("supervisor", "take")
    handed_over = desk.staff("supervisor", "hand_over", to="manager")
    assert resolve_jobs(taken_over) == [] and resolve_jobs(handed_over) == []
    assert desk.case.memo["resolve_due"] == due


def test_a_missed_resolve_deadline_goes_one_role_up_with_an_apology(desk):
    desk.later(days=3)
    turn = desk.deadline_job()
    assert (desk.state, desk.case.owner) == ("with_staff", "store")  # the owner keeps it
    assert desk.case.memo["role"] == "area_manager"
    (event,) = events(turn, "sla_breached")
    assert dict(event.data) == {
        "reason": "resolve_breach",
        "missed_by": "store_manager",
        "owner": "store",
        "role": "area_manager",
        "due_at": (desk.now + timedelta(days=3)).isoformat(),
    }
    (notice,) = notices(turn)
    assert notice.reason == "resolve_breach"
    assert "store" in notice.text and "区域经理" in notice.text and "2026年11月26日" in notice.text
    assert keys(turn) == ["escalate.resolve_breach"]
    assert "非常抱歉" in text(turn) and "区域经理" in text(turn) and "2026年11月26日" in text(turn)
    (job,) = resolve_jobs(turn)
    assert job.due_at == desk.now + timedelta(days=3)
    desk.later(days=3)
    assert desk.deadline_job().state.memo["role"] == "service_supervisor"  # and up again


def test_the_owners_own_role_counts_when_going_up(ctx):
    desk = Desk(ctx)
    desk.send("我要转人工")  # an ordinary case: the store manager's
    desk.staff("supervisor", "take")
    desk.later(days=3)
    desk.deadline_job()
    assert desk.case.memo["role"] == "management"


def test_stale_resolve_jobs_do_nothing(desk):
    old = desk.case.memo["resolve_due"]
    offer = desk.staff("store", "propose", remedy="exchange")
    desk.press(buttons(offer)[0])  # a new deadline: the old job is stale
    for turn in (desk.timer("sla_resolve", deadline=old), desk.timer("sla_resolve")):
        assert turn.replies == () and turn.effects == ()
    assert desk.case.memo["role"] == "store_manager"


def test_resolving_stops_the_clock_and_reopening_restarts_it(desk):
    due = desk.case.memo["resolve_due"]
    resolved = desk.staff("store", "resolve", summary="已换新")
    assert ("sla_resolve",) in [c.kinds for c in cancels(resolved)]
    assert "resolve_due" not in desk.case.memo
    late = desk.timer("sla_resolve", deadline=due)
    assert late.replies == () and late.effects == ()
    desk.later(days=1)
    reopened = desk.staff("supervisor", "reopen")
    assert [j.due_at for j in resolve_jobs(reopened)] == [desk.now + timedelta(days=3)]


def test_a_deadline_before_anyone_took_the_case_is_stale(ctx):
    desk = Desk(ctx)
    desk.send("我要转人工")  # escalated, not taken: the first-reply deadline is what runs
    turn = desk.timer("sla_resolve", deadline=None)
    assert turn.replies == () and turn.effects == ()


def test_a_rise_in_severity_brings_the_deadline_closer_never_later(desk):
    turn = desk.send("热水器漏电把孩子电伤了")
    assert [j.due_at for j in resolve_jobs(turn)] == [desk.now + timedelta(hours=24)]
    desk.later(hours=23)
    assert resolve_jobs(desk.staff("manager", "take")) == []
    assert desk.case.memo["resolve_due"] == (NOW + timedelta(hours=24)).isoformat()


def test_staff_raising_severity_brings_the_deadline_closer(desk):
    turn = desk.staff("agent", "severity", level="major")
    assert [j.due_at for j in resolve_jobs(turn)] == [desk.now + timedelta(hours=24)]
    desk.later(days=2, hours=1)  # under 24 hours left: raising again changes nothing
    assert resolve_jobs(desk.staff("agent", "severity", level="crisis")) == []


def test_an_accepted_solution_sets_the_date_of_a_major_case(ctx):
    desk = Desk(ctx)
    desk.send("我要转人工，想换货")
    desk.staff("agent", "severity", level="major")
    desk.staff("supervisor", "take")
    assert desk.case.memo["resolve_due"] == (NOW + timedelta(hours=24)).isoformat()
    offer = desk.staff("supervisor", "propose", remedy="apology")
    turn = desk.press(buttons(offer)[0])
    # the definite date: by the remedies agreed and wanted (an exchange), not the 24 hours
    assert [j.due_at for j in resolve_jobs(turn)] == [NOW + timedelta(days=15)]


# ---- through the real app: the scheduler runs the deadline --------------------------------


@pytest.mark.asyncio
async def test_the_scheduler_runs_a_missed_resolve_deadline_once(app, clock):
    receipt = await app.inbox.receive(
        Inbound("console", "p1", "erin", clock(), text="我要找人工客服")
    )
    directory = StaffDirectory(app.settings.staff)
    take = StaffCommand("store", "take")
    assert (await do_staff_action(app, directory, receipt.case_id, take, seen_version=None)).ok
    clock.advance(timedelta(days=3, minutes=1))
    assert await app.scheduler.run_due() == 1
    assert await app.scheduler.run_due() == 0
    async with app.store.transaction() as tx:
        case = await tx.get_case(receipt.case_id)
        kinds = [e.kind for e in await tx.events(receipt.case_id)]
        said = [m.text for m in await tx.transcript(receipt.case_id) if m.direction == "out"]
    assert case.state.memo["role"] == "area_manager"
    assert "sla_breached" in kinds
    assert "区域经理" in said[-1]
    resolve = StaffCommand("store", "resolve")
    assert (await do_staff_action(app, directory, receipt.case_id, resolve, seen_version=None)).ok
    clock.advance(timedelta(days=4))
    async with app.store.transaction() as tx:
        due = await tx.claim_jobs(clock(), 10, 60)
    assert "sla_resolve" not in {job.kind for job in due}
