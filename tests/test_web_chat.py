"""The customer web chat over HTTP: cookie identity, idempotent sends, delivered replies only."""

from __future__ import annotations

import pytest
from helpers.web import Web

from bot.web.sessions import CHAT_COOKIE


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
    [("zh-CN,zh;q=0.9", "在线客服"), ("zh-TW", "線上客服"), ("en-GB,en;q=0.8", "Customer service"),
     ("fr-FR", "在线客服")],
)
async def test_the_page_speaks_the_browsers_language(web: Web, accept_language, words):
    async with web.client() as client:
        page = await client.get("/", headers={"Accept-Language": accept_language})
    assert words in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


async def test_a_retried_post_is_recorded_once(web: Web):
    customer = await web.customer()
    first = await customer.say("我的快递一直没到，订单号 88812345678", mid="a1b2c3d4e5f6")
    again = await customer.say("我的快递一直没到，订单号 88812345678", mid="a1b2c3d4e5f6")
    assert (first.status_code, first.json()["duplicate"]) == (201, False)
    assert (again.status_code, again.json()["duplicate"]) == (201, True)
    await web.app.sender.drain()
    mine = [m for m in await customer.messages() if m["from"] == "customer"]
    assert [m["client_id"] for m in mine] == ["a1b2c3d4e5f6"]


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


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"id": "short", "text": "hi"}, 400),
        ({"id": "a1b2c3d4e5f6", "text": "hi", "kind": "media"}, 400),
        ({"id": "a1b2c3d4e5f6", "text": 5}, 400),
        ({"id": "a1b2c3d4e5f6", "text": "   "}, 422),
        ({"id": "a1b2c3d4e5f6", "text": "投" * 2001}, 422),
    ],
    ids=["bad-id", "bad-kind", "not-text", "blank", "too-long"],
)
async def test_malformed_messages_are_refused(web: Web, body, status):
    customer = await web.customer()
    response = await customer.client.post("/api/chat/messages", json=body)
    assert response.status_code == status


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


async def test_health(web: Web):
    async with web.client() as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
