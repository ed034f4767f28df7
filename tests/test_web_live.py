"""Live updates over Server-Sent Events: what each stream carries, to whom, and when it ends."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest
import uvicorn
from helpers.sse import EventStream
from helpers.web import Customer, StaffUser, Web

from bot.service import Server
from bot.web.sessions import CHAT_COOKIE, STAFF_COOKIE

CHAT = "/api/chat/stream"
LIST = "/staff/api/cases/stream"


def case_stream(case_id: int) -> str:
    return f"/staff/api/cases/{case_id}/stream"


async def history(web: Web, customer: Customer) -> list[int]:
    """The customer's visible message ids, after delivering what is queued."""
    await web.app.sender.drain()
    return [m["id"] for m in await customer.messages()]


async def collect(stream: EventStream) -> list[int]:
    """The message ids a chat stream sends until it falls quiet."""
    ids = []
    while not await stream.quiet_for(0.3):
        ids.append((await stream.next()).data["id"])
    return ids


# ---- the customer's chat ------------------------------------------------------------------


async def test_chat_stream_pushes_each_message_once_it_is_visible(web: Web):
    customer = await web.customer()
    async with EventStream(web.asgi, CHAT, customer.client) as stream:
        assert stream.status == 200
        assert stream.response_headers["content-type"].startswith("text/event-stream")
        await customer.say("我的快递一直没到")
        mine = await stream.next()
        assert (mine.event, mine.data["from"], mine.data["text"]) == (
            "message",
            "customer",
            "我的快递一直没到",
        )
        assert mine.id == str(mine.data["id"])
        # The bot's reply waits in the outbox: not on the page until the channel delivered it.
        assert await stream.quiet_for(0.3)
        await web.app.sender.drain()
        reply = await stream.next()
        assert reply.data["from"] == "bot" and int(reply.id) > int(mine.id)


async def test_chat_stream_keeps_an_idle_connection_alive(web: Web):
    customer = await web.customer()
    async with EventStream(web.asgi, CHAT, customer.client) as stream:
        assert await stream.quiet_for(0.5)
        assert "keep-alive" in stream.comments


@pytest.mark.parametrize(
    ("last_event_id", "after", "expected"),
    [
        (None, None, slice(0, None)),
        (None, "first", slice(1, None)),
        ("first", None, slice(1, None)),
        ("first", "0", slice(1, None)),  # a reconnect's Last-Event-ID wins over the page's URL
        ("last", "0", slice(0, 0)),
    ],
    ids=["from-start", "after", "reconnect", "reconnect-wins", "up-to-date"],
)
async def test_chat_stream_resumes_where_the_page_left_off(
    web: Web, last_event_id, after, expected
):
    customer = await web.customer()
    await customer.say("我的快递一直没到")
    await customer.say("订单号 88812345678")
    ids = await history(web, customer)
    assert len(ids) >= 3
    pick = {"first": str(ids[0]), "last": str(ids[-1]), "0": "0"}
    headers = {"Last-Event-ID": pick[last_event_id]} if last_event_id else {}
    params = {"after": pick[after]} if after else {}
    async with EventStream(web.asgi, CHAT, customer.client, params, headers) as stream:
        got = await collect(stream)
    assert got == ids[expected]


async def test_chat_stream_carries_only_the_customers_own_messages(web: Web):
    alice, bob = await web.customer(), await web.customer()
    await alice.say("我的快递一直没到，订单号 88812345678")
    # Bob asks for everything from the very start, while Alice keeps writing.
    async with EventStream(web.asgi, CHAT, bob.client, {"after": "0"}) as stream:
        await alice.say("请尽快处理")
        await bob.say("我买的电热水壶坏了")
        await web.app.sender.drain()
        seen = await collect(stream)
    assert seen == await history(web, bob)
    assert not set(seen) & set(await history(web, alice))


async def test_chat_stream_of_a_customer_who_has_not_written_yet(web: Web):
    customer = await web.customer()
    async with EventStream(web.asgi, CHAT, customer.client) as stream:
        assert await stream.quiet_for(0.2)
        await customer.say("你好，我要投诉")
        assert (await stream.next()).data["text"] == "你好，我要投诉"


@pytest.mark.parametrize("cookie", [None, "forged", "staff"])
async def test_chat_stream_needs_the_chat_cookie(web: Web, cookie):
    store = await web.login("store")
    async with web.client() as client:
        if cookie == "forged":
            client.cookies.set(CHAT_COOKIE, "InRoZWlycyI.abc.def")
        elif cookie == "staff":  # a real signed cookie, but not a chat identity
            client.cookies.set(CHAT_COOKIE, store.client.cookies.get(STAFF_COOKIE))
        async with EventStream(web.asgi, CHAT, client) as stream:
            assert (stream.status, stream.json()["error"]) == (401, "no_chat_session")


@pytest.mark.parametrize(
    ("params", "headers"), [({"after": "x"}, {}), ({}, {"Last-Event-ID": "x"})]
)
async def test_chat_stream_refuses_a_cursor_that_is_not_an_id(web: Web, params, headers):
    customer = await web.customer()
    async with EventStream(web.asgi, CHAT, customer.client, params, headers) as stream:
        assert (stream.status, stream.json()["error"]) == (400, "bad_after")


# ---- the staff case page ------------------------------------------------------------------


async def escalated_and_taken(web: Web) -> tuple[Customer, int, StaffUser]:
    customer, case_id = await web.escalated_case()
    store = await web.login("store")
    assert (await store.act(case_id, "take")).status_code == 200
    return customer, case_id, store


async def cursors(staff: StaffUser, case_id: int) -> dict[str, int]:
    data = await staff.case(case_id)
    return {
        "after_message": data["transcript"][-1]["id"],
        "after_event": max(e["id"] for e in data["events"]),
    }


async def test_case_stream_sends_the_state_then_every_change(web: Web):
    customer, case_id, store = await escalated_and_taken(web)
    seen = await cursors(store, case_id)
    version = (await store.case(case_id))["case"]["version"]
    async with EventStream(web.asgi, case_stream(case_id), store.client, seen) as stream:
        first = await stream.next()
        assert (first.event, first.data["version"]) == ("case", version)
        assert first.data["messages_html"].strip() == first.data["events_html"].strip() == ""
        assert await stream.quiet_for(0.3)  # nothing changed: nothing sent

        await customer.say("你们什么时候上门？")
        update = await stream.next()
        assert "你们什么时候上门？" in update.data["messages_html"]
        assert update.data["version"] > version
        assert update.id == f"{update.data['last_message']}.{update.data['last_event']}"

        await store.act(case_id, "note", text="老会员，注意语气")
        assert "老会员，注意语气" in (await stream.next()).data["events_html"]

        # A refused action is audited without touching the case: it still shows.
        supervisor = await web.login("supervisor")
        await supervisor.act(case_id, "reply", text="你好")
        refused = await stream.next()
        assert "ev-action_refused" in refused.data["events_html"]
        assert refused.data["version"] == update.data["version"] + 1  # only the note's bump


async def test_case_stream_resumes_after_the_last_event_id(web: Web):
    customer, case_id, store = await escalated_and_taken(web)
    async with EventStream(web.asgi, case_stream(case_id), store.client) as stream:
        resumed_from = (await stream.next()).id
    await customer.say("还在吗？")
    headers = {"Last-Event-ID": resumed_from}
    stale = {"after_message": "0", "after_event": "0"}  # the URL the page first opened
    async with EventStream(web.asgi, case_stream(case_id), store.client, stale, headers) as stream:
        html = (await stream.next()).data["messages_html"]
    assert "还在吗？" in html
    assert "电热水壶" not in html  # lines before the cursor are not sent again


async def test_case_stream_of_a_missing_case(web: Web):
    store = await web.login("store")
    async with EventStream(web.asgi, case_stream(999), store.client) as stream:
        assert (stream.status, stream.json()["error"]) == (404, "not_found")


async def test_case_stream_ends_with_the_staff_session(web: Web):
    from bot.passwords import hash_password
    from bot.staff import StaffDirectory

    _, case_id, store = await escalated_and_taken(web)
    async with EventStream(web.asgi, case_stream(case_id), store.client) as stream:
        await stream.next()
        members = tuple(
            m.model_copy(update={"password_hash": hash_password("new")}) if m.id == "store" else m
            for m in web.app.settings.staff
        )
        web.asgi.state.site.staff = StaffDirectory(members)
        with pytest.raises(EOFError):
            await stream.next()


# ---- the case list ------------------------------------------------------------------------


async def test_list_stream_sends_rows_when_the_list_changes(web: Web):
    store = await web.login("store")
    async with EventStream(web.asgi, LIST, store.client) as stream:
        first = await stream.next()
        assert first.event == "rows" and "/staff/cases/" not in first.data["html"]
        assert await stream.quiet_for(0.3)
        _, case_id = await web.escalated_case()
        assert f'href="/staff/cases/{case_id}"' in (await stream.next()).data["html"]
        await store.act(case_id, "take")
        assert "王强" in (await stream.next()).data["html"]


async def test_list_stream_keeps_to_its_filters(web: Web):
    store = await web.login("store")
    async with EventStream(web.asgi, LIST, store.client, {"state": "closed"}) as stream:
        await stream.next()
        await web.escalated_case()  # open, so not in this list
        assert await stream.quiet_for(0.4)


# ---- ending -------------------------------------------------------------------------------


async def test_a_stream_stops_when_the_browser_goes_away(web: Web):
    customer = await web.customer()
    stream = EventStream(web.asgi, CHAT, customer.client)
    async with stream:
        assert await stream.quiet_for(0.1)
    # Leaving the block disconnected: the app's task finished, though the stream never ended.
    assert stream.stopped and not stream.ended


async def test_the_server_stops_promptly_with_streams_open(web: Web):
    """Ctrl-C: uvicorn waits for open responses, so the streams must end by themselves."""
    customer = await web.customer()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(web.asgi, log_config=None, access_log=False, lifespan="off")
    server = Server(config, web.asgi.state.site.closing)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:  # noqa: ASYNC110 - uvicorn offers a flag, not an event
            await asyncio.sleep(0.01)
        cookies = {CHAT_COOKIE: customer.client.cookies.get(CHAT_COOKIE)}
        async with (
            httpx.AsyncClient(base_url=url, cookies=cookies) as browser,
            browser.stream("GET", CHAT) as response,
        ):
            assert response.status_code == 200
            chunks = response.aiter_text()
            assert "keep-alive" in await asyncio.wait_for(anext(chunks), 5)
            loop = asyncio.get_running_loop()
            started = loop.time()
            server.should_exit = True  # what uvicorn's SIGINT handler does
            await asyncio.wait_for(asyncio.shield(serving), 5)
            assert loop.time() - started < 2
            assert [chunk async for chunk in chunks] in ([], [""])  # the stream ended cleanly
    finally:
        server.force_exit = True  # a failed test must not leave the server running
        await serving
        sock.close()
