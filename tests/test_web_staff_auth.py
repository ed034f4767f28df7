"""Staff console access: sign-in, sessions kept apart from customers, CSRF, demo passwords."""

from __future__ import annotations

import stat

import pytest
from helpers.web import Web

from bot.config import ConfigError, StaffMember, load_settings
from bot.passwords import hash_password
from bot.staff import StaffDirectory, check_staff_accounts
from bot.web.keys import get_secret_key
from bot.web.sessions import CHAT_COOKIE, STAFF_COOKIE

STAFF_PAGES = ["/staff", "/staff/rows", "/staff/cases/1"]
STAFF_APIS = [
    "/staff/api/cases",
    "/staff/api/cases/1",
    "/staff/api/cases/1/live",
    "/staff/api/cases/stream",
    "/staff/api/cases/1/stream",
]


@pytest.mark.parametrize("path", STAFF_PAGES)
async def test_no_session_means_the_login_page(web: Web, path):
    async with web.client() as client:
        response = await client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/staff/login?next={path}"
        login = await client.get(response.headers["location"])
        assert 'name="password"' in login.text


@pytest.mark.parametrize("path", STAFF_APIS)
async def test_no_session_means_401_from_the_api(web: Web, path):
    async with web.client() as client:
        response = await client.get(path)
    assert (response.status_code, response.json()["error"]) == (401, "login")


async def test_a_customer_cookie_cannot_read_staff_data(web: Web):
    customer, case_id = await web.escalated_case()
    chat_cookie = customer.client.cookies.get(CHAT_COOKIE)
    for path in STAFF_APIS:
        assert (await customer.client.get(path)).status_code == 401
    # Not even when presented as a staff cookie: it is signed for another purpose.
    async with web.client() as client:
        client.cookies.set(STAFF_COOKIE, chat_cookie, path="/staff")
        assert (await client.get(f"/staff/api/cases/{case_id}")).status_code == 401
        assert (await client.get("/staff")).status_code == 303


async def test_a_staff_cookie_is_not_a_chat_identity(web: Web):
    store = await web.login("store")
    staff_cookie = store.client.cookies.get(STAFF_COOKIE)
    async with web.client() as client:
        client.cookies.set(CHAT_COOKIE, staff_cookie)
        assert (await client.get("/api/chat/messages")).status_code == 401


@pytest.mark.parametrize(("staff_id", "password"), [("store", "wrong"), ("nobody", "demo")])
async def test_wrong_password_or_unknown_id_is_refused(web: Web, staff_id, password):
    async with web.client() as client:
        page = await client.get("/staff/login")
        nonce = page.text.split('name="csrf" value="')[1].split('"')[0]
        response = await client.post(
            "/staff/login", data={"staff_id": staff_id, "password": password, "csrf": nonce}
        )
        assert response.status_code == 401
        assert "工号或密码不正确" in response.text
        assert STAFF_COOKIE not in client.cookies
        assert (await client.get("/staff/api/cases")).status_code == 401


async def test_login_form_without_its_token_is_refused(web: Web):
    async with web.client() as client:
        response = await client.post("/staff/login", data={"staff_id": "store", "password": "demo"})
        assert response.status_code == 400
        assert STAFF_COOKIE not in client.cookies


async def test_login_returns_to_the_page_asked_for_but_never_off_site(web: Web):
    async with web.client() as client:
        for target, expected in [
            ("/staff/cases/7", "/staff/cases/7"),
            ("https://evil.example/", "/staff"),
            ("//evil.example/staff", "/staff"),
        ]:
            page = await client.get("/staff/login", params={"next": target})
            nonce = page.text.split('name="csrf" value="')[1].split('"')[0]
            response = await client.post(
                "/staff/login",
                data={"staff_id": "store", "password": "demo", "csrf": nonce, "next": target},
            )
            assert response.headers["location"] == expected
            client.cookies.clear()


async def test_signed_in_staff_see_the_console(web: Web):
    store = await web.login("store")
    page = await store.client.get("/staff")
    assert page.status_code == 200
    assert "王强" in page.text
    assert (await store.client.get("/staff/api/cases")).json() == {"cases": []}


async def test_logout_needs_the_token_and_ends_the_session(web: Web):
    store = await web.login("store")
    assert (await store.client.post("/staff/logout", data={"csrf": "nope"})).status_code == 400
    response = await store.client.post("/staff/logout", data={"csrf": store.csrf})
    assert response.headers["location"] == "/staff/login"
    assert (await store.client.get("/staff/api/cases")).status_code == 401


async def test_changing_a_password_ends_its_sessions(web: Web):
    store = await web.login("store")
    members = tuple(
        m.model_copy(update={"password_hash": hash_password("new")}) if m.id == "store" else m
        for m in web.app.settings.staff
    )
    web.asgi.state.site.staff = StaffDirectory(members)
    assert (await store.client.get("/staff/api/cases")).status_code == 401


async def test_actions_need_the_sessions_csrf_token(web: Web):
    _, case_id = await web.escalated_case()
    store = await web.login("store")
    version = (await store.case(case_id))["case"]["version"]
    url = f"/staff/api/cases/{case_id}/actions"
    body = {"action": "take", "version": version, "args": {}}
    missing = await store.client.post(url, json=body)
    wrong = await store.client.post(url, json=body, headers={"X-CSRF-Token": "forged"})
    other = await web.login("agent")  # a real token, but another person's session
    foreign = await store.client.post(url, json=body, headers={"X-CSRF-Token": other.csrf})
    form = await store.client.post(
        f"/staff/cases/{case_id}/actions", data={"action": "take", "version": str(version)}
    )
    for response in (missing, wrong, foreign):
        assert (response.status_code, response.json()["refused"]) == (400, "csrf")
    assert form.headers["location"] == f"/staff/cases/{case_id}?refused=csrf"
    assert (await store.case(case_id))["case"]["state"] == "escalated"  # nothing happened


def test_demo_passwords_are_refused_beyond_loopback():
    settings = load_settings(None, env={})
    check_staff_accounts(settings)  # 127.0.0.1: fine
    web = settings.web.model_copy(update={"host": "0.0.0.0"})
    public = settings.model_copy(update={"web": web})
    with pytest.raises(ConfigError, match="demo password"):
        check_staff_accounts(public)
    real_hash = hash_password("s3cret!")
    real = tuple(m.model_copy(update={"password_hash": real_hash}) for m in settings.staff)
    check_staff_accounts(public.model_copy(update={"staff": real}))


@pytest.mark.parametrize(
    ("staff", "message"),
    [
        ((StaffMember(id="x", name="X", role="janitor"),), "not in authority.roles"),
        ((StaffMember(id="x", name="X", role="front_line"),) * 2, "listed twice"),
    ],
)
def test_staff_config_mistakes_are_named(staff, message):
    settings = load_settings(None, env={}).model_copy(update={"staff": staff})
    with pytest.raises(ConfigError, match=message):
        check_staff_accounts(settings)


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    settings = load_settings(None, env={})
    url = f"sqlite+aiosqlite:///{tmp_path / 'db' / 'bot.sqlite3'}"
    storage = settings.storage.model_copy(update={"url": url})
    local = settings.model_copy(update={"storage": storage})
    key = get_secret_key(local)
    assert len(key) >= 32
    assert get_secret_key(local) == key
    path = tmp_path / "db" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    configured = local.model_copy(update={"web": local.web.model_copy(update={"secret_key": "k"})})
    assert get_secret_key(configured) == "k"
