"""The customer web chat over HTTP: cookie identity, idempotent sends, delivered replies only."""

from __future__ import annotations

import pytest
from helpers.web import Customer, Web

from bot.channels.webchat import CHANNEL
from bot.web.sessions import CHAT_COOKIE, CookieSigner


async def test_first_visit_gets_a_signed_random_identity(web: Web):
    customer = await web.customer()
    cookie = customer.client.cookies.get(CHAT_COOKIE)
    assert cookie
    again = await customer.client.get("/")
    assert CHAT_COOKIE not in again.cookies  # kept, not replaced
    other = await web.customer()
    assert web.customer_ref(other) != web.customer_ref(customer)


@pytest.mark.parametrize(
    ("accept_language", "words"),
    [
        ("zh-CN,zh;q=0.9", "在线客服"),
        ("zh-TW", "線上客服"),
        ("en-GB,en;q=0.8", "Customer service"),
        ("fr-FR", "在线客服"),
    ],
)
async def test_the_page_speaks_the_browsers_language(web: Web, accept_language, words):
    async with web.client() as client:
        page = await client.get("/", headers={"Accept-Language": accept_language})
    assert words in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


async def test_a_retried_post_is_recorded_once_and_answered_once(web: Web):
    customer = await web.customer()
    first = await customer.say("我的快递一直没到，订单号 88812345678", mid="a1b2c3d4e5f6")
    await web.app.sender.drain()
    answered = await customer.messages()
    again = await customer.say("我的快递一直没到，订单号 88812345678", mid="a1b2c3d4e5f6")
    assert (first.status_code, first.json()) == (201, {"ok": True, "duplicate": False})
    assert (again.status_code, again.json()) == (200, {"ok": True, "duplicate": True})
    assert await web.app.sender.drain() == 0  # no second reply was queued
    assert await customer.messages() == answered
    mine = [m for m in answered if m["from"] == "customer"]
    assert [m["client_id"] for m in mine] == ["a1b2c3d4e5f6"]


async def test_a_message_id_is_only_a_duplicate_for_the_same_customer(web: Web):
    alice, bob = await web.customer(), await web.customer()
    first = await alice.say("我的快递一直没到", mid="a1b2c3d4e5f6")
    other = await bob.say("我买的电热水壶坏了", mid="a1b2c3d4e5f6")
    assert [first.status_code, other.status_code] == [201, 201]
    assert [m["text"] for m in await bob.messages()] == ["我买的电热水壶坏了"]
    assert [m["client_id"] for m in await bob.messages()] == ["a1b2c3d4e5f6"]


async def test_replies_show_once_the_channel_delivered_them(web: Web):
    customer = await web.customer()
    await customer.say("我的快递一直没到")
    assert [m["from"] for m in await customer.messages()] == ["customer"]
    assert await web.app.sender.drain() >= 1
    messages = await customer.messages()
    assert [m["from"] for m in messages] == ["customer", "bot"]
    assert messages[1]["name"] == web.app.settings.service.brand
    assert await customer.messages(after=messages[-1]["id"]) == []


async def test_quick_reply_buttons_come_with_the_message(web: Web):
    customer = await web.customer()
    await customer.say("我买的电热水壶坏了")
    await web.app.sender.drain()
    bot = [m for m in await customer.messages() if m["from"] == "bot"][-1]
    assert bot["buttons"] and {"label", "value"} <= set(bot["buttons"][0])
    response = await customer.say(bot["buttons"][0]["value"], kind="button")
    assert response.status_code == 201


async def test_customers_see_only_their_own_conversation(web: Web):
    alice, bob = await web.customer(), await web.customer()
    await alice.say("我的快递一直没到，订单号 88812345678")
    await web.app.sender.drain()
    assert await bob.messages() == []


async def recorded(web: Web, customer: Customer) -> list[str]:
    """Texts stored for the customer (none when the customer was never created)."""
    async with web.app.store.transaction() as tx:
        record = await tx.find_customer(CHANNEL, web.customer_ref(customer))
        messages = [] if record is None else await tx.messages_after(record.id, 0)
    return [m.text for m in messages]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"id": "short", "text": "hi"}, 400, "bad_message"),
        ({"id": "a1b2c3d4e5f6", "text": "hi", "kind": "media"}, 400, "bad_message"),
        ({"id": "a1b2c3d4e5f6", "text": 5}, 400, "bad_message"),
        ({"text": "hi"}, 400, "bad_message"),
        ({"id": "a1b2c3d4e5f6", "text": ""}, 422, "empty"),
        ({"id": "a1b2c3d4e5f6", "text": " \n\t　"}, 422, "empty"),
        ({"id": "a1b2c3d4e5f6", "text": "投" * 2001}, 413, "too_long"),
        ({"id": "a1b2c3d4e5f6", "text": "x" * 50 * 1024}, 413, "too_long"),
        ({"id": "a1b2c3d4e5f6", "text": "😀" * 50 * 1024}, 413, "too_long"),
    ],
    ids=[
        "bad-id",
        "bad-kind",
        "not-text",
        "no-id",
        "empty",
        "blank",
        "2001-chars",
        "50KB",
        "200KB-emoji",
    ],
)
async def test_malformed_messages_are_refused_and_not_recorded(web: Web, body, status, error):
    customer = await web.customer()
    response = await customer.client.post("/api/chat/messages", json=body)
    assert (response.status_code, response.json()["error"]) == (status, error)
    assert await recorded(web, customer) == []


async def test_a_refusal_for_length_names_the_limit(web: Web):
    customer = await web.customer()
    response = await customer.say("投" * 2001)
    assert response.json() == {"ok": False, "error": "too_long", "max_chars": 2000}
    assert 'maxlength="2000"' in (await customer.client.get("/")).text


async def test_a_message_at_the_limit_is_stored_whole(web: Web):
    customer = await web.customer()
    text = "我买的电热水壶坏了。" + "投" * 1990
    assert len(text) == 2000
    assert (await customer.say(text)).status_code == 201
    assert await recorded(web, customer) == [text]


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[1, 2]", b'"text"', b"", b'{"id": "a1b2c3d4e5f6", "text": "\xff\xfe"}'],
    ids=["syntax", "array", "string", "empty-body", "not-utf8"],
)
async def test_a_body_that_is_not_a_json_object_is_refused(web: Web, raw):
    customer = await web.customer()
    response = await customer.client.post(
        "/api/chat/messages", content=raw, headers={"Content-Type": "application/json"}
    )
    assert (response.status_code, response.json()["error"]) == (400, "bad_json")
    assert await recorded(web, customer) == []


async def test_a_cross_site_form_post_is_not_json_and_fails(web: Web):
    customer = await web.customer()
    response = await customer.client.post(
        "/api/chat/messages", data={"id": "a1b2c3d4e5f6", "text": "hi"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("cookie", [None, "forged", "InN0YWZmIg.abc.def"])
async def test_no_or_forged_chat_cookie_is_refused(web: Web, cookie):
    async with web.client() as client:
        if cookie:
            client.cookies.set(CHAT_COOKIE, cookie)
        assert (await client.get("/api/chat/messages")).status_code == 401
        response = await client.post("/api/chat/messages", json={"id": "a1b2c3d4e5f6", "text": "x"})
        assert response.status_code == 401
    async with web.app.store.transaction() as tx:
        assert await tx.list_cases() == []  # nobody was made up for the message


def forgeries(web: Web, alice_cookie: str) -> dict[str, str]:
    """Cookies that claim to be Alice without this installation's signature on them."""
    ref = web.asgi.state.site.signer.load_chat(alice_cookie)
    payload, _, signature = alice_cookie.rpartition(".")
    other_key = CookieSigner("another-installation", 3600)
    return {
        "garbage": "forged",
        "bare-ref": ref,
        "bad-signature": payload + "." + signature[::-1],
        "other-key": other_key.dump_chat(ref),
    }


@pytest.mark.parametrize("kind", ["garbage", "bare-ref", "bad-signature", "other-key"])
async def test_a_forged_chat_cookie_gets_a_new_customer_never_someone_elses(web: Web, kind):
    alice = await web.customer()
    await alice.say("我的快递一直没到，订单号 88812345678")
    forged = forgeries(web, alice.client.cookies.get(CHAT_COOKIE))[kind]
    async with web.client() as client:
        client.cookies.set(CHAT_COOKIE, forged, domain="testserver.local")  # the jar's own
        page = await client.get("/")
        fresh = page.cookies.get(CHAT_COOKIE)
        assert fresh and fresh != forged
        newcomer = Customer(client)
        assert web.customer_ref(newcomer) != web.customer_ref(alice)
        assert await newcomer.messages() == []


async def test_health(web: Web):
    async with web.client() as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
