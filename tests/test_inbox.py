"""The inbox: idempotent, one transaction per turn, and no input makes it fall over."""

import asyncio
from datetime import timedelta

import pytest

from dialogs.events import Inbound

pytestmark = pytest.mark.asyncio


def inbound(app, text, *, ref="alice", mid=None, kind="text", media_type=None):
    inbound.counter += 1
    return Inbound(
        channel="console",
        external_id=mid or f"m{inbound.counter}",
        customer_ref=ref,
        received_at=app.clock(),
        kind=kind,
        text=text,
        media_type=media_type,
    )


inbound.counter = 0


async def transcript(app, case_id):
    async with app.store.transaction() as tx:
        return await tx.transcript(case_id)


async def test_replayed_message_changes_nothing(app):
    first = await app.inbox.receive(inbound(app, "我买的热水器不加热", mid="dup-1"))
    before = await transcript(app, first.case_id)
    async with app.store.transaction() as tx:
        case_before = await tx.get_case(first.case_id)

    again = await app.inbox.receive(inbound(app, "我买的热水器不加热", mid="dup-1"))

    assert again.duplicate
    assert await transcript(app, first.case_id) == before
    async with app.store.transaction() as tx:
        assert (await tx.get_case(first.case_id)).version == case_before.version


async def test_every_message_of_one_customer_lands_in_order(app):
    texts = ["你好", "我的快递一直没到", "订单号 88812345678", "已经等了十天"]
    receipts = await asyncio.gather(*(app.inbox.receive(inbound(app, t, ref="bob")) for t in texts))
    case_ids = {r.case_id for r in receipts}
    assert len(case_ids) == 1
    inbound_texts = [m.text for m in await transcript(app, case_ids.pop()) if m.direction == "in"]
    assert sorted(inbound_texts) == sorted(texts)


@pytest.mark.parametrize(
    ("text", "kind", "media_type"),
    [
        ("", "text", None),
        ("   \t  ", "text", None),
        ("😡😡😡🤬", "text", None),
        ("\x00\x07\x1b[31m\x7f", "text", None),
        ("投诉" * 25_000, "text", None),  # 50 KB of text
        ("", "media", "sticker"),
        ("", "media", "voice"),
        ("/frobnicate", "command", None),
    ],
    ids=["empty", "blank", "emoji", "control", "50KB", "sticker", "voice", "unknown-command"],
)
async def test_odd_input_gets_a_reply_and_is_kept(app, text, kind, media_type):
    receipt = await app.inbox.receive(
        inbound(
            app, text, ref=f"odd-{kind}-{len(text)}-{media_type}", kind=kind, media_type=media_type
        )
    )
    messages = await transcript(app, receipt.case_id)
    incoming = [m for m in messages if m.direction == "in"]
    replies = [m for m in messages if m.direction == "out"]
    # stored whole, however long; NUL (which PostgreSQL cannot hold) becomes U+FFFD
    assert [m.text for m in incoming] == [text.replace("\x00", "\ufffd")]
    assert replies and all(r.text.strip() for r in replies)


async def test_replies_reach_the_channel_after_commit(app, recorder):
    receipt = await app.inbox.receive(inbound(app, "你好", ref="carol"))
    await app.sender.drain()
    sent = recorder.sent_to("carol")
    assert sent, "the greeting was delivered"
    assert [r.text for r in sent] == [
        m.text for m in await transcript(app, receipt.case_id) if m.direction == "out"
    ]


async def test_a_due_job_runs_once_through_the_dialog(app, clock):
    receipt = await app.inbox.receive(inbound(app, "我要找人工客服", ref="dave"))
    async with app.store.transaction() as tx:
        case = await tx.get_case(receipt.case_id)
    assert case.state.state == "escalated"
    async with app.store.transaction() as tx:
        (listed,) = [c for c in await tx.list_cases() if c.id == receipt.case_id]
    assert listed.sla_due_at is not None

    clock.advance(listed.sla_due_at - clock() + timedelta(minutes=1))
    assert await app.scheduler.run_due() >= 1
    async with app.store.transaction() as tx:
        events = [e.kind for e in await tx.events(receipt.case_id)]
    assert await app.scheduler.run_due() == 0  # done jobs are not run again
    assert events  # the SLA breach left an audit trail


async def test_a_phone_number_given_in_chat_is_kept_with_the_customer(app, caplog):
    receipt = await app.inbox.receive(
        inbound(app, "热水器坏了，请打我电话13812345678联系", ref="frank")
    )
    async with app.store.transaction() as tx:
        case = await tx.get_case(receipt.case_id)
        customer = await tx.customer(case.customer_id)
    assert customer.phone == "13812345678"
    assert "13812345678" not in caplog.text
