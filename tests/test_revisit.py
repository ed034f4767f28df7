"""Seven days after a case is handled the bot comes back and asks (PROCESS.md §7), through the
real inbox, jobs table, scheduler and outbox, with time moved forward instead of waited for."""

from datetime import timedelta

import pytest

from dialogs.events import Inbound

pytestmark = pytest.mark.asyncio

# settled with an apology (carried out within resolve_days)
LATE_PARCEL = ("快递太慢了，等了一个星期还没到，订单号 202611150001", "对", "接受")
# settled with an exchange (carried out within parts_returns_days)
BROKEN_HEATER = ("我上周买的热水器不加热了，订单号 202611150001", "对", "接受")


class Customer:
    """One customer typing into the console channel."""

    def __init__(self, app, ref: str) -> None:
        self.app, self.ref, self.sent = app, ref, 0

    async def says(self, text: str, kind: str = "text") -> int:
        self.sent += 1
        receipt = await self.app.inbox.receive(
            Inbound(
                channel="console",
                external_id=f"{self.ref}-{self.sent}",
                customer_ref=self.ref,
                received_at=self.app.clock(),
                kind=kind,
                text=text,
            )
        )
        await self.app.sender.drain()
        return receipt.case_id


async def state_of(app, case_id: int) -> str:
    async with app.store.transaction() as tx:
        return (await tx.get_case(case_id)).state.state


async def resolved_case(app, customer: Customer, script=LATE_PARCEL) -> int:
    for text in script:
        case_id = await customer.says(text)
    assert await state_of(app, case_id) == "resolved"
    return case_id


async def a_week_later(app, clock, recorder, ref: str) -> list:
    before = len(recorder.sent_to(ref))
    clock.advance(timedelta(days=app.settings.time_limits.revisit_after_days, minutes=1))
    assert await app.scheduler.run_due() >= 1
    await app.sender.drain()
    return recorder.sent_to(ref)[before:]


async def test_nothing_is_asked_before_the_week_is_over(app, clock, recorder):
    await resolved_case(app, Customer(app, "early"))
    clock.advance(timedelta(days=app.settings.time_limits.revisit_after_days - 1))
    before = len(recorder.sent_to("early"))
    await app.scheduler.run_due()
    await app.sender.drain()
    assert len(recorder.sent_to("early")) == before


async def test_a_satisfied_customer_closes_the_case(app, clock, recorder):
    customer = Customer(app, "happy")
    case_id = await resolved_case(app, customer)

    survey = await a_week_later(app, clock, recorder, "happy")

    assert survey, "the revisit reached the customer"
    assert [b.value for b in survey[-1].buttons][-1] == "5"  # a 1-5 score to tap
    assert await state_of(app, case_id) == "revisiting"
    await customer.says("5", kind="button")
    assert await state_of(app, case_id) == "closed"
    async with app.store.transaction() as tx:
        events = await tx.events(case_id)
    assert any(e.kind == "state" and e.data.get("to") == "closed" for e in events)


async def test_an_exchange_is_revisited_once_it_is_due_not_before(app, clock, recorder):
    limits = app.settings.time_limits
    assert limits.parts_returns_days > limits.revisit_after_days
    case_id = await resolved_case(app, Customer(app, "heater"), BROKEN_HEATER)

    clock.advance(timedelta(days=limits.revisit_after_days, minutes=1))
    await app.scheduler.run_due()
    assert await state_of(app, case_id) == "resolved"  # the exchange is not due yet

    clock.advance(timedelta(days=limits.parts_returns_days - limits.revisit_after_days))
    assert await app.scheduler.run_due() >= 1
    assert await state_of(app, case_id) == "revisiting"


async def test_a_low_score_reopens_the_case_to_staff(app, clock, recorder):
    customer = Customer(app, "unhappy")
    case_id = await resolved_case(app, customer)
    await a_week_later(app, clock, recorder, "unhappy")

    await customer.says("1", kind="button")

    assert await state_of(app, case_id) == "escalated"
    async with app.store.transaction() as tx:
        (listed,) = [c for c in await tx.list_cases(states=["escalated"]) if c.id == case_id]
    assert listed.sla_due_at is not None  # staff have a deadline to answer it
