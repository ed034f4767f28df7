"""The customer web chat: the page at ``/`` and its two JSON calls.

The customer is whoever holds the signed ``cb_chat`` cookie (a random id made on the first
visit): no account, no personal data in the cookie. Messages go through the inbox like any
other channel; replies come back through the outbox, polled with ``messages_after``.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.webchat import CHANNEL, MAX_TEXT, check_client_id, make_inbound
from bot.web.sessions import CHAT_COOKIE, CHAT_MAX_AGE
from bot.web.site import Site, is_https
from storage import MessageRecord

MAX_BODY = 16 * 1024


def chat_routes(site: Site) -> list[Route]:
    async def page(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        words = site.words(request)
        client_words = {key: words[key] for key in words if key.startswith("chat_")}
        response = site.render(request, "chat.html", {"client_words": client_words})
        if customer_ref is None:
            _set_chat_cookie(site, request, response, secrets.token_hex(16))
        return response

    async def post_message(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        if customer_ref is None:
            return _error(401, "no_chat_session")
        body = await _json_body(request)
        if body is None:
            return _error(400, "bad_json")
        client_id = check_client_id(body.get("id"))
        kind = body.get("kind", "text")
        text = body.get("text")
        if client_id is None or kind not in ("text", "button") or not isinstance(text, str):
            return _error(400, "bad_message")
        if not text.strip() or len(text) > MAX_TEXT:
            return _error(422, "bad_length")
        inbound = make_inbound(
            customer_ref,
            client_id,
            text,
            kind=kind,
            received_at=site.app.clock(),
            language_hint=site.locale(request),
        )
        receipt = await site.app.inbox.receive(inbound)
        return JSONResponse({"ok": True, "duplicate": receipt.duplicate}, status_code=201)

    async def get_messages(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        if customer_ref is None:
            return _error(401, "no_chat_session")
        try:
            after = max(0, int(request.query_params.get("after", "0")))
        except ValueError:
            return _error(400, "bad_after")
        async with site.app.store.transaction() as tx:
            customer = await tx.find_customer(CHANNEL, customer_ref)
            messages = [] if customer is None else await tx.messages_after(customer.id, after)
        names = {member.id: member.name for member in site.staff.members}
        return JSONResponse(
            {
                "messages": [_as_json(message, names, site.brand) for message in messages],
                "last": messages[-1].id if messages else after,
            },
            headers={"Cache-Control": "no-store"},
        )

    return [
        Route("/", page, methods=["GET"]),
        Route("/api/chat/messages", post_message, methods=["POST"]),
        Route("/api/chat/messages", get_messages, methods=["GET"]),
    ]


def _set_chat_cookie(site: Site, request: Request, response: Response, ref: str) -> None:
    response.set_cookie(
        CHAT_COOKIE,
        site.signer.dump_chat(ref),
        max_age=CHAT_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


async def _json_body(request: Request) -> dict[str, Any] | None:
    """The request's JSON object; None unless it is JSON (so plain cross-site forms fail)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return None
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _error(status: int, code: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": code}, status_code=status)


def _as_json(message: MessageRecord, staff_names: dict[str, str], brand: str) -> dict[str, Any]:
    """What the customer's page may know about a message: no staff ids, no internal data."""
    if message.direction == "in":
        sender, name = "customer", ""
    elif message.author == "bot":
        sender, name = "bot", brand
    else:
        sender, name = "staff", staff_names.get(message.author, brand)
    return {
        "id": message.id,
        "from": sender,
        "name": name,
        "kind": message.kind,
        "text": message.text,
        "buttons": [{"label": b.label, "value": b.value} for b in message.buttons],
        "client_id": message.external_id if message.direction == "in" else None,
        "at": message.created_at.isoformat(),
    }
