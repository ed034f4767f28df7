"""Drive the HTTP app in-process: customers in the web chat and staff in the console."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from bot.app import App
from bot.channels.webchat import CHANNEL
from bot.web import build_asgi
from bot.web.sessions import CHAT_COOKIE
from dialogs.staff import Staff
from storage import CaseRecord

DEMO_PASSWORD = "demo"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Customer:
    """A browser on the web chat page (its own cookie jar)."""

    client: httpx.AsyncClient

    async def open(self) -> None:
        (await self.client.get("/")).raise_for_status()

    async def say(self, text: str, *, kind: str = "text", mid: str | None = None) -> httpx.Response:
        body = {"id": mid or uuid.uuid4().hex, "text": text, "kind": kind}
        return await self.client.post("/api/chat/messages", json=body)

    async def messages(self, after: int = 0) -> list[dict[str, Any]]:
        response = await self.client.get("/api/chat/messages", params={"after": after})
        response.raise_for_status()
        return response.json()["messages"]


@dataclass
class StaffUser:
    """A signed-in staff browser: its CSRF token and what it does to cases."""

    id: str
    client: httpx.AsyncClient
    csrf: str

    async def case(self, case_id: int) -> dict[str, Any]:
        response = await self.client.get(f"/staff/api/cases/{case_id}")
        response.raise_for_status()
        return response.json()

    async def act(
        self, case_id: int, action: str, version: int | None = None, **args: Any
    ) -> httpx.Response:
        """A JSON action at the version the staff member last saw (fetched when not given)."""
        if version is None:
            version = (await self.case(case_id))["case"]["version"]
        return await self.client.post(
            f"/staff/api/cases/{case_id}/actions",
            json={"action": action, "version": version, "args": args},
            headers={"X-CSRF-Token": self.csrf},
        )


@dataclass
class Web:
    app: App
    asgi: Any

    def client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.asgi)
        return httpx.AsyncClient(transport=transport, base_url="http://testserver")

    async def customer(self) -> Customer:
        customer = Customer(self.client())
        await customer.open()
        return customer

    async def login(self, staff_id: str, password: str = DEMO_PASSWORD) -> StaffUser:
        client = self.client()
        page = await client.get("/staff/login")
        nonce = _CSRF.search(page.text).group(1)
        response = await client.post(
            "/staff/login", data={"staff_id": staff_id, "password": password, "csrf": nonce}
        )
        assert response.status_code == 303, response.text
        console = await client.get("/staff")
        return StaffUser(staff_id, client, _CSRF.search(console.text).group(1))

    def customer_ref(self, customer: Customer) -> str:
        """The identity in the customer's signed chat cookie."""
        ref = self.asgi.state.site.signer.load_chat(customer.client.cookies.get(CHAT_COOKIE))
        assert ref is not None
        return ref

    async def case_of(self, customer: Customer) -> CaseRecord:
        """The customer's open case."""
        async with self.app.store.transaction() as tx:
            record = await tx.find_customer(CHANNEL, self.customer_ref(customer))
            case = None if record is None else await tx.open_case(record.id)
        if case is None:
            raise LookupError("the customer has no open case")
        return case

    async def escalated_case(self, text: str = "/human") -> tuple[Customer, int]:
        """A web customer whose complaint now waits for staff."""
        customer = await self.customer()
        await customer.say("我买的电热水壶用了两天就坏了，订单号 88812345678")
        await customer.say(text)
        case = await self.case_of(customer)
        assert case.state.state == "escalated", case.state
        return customer, case.id


def roster(app: App) -> dict[str, Staff]:
    return {m.id: Staff(m.id, m.name, m.role) for m in app.settings.staff}


@pytest.fixture
async def web(app: App) -> AsyncIterator[Web]:
    """The HTTP app over the ``app`` fixture (SQLite, and PostgreSQL when configured)."""
    # A fixed key: the generated one would be written to ./data with a server database.
    # Streams poll often and keep alive soon, so tests need not wait for them.
    web = app.settings.web.model_copy(
        update={
            "secret_key": "test-secret",
            "stream_poll_seconds": 0.02,
            "stream_heartbeat_seconds": 0.2,
        }
    )
    app.settings = app.settings.model_copy(update={"web": web})
    yield Web(app, build_asgi(app))
