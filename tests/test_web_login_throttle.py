"""Staff sign-in throttling: per staff id and per client address, without telling who exists.

Defaults from config.example.toml: 5 failures per id, 20 per address, within 15 minutes,
lock 15 minutes.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from helpers.web import Web

from bot.web.sessions import STAFF_COOKIE

THROTTLED = "登录失败次数过多"
WRONG = "工号或密码不正确"


def client_from(web: Web, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=web.asgi, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def attempt(client: httpx.AsyncClient, staff_id: str, password: str) -> httpx.Response:
    page = await client.get("/staff/login")
    nonce = page.text.split('name="csrf" value="')[1].split('"')[0]
    return await client.post(
        "/staff/login", data={"staff_id": staff_id, "password": password, "csrf": nonce}
    )


async def fail(client: httpx.AsyncClient, staff_id: str, times: int) -> list[int]:
    return [(await attempt(client, staff_id, "wrong")).status_code for _ in range(times)]


@pytest.mark.parametrize("staff_id", ["store", "nobody"])
async def test_the_fifth_failure_locks_the_id_for_the_cool_down(web: Web, staff_id):
    async with client_from(web, "10.0.0.1") as client:
        assert await fail(client, staff_id, 4) == [401] * 4
        locked = await attempt(client, staff_id, "wrong")
        assert locked.status_code == 429
        assert f"{THROTTLED}，请 15 分钟后再试" in locked.text and WRONG not in locked.text
        assert locked.headers["retry-after"] == str(15 * 60)
        # Even the right password is not tried while locked (an unknown id has none).
        refused = await attempt(client, staff_id, "demo")
        assert refused.status_code == 429 and STAFF_COOKIE not in client.cookies

        web.app.clock.advance(timedelta(minutes=10))
        later = await attempt(client, staff_id, "demo")
        assert later.status_code == 429 and "请 5 分钟后再试" in later.text

        web.app.clock.advance(timedelta(minutes=5))
        after = await attempt(client, staff_id, "demo")
        assert after.status_code == (303 if staff_id == "store" else 401)


async def test_a_known_and_an_unknown_id_get_the_same_answers(web: Web):
    answers = {}
    for staff_id, address in (("store", "10.0.0.1"), ("nobody", "10.0.0.2")):
        async with client_from(web, address) as client:
            responses = [await attempt(client, staff_id, "wrong") for _ in range(6)]
        answers[staff_id] = [
            (r.status_code, r.headers.get("retry-after"), WRONG in r.text, THROTTLED in r.text)
            for r in responses
        ]
    assert answers["store"] == answers["nobody"]


async def test_failures_spread_beyond_the_window_do_not_add_up(web: Web):
    async with client_from(web, "10.0.0.1") as client:
        assert await fail(client, "store", 4) == [401] * 4
        web.app.clock.advance(timedelta(minutes=16))
        assert await fail(client, "store", 4) == [401] * 4
        assert (await attempt(client, "store", "demo")).status_code == 303


async def test_signing_in_clears_the_ids_count(web: Web):
    async with client_from(web, "10.0.0.1") as client:
        assert await fail(client, "store", 4) == [401] * 4
        assert (await attempt(client, "store", "demo")).status_code == 303
        client.cookies.clear()
        assert await fail(client, "store", 4) == [401] * 4


async def test_one_locked_id_leaves_other_ids_and_addresses_alone(web: Web):
    async with client_from(web, "10.0.0.1") as client:
        assert await fail(client, "store", 5) == [401] * 4 + [429]
        assert (await attempt(client, "supervisor", "demo")).status_code == 303
    async with client_from(web, "10.0.0.2") as elsewhere:
        assert (await attempt(elsewhere, "store", "wrong")).status_code == 429  # the id is locked
        assert (await attempt(elsewhere, "agent", "demo")).status_code == 303


async def test_one_address_trying_many_ids_is_locked(web: Web):
    async with client_from(web, "10.0.0.1") as client:
        statuses = []
        for n in range(20):
            statuses += await fail(client, f"guess{n}", 1)
        assert statuses == [401] * 19 + [429]
        assert (await attempt(client, "store", "demo")).status_code == 429  # a fresh id, too
    async with client_from(web, "10.0.0.2") as other:
        assert (await attempt(other, "store", "demo")).status_code == 303
