"""The unit-of-work contract, run against SQLite always and PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from dialogs.events import Button, CaseState, Inbound, Reply
from storage import (
    CaseRecord,
    CustomerRecord,
    DuplicateInbound,
    OutboxItem,
    StaleCase,
    Store,
    Transaction,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
LEASE = 60.0


@pytest.fixture(params=["store", "pg_store"], ids=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue(request.param)


def inbound(external_id: str, text: str = "我要投诉", *, ref: str = "alice") -> Inbound:
    return Inbound(
        channel="web", external_id=external_id, customer_ref=ref, received_at=T0, text=text
    )


async def new_customer(tx: Transaction, ref: str = "alice", channel: str = "web") -> CustomerRecord:
    return await tx.get_or_create_customer(channel, ref, display_name="Alice", now=T0)


async def new_case(
    tx: Transaction, ref: str = "alice", state: CaseState | None = None, at: datetime = T0
) -> tuple[CustomerRecord, CaseRecord]:
    customer = await new_customer(tx, ref)
    case = await tx.create_case(customer.id, "web", state or CaseState(), at)
    return customer, case


async def enqueue(db: Store, text: str, *, ref: str = "alice", channel: str = "web") -> int:
    async with db.transaction() as tx:
        customer = await new_customer(tx, ref, channel)
        return await tx.enqueue_reply(None, customer, Reply(text), now=T0)


async def claim(db: Store, at: datetime = T0, channels: tuple[str, ...] = ("web",)) -> list[int]:
    async with db.transaction() as tx:
        return [item.id for item in await tx.claim_outbox(channels, at, 100, LEASE)]


async def claim_jobs(db: Store, at: datetime) -> list[int]:
    async with db.transaction() as tx:
        return [job.id for job in await tx.claim_jobs(at, 100, LEASE)]


class TestTransaction:
    async def test_commits_on_normal_exit(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer = await new_customer(tx)

        async with db.transaction() as tx:
            assert await tx.customer(customer.id) == customer

    async def test_rolls_back_on_exception(self, db: Store) -> None:
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                customer = await new_customer(tx)
                raise RuntimeError("turn failed")

        async with db.transaction() as tx:
            assert await tx.customer(customer.id) is None


class TestCustomers:
    async def test_get_or_create_returns_the_same_customer(self, db: Store) -> None:
        async with db.transaction() as tx:
            first = await tx.get_or_create_customer("web", "alice", locale="zh-TW", now=T0)
        async with db.transaction() as tx:
            again = await tx.get_or_create_customer(
                "web", "alice", display_name="Other", now=T0 + timedelta(days=1)
            )
            elsewhere = await tx.get_or_create_customer("telegram", "alice", now=T0)

        assert again == first
        assert (first.locale, first.display_name, first.created_at) == ("zh-TW", None, T0)
        assert elsewhere.id != first.id


class TestCases:
    async def test_create_case_stores_the_whole_state(self, db: Store) -> None:
        state = CaseState(
            state="collecting",
            locale="zh-TW",
            category="quality",
            severity="major",
            validity="valid",
            owner="staff-7",
            slots={"order_no": "A123", "amount": 499.5, "remedies": ["退货", "赔偿"]},
            memo={"pending": "confirm", "refusals": 0},
        )
        async with db.transaction() as tx:
            _, created = await new_case(tx, state=state)
        async with db.transaction() as tx:
            loaded = await tx.get_case(created.id)

        assert loaded == created
        assert (loaded.state, loaded.version, loaded.created_at) == (state, 1, T0)
        assert loaded.sla_due_at is None

    async def test_get_case_of_unknown_id_is_none(self, db: Store) -> None:
        async with db.transaction() as tx:
            assert await tx.get_case(999) is None

    async def test_open_case_is_the_newest_not_closed(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, older = await new_case(tx)
            _, newer = await new_case(tx, at=T0 + timedelta(hours=1))
            await new_case(tx, state=CaseState(state="closed"), at=T0 + timedelta(2))
            await new_case(tx, ref="bob", at=T0 + timedelta(3))

            assert (await tx.open_case(customer.id)).id == newer.id
            await tx.save_case(newer, CaseState(state="closed"), T0)
            assert (await tx.open_case(customer.id)).id == older.id
            await tx.save_case(older, CaseState(state="closed"), T0)
            assert await tx.open_case(customer.id) is None

    async def test_save_bumps_the_version_and_returns_the_saved_case(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            saved = await tx.save_case(case, CaseState(state="collecting"), T0 + timedelta(1))
            loaded = await tx.get_case(case.id)

        assert saved == loaded
        assert (saved.version, saved.state.state) == (2, "collecting")
        assert (saved.created_at, saved.updated_at) == (T0, T0 + timedelta(1))

    async def test_second_save_of_the_same_version_is_stale(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
        async with db.transaction() as tx:
            await tx.save_case(case, CaseState(state="first"), T0)

        with pytest.raises(StaleCase):
            async with db.transaction() as tx:
                await tx.save_case(case, CaseState(state="second"), T0)

        async with db.transaction() as tx:
            kept = await tx.get_case(case.id)
        assert (kept.state.state, kept.version) == ("first", 2)

    async def test_concurrent_read_then_write_turns_succeed_or_go_stale(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)

        async def turn(name: str) -> CaseRecord:
            async with db.transaction() as tx:
                current = await tx.get_case(case.id)
                await asyncio.sleep(0.1)  # the other turn runs meanwhile
                return await tx.save_case(current, CaseState(state=name), T0)

        outcomes = await asyncio.gather(turn("a"), turn("b"), return_exceptions=True)

        saved = [o for o in outcomes if isinstance(o, CaseRecord)]
        assert all(isinstance(o, CaseRecord | StaleCase) for o in outcomes), outcomes
        async with db.transaction() as tx:
            assert (await tx.get_case(case.id)).version == 1 + len(saved)

    async def test_milestones_are_set_the_first_time_only(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            case = await tx.save_case(case, CaseState(state="escalated"), T0 + timedelta(1))
            case = await tx.save_case(case, CaseState(state="resolved"), T0 + timedelta(2))
            case = await tx.save_case(case, CaseState(state="escalated"), T0 + timedelta(3))
            case = await tx.save_case(case, CaseState(state="closed"), T0 + timedelta(4))

        assert case.escalated_at == T0 + timedelta(1)
        assert case.resolved_at == T0 + timedelta(2)
        assert case.closed_at == T0 + timedelta(4)

    async def test_a_case_created_escalated_has_its_milestone(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx, state=CaseState(state="escalated"))

        assert (case.escalated_at, case.resolved_at, case.closed_at) == (T0, None, None)


async def test_sqlite_turns_queue_for_the_write_lock_instead_of_failing(store: Store) -> None:
    async with store.transaction() as tx:
        _, case = await new_case(tx)

    async def turn(name: str) -> str:
        async with store.transaction() as tx:
            current = await tx.get_case(case.id)
            await asyncio.sleep(0.1)
            return (await tx.save_case(current, CaseState(state=name), T0)).state.state

    assert sorted(await asyncio.gather(turn("a"), turn("b"))) == ["a", "b"]


class TestListCases:
    async def test_filters_combine_and_newest_comes_first(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, a = await new_case(tx, state=CaseState(state="escalated", category="quality"))
            _, b = await new_case(
                tx,
                ref="bob",
                state=CaseState(state="escalated", severity="crisis", owner="staff-1"),
                at=T0 + timedelta(1),
            )
            _, c = await new_case(
                tx, ref="carol", state=CaseState(state="collecting"), at=T0 + timedelta(2)
            )

            def ids(cases: list[CaseRecord]) -> list[int]:
                return [case.id for case in cases]

            assert ids(await tx.list_cases()) == [c.id, b.id, a.id]
            assert ids(await tx.list_cases(states=["escalated"])) == [b.id, a.id]
            assert ids(await tx.list_cases(severities=["crisis", "major"])) == [b.id]
            assert ids(await tx.list_cases(categories=["quality"])) == [a.id]
            assert ids(await tx.list_cases(owner="staff-1")) == [b.id]
            assert ids(await tx.list_cases(states=["collecting"], owner="staff-1")) == []
            assert ids(await tx.list_cases(limit=2)) == [c.id, b.id]

    async def test_sla_due_at_is_the_earliest_pending_sla_job(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            _, calm = await new_case(tx, ref="bob")
            await tx.schedule_job(case.id, "sla_resolve", T0 + timedelta(days=3), {})
            await tx.schedule_job(case.id, "sla_first_reply", T0 + timedelta(hours=24), {})
            await tx.schedule_job(case.id, "revisit", T0 + timedelta(hours=1), {})
            # "_" is a LIKE wildcard: this kind must not pass for an sla_ job
            await tx.schedule_job(case.id, "slab", T0 + timedelta(hours=2), {})
            done = await tx.schedule_job(case.id, "sla_early", T0 + timedelta(hours=3), {})
            await tx.schedule_job(calm.id, "revisit", T0, {})
        await claim_jobs(db, T0 + timedelta(hours=3))  # runs revisit, slab, sla_early
        async with db.transaction() as tx:
            await tx.complete_job(done, T0 + timedelta(hours=3))

        async with db.transaction() as tx:
            due = {c.id: c.sla_due_at for c in await tx.list_cases()}

        assert due == {case.id: T0 + timedelta(hours=24), calm.id: None}


class TestInbound:
    async def test_records_the_message_in_the_transcript(self, db: Store) -> None:
        long_text = "商品质量有问题，" * 20_000
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            recorded = await tx.record_inbound(inbound("m1", long_text), customer.id, case.id, T0)
        async with db.transaction() as tx:
            transcript = await tx.transcript(case.id)

        assert transcript == [recorded]
        assert (recorded.direction, recorded.author, recorded.external_id) == (
            "in",
            "customer",
            "m1",
        )
        assert recorded.text == long_text

    async def test_replay_is_rejected_and_the_transaction_stays_usable(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            await tx.record_inbound(inbound("m1"), customer.id, case.id, T0)
            with pytest.raises(DuplicateInbound):
                await tx.record_inbound(inbound("m1", "again"), customer.id, case.id, T0)
            await tx.add_event(case.id, "duplicate_ignored", "bot", {}, T0)

        async with db.transaction() as tx:
            assert [m.text for m in await tx.transcript(case.id)] == ["我要投诉"]
            assert [e.kind for e in await tx.events(case.id)] == ["duplicate_ignored"]

    async def test_replay_in_a_later_transaction_is_rejected(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            await tx.record_inbound(inbound("m1"), customer.id, case.id, T0)

        with pytest.raises(DuplicateInbound):
            async with db.transaction() as tx:
                await tx.record_inbound(inbound("m1"), customer.id, case.id, T0)

    async def test_same_id_on_another_channel_is_a_different_message(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            await tx.record_inbound(inbound("m1"), customer.id, case.id, T0)
            telegram = Inbound("telegram", "m1", "alice", T0, text="hi")
            await tx.record_inbound(telegram, customer.id, case.id, T0)

            assert len(await tx.transcript(case.id)) == 2


class TestOutbox:
    async def test_claim_hands_out_the_reply_for_its_recipient(self, db: Store) -> None:
        reply = Reply("您好", (Button("是", "yes"), Button("否", "no")), key="confirm")
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            outbox_id = await tx.enqueue_reply(case.id, customer, reply, now=T0)
            (message,) = await tx.transcript(case.id)
        async with db.transaction() as tx:
            items = await tx.claim_outbox(["web"], T0, 10, LEASE)

        assert items == [OutboxItem(outbox_id, message.id, "web", "alice", case.id, reply, 0)]
        assert (message.direction, message.author, message.external_id) == ("out", "bot", None)
        assert (message.buttons, message.reply_key) == (reply.buttons, "confirm")

    async def test_staff_reply_is_recorded_with_its_author(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            await tx.enqueue_reply(case.id, customer, Reply("已处理"), author="staff-7", now=T0)
            (message,) = await tx.transcript(case.id)

        assert message.author == "staff-7"

    async def test_claim_takes_only_the_requested_channels(self, db: Store) -> None:
        web = await enqueue(db, "a")
        await enqueue(db, "b", channel="telegram")

        assert await claim(db, channels=()) == []
        assert await claim(db, channels=("web", "wechat")) == [web]

    async def test_claimed_row_is_reclaimed_only_after_its_lease(self, db: Store) -> None:
        row = await enqueue(db, "a")

        assert await claim(db) == [row]
        assert await claim(db, T0 + timedelta(seconds=LEASE - 1)) == []
        assert await claim(db, T0 + timedelta(seconds=LEASE + 1)) == [row]

    async def test_sent_row_is_never_claimed_again(self, db: Store) -> None:
        row = await enqueue(db, "a")
        await claim(db)
        async with db.transaction() as tx:
            await tx.mark_sent(row, T0, external_id="web:alice:1")
            (message,) = await tx.messages_after(1, 0)

        assert await claim(db, T0 + timedelta(days=1)) == []
        assert message.external_id == "web:alice:1"

    async def test_failed_row_is_retried_at_its_time(self, db: Store) -> None:
        row = await enqueue(db, "a")
        await claim(db)
        async with db.transaction() as tx:
            await tx.mark_failed(row, T0, "429 Too Many Requests", T0 + timedelta(seconds=30))

        assert await claim(db, T0 + timedelta(seconds=29)) == []
        async with db.transaction() as tx:
            (item,) = await tx.claim_outbox(["web"], T0 + timedelta(seconds=30), 10, LEASE)
        assert (item.id, item.attempts) == (row, 1)

    async def test_given_up_row_is_never_claimed_again(self, db: Store) -> None:
        row = await enqueue(db, "a")
        await claim(db)
        async with db.transaction() as tx:
            await tx.mark_failed(row, T0, "blocked by user", None)

        assert await claim(db, T0 + timedelta(days=30)) == []

    async def test_one_recipient_gets_replies_one_at_a_time_in_order(self, db: Store) -> None:
        first = await enqueue(db, "1")
        second = await enqueue(db, "2")
        to_bob = await enqueue(db, "bob", ref="bob")

        assert await claim(db) == [first, to_bob]
        assert await claim(db, T0 + timedelta(seconds=1)) == []
        async with db.transaction() as tx:
            await tx.mark_sent(first, T0)
        assert await claim(db, T0 + timedelta(seconds=1)) == [second]

    async def test_a_given_up_reply_does_not_hold_back_the_next(self, db: Store) -> None:
        first = await enqueue(db, "1")
        second = await enqueue(db, "2")
        await claim(db)
        async with db.transaction() as tx:
            await tx.mark_failed(first, T0, "bad request", None)

        assert await claim(db) == [second]

    async def test_two_concurrent_claimers_never_share_a_row(self, db: Store) -> None:
        rows = [await enqueue(db, "x", ref=f"customer-{n}") for n in range(10)]
        rows += [await enqueue(db, "second", ref="customer-0")]

        async def claimer() -> list[int]:
            async with db.transaction() as tx:
                items = await tx.claim_outbox(["web"], T0, 6, LEASE)
                await asyncio.sleep(0.2)  # hold the claim while the other worker tries
                return [item.id for item in items]

        first, second = await asyncio.gather(claimer(), claimer())

        assert not set(first) & set(second)
        assert sorted(first + second) == rows[:10]


class TestJobs:
    async def test_only_due_jobs_are_claimed_earliest_first(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            later = await tx.schedule_job(case.id, "revisit", T0 + timedelta(days=7), {"n": 1})
            sooner = await tx.schedule_job(case.id, "sla_first_reply", T0 + timedelta(1), {})
            report = await tx.schedule_job(None, "report", T0 + timedelta(2), {})

        assert await claim_jobs(db, T0) == []
        async with db.transaction() as tx:
            jobs = await tx.claim_jobs(T0 + timedelta(days=7), 10, LEASE)

        assert [job.id for job in jobs] == [sooner, report, later]
        assert (jobs[2].kind, jobs[2].payload, jobs[2].case_id) == ("revisit", {"n": 1}, case.id)
        assert {job.status for job in jobs} == {"running"}
        assert jobs[0].lease_until == T0 + timedelta(days=7, seconds=LEASE)

    async def test_claim_respects_the_limit(self, db: Store) -> None:
        async with db.transaction() as tx:
            for n in range(5):
                await tx.schedule_job(None, "report", T0 + timedelta(minutes=n), {})
            jobs = await tx.claim_jobs(T0 + timedelta(hours=1), 3, LEASE)

        assert [job.due_at for job in jobs] == [T0 + timedelta(minutes=n) for n in range(3)]

    async def test_running_job_is_reclaimed_after_its_lease(self, db: Store) -> None:
        async with db.transaction() as tx:
            job = await tx.schedule_job(None, "report", T0, {})

        assert await claim_jobs(db, T0) == [job]
        assert await claim_jobs(db, T0 + timedelta(seconds=LEASE - 1)) == []
        assert await claim_jobs(db, T0 + timedelta(seconds=LEASE + 1)) == [job]

    async def test_completed_job_is_never_claimed_again(self, db: Store) -> None:
        async with db.transaction() as tx:
            job = await tx.schedule_job(None, "report", T0, {})
        await claim_jobs(db, T0)
        async with db.transaction() as tx:
            await tx.complete_job(job, T0)

        assert await claim_jobs(db, T0 + timedelta(days=1)) == []

    async def test_retry_counts_the_attempt_and_waits(self, db: Store) -> None:
        async with db.transaction() as tx:
            job = await tx.schedule_job(None, "report", T0, {})
        await claim_jobs(db, T0)
        async with db.transaction() as tx:
            await tx.retry_job(job, T0 + timedelta(minutes=5), "TimeoutError")

        assert await claim_jobs(db, T0 + timedelta(minutes=4)) == []
        async with db.transaction() as tx:
            (retried,) = await tx.claim_jobs(T0 + timedelta(minutes=5), 10, LEASE)
        assert (retried.attempts, retried.last_error) == (1, "TimeoutError")
        assert retried.due_at == T0 + timedelta(minutes=5)

    async def test_retry_without_a_time_gives_up(self, db: Store) -> None:
        async with db.transaction() as tx:
            job = await tx.schedule_job(None, "report", T0, {})
        await claim_jobs(db, T0)
        async with db.transaction() as tx:
            await tx.retry_job(job, None, "ValueError")

        assert await claim_jobs(db, T0 + timedelta(days=30)) == []

    async def test_cancel_jobs_by_kind_or_all_pending(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            _, other = await new_case(tx, ref="bob")
            running = await tx.schedule_job(case.id, "sla_resolve", T0, {})
        await claim_jobs(db, T0)
        async with db.transaction() as tx:
            for kind in ("sla_first_reply", "sla_resolve", "revisit"):
                await tx.schedule_job(case.id, kind, T0 + timedelta(1), {})
            kept = await tx.schedule_job(other.id, "sla_resolve", T0 + timedelta(1), {})

            assert await tx.cancel_jobs(case.id, ("sla_first_reply", "sla_resolve")) == 2
            assert await tx.cancel_jobs(case.id, ()) == 1
            assert await tx.cancel_jobs(case.id, ()) == 0

        remaining = await claim_jobs(db, T0 + timedelta(days=2))
        assert remaining == [running, kept]  # running (lease expired) and the other case's

    async def test_two_concurrent_claimers_never_share_a_job(self, db: Store) -> None:
        async with db.transaction() as tx:
            jobs = [await tx.schedule_job(None, "report", T0, {}) for _ in range(10)]

        async def claimer() -> list[int]:
            async with db.transaction() as tx:
                claimed = await tx.claim_jobs(T0, 6, LEASE)
                await asyncio.sleep(0.2)
                return [job.id for job in claimed]

        first, second = await asyncio.gather(claimer(), claimer())

        assert not set(first) & set(second)
        assert sorted(first + second) == jobs


class TestDatetimes:
    async def test_aware_datetimes_come_back_as_the_same_instant_in_utc(self, db: Store) -> None:
        beijing = datetime(2025, 3, 1, 16, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
        async with db.transaction() as tx:
            _, case = await new_case(tx, at=beijing)
            job = await tx.schedule_job(case.id, "sla_resolve", beijing, {})
        async with db.transaction() as tx:
            loaded = await tx.get_case(case.id)
            (claimed,) = await tx.claim_jobs(beijing, 10, LEASE)
            (listed,) = await tx.list_cases()

        for value in (loaded.created_at, claimed.due_at, claimed.created_at):
            assert value.tzinfo is UTC
        assert loaded.created_at == beijing
        assert (claimed.id, claimed.due_at) == (job, beijing)
        assert listed.sla_due_at is None  # the job is running now, not pending

    async def test_naive_datetimes_are_refused(self, db: Store) -> None:
        with pytest.raises(StatementError, match="naive datetime"):
            async with db.transaction() as tx:
                await new_case(tx, at=datetime(2025, 3, 1, 8, 0))


class TestReads:
    async def test_messages_after_shows_what_the_customer_can_see_in_order(self, db: Store) -> None:
        async with db.transaction() as tx:
            customer, case = await new_case(tx)
            bob, bobs_case = await new_case(tx, ref="bob")
            m1 = await tx.record_inbound(inbound("m1", "one"), customer.id, case.id, T0)
            r1 = await tx.enqueue_reply(case.id, customer, Reply("r1"), now=T0)
            await tx.record_inbound(inbound("b1", "bob", ref="bob"), bob.id, bobs_case.id, T0)
            m2 = await tx.record_inbound(inbound("m2", "two"), customer.id, case.id, T0)
            r2 = await tx.enqueue_reply(case.id, customer, Reply("r2"), now=T0)
            m3 = await tx.record_inbound(inbound("m3", "three"), customer.id, case.id, T0)

        async def texts(after_id: int = 0, limit: int = 100) -> list[str]:
            async with db.transaction() as tx:
                found = await tx.messages_after(customer.id, after_id, limit)
            return [message.text for message in found]

        assert await texts() == ["one"]  # r1 is not delivered yet: nothing past it shows
        async with db.transaction() as tx:
            await tx.mark_sent(r1, T0)
        assert await texts() == ["one", "r1", "two"]
        async with db.transaction() as tx:
            await tx.mark_failed(r2, T0, "gone", None)
        assert await texts() == ["one", "r1", "two", "three"]
        assert await texts(after_id=m2.id) == ["three"]
        assert await texts(after_id=m1.id, limit=2) == ["r1", "two"]
        assert await texts(after_id=m3.id) == []

    async def test_events_in_order_per_case_and_after_an_id(self, db: Store) -> None:
        async with db.transaction() as tx:
            _, case = await new_case(tx)
            _, other = await new_case(tx, ref="bob")
            await tx.add_event(case.id, "opened", "bot", {"category": "quality"}, T0)
            await tx.add_event(other.id, "opened", "bot", {}, T0)
            await tx.add_event(case.id, "take", "staff-7", {"note": "处理中"}, T0 + timedelta(1))

        async with db.transaction() as tx:
            events = await tx.events(case.id)
            later_in_case = await tx.events(case.id, after_id=events[0].id)
            after_first = await tx.events_after(events[0].id)
            everything = await tx.events_after(0, limit=2)

        assert [(e.kind, e.actor, e.data) for e in events] == [
            ("opened", "bot", {"category": "quality"}),
            ("take", "staff-7", {"note": "处理中"}),
        ]
        assert events[1].created_at == T0 + timedelta(1)
        assert [(e.case_id, e.kind) for e in after_first] == [
            (other.id, "opened"),
            (case.id, "take"),
        ]
        assert [e.id for e in everything] == [events[0].id, after_first[0].id]
        assert [e.id for e in later_in_case] == [events[1].id]  # not the other case's event
