"""The customer web chat: the page at ``/``, its JSON calls and its live stream.

The customer is whoever holds the signed ``cb_chat`` cookie (a random id made on the first
visit): no account, no personal data in the cookie. Only the page hands out identities; the
API answers a missing or forged cookie with 401, so such a request can neither start nor
reach a conversation. Messages go through the inbox like any other channel; replies come
back through the outbox and reach the page with ``messages_after``: pushed over Server-Sent
Events, or polled where the browser cannot keep a stream open.

What a POST gets, by case (the page sends JSON; a retry reuses the message's id):

    201 {"ok": true, "duplicate": false}     recorded, the turn ran
    200 {"ok": true, "duplicate": true}      this customer sent this id before: nothing new
    400 bad_json / bad_message               not a JSON object / id, kind or text malformed
    401 no_chat_session                      no valid chat cookie
    413 too_long (+ max_chars)               longer than web.chat_max_chars: nothing recorded
    422 empty                                blank text
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.webchat import CHANNEL, check_client_id, client_id_of, make_inbound
from bot.web.live import Frame, event_stream
from bot.web.sessions import CHAT_COOKIE, CHAT_MAX_AGE
from bot.web.site import Site, is_https
from storage import MessageRecord

# Messages read per query; a stream reads on until a batch comes back short.
BATCH = 100
# JSON may spell a character as a 12-byte surrogate-pair escape; the rest of the body is short.
BYTES_PER_CHAR = 12
ENVELOPE_BYTES = 1024


class _TooLargeError(Exception):
    """The request body is longer than a message may be."""


def chat_routes(site: Site) -> list[Route]:
    max_chars = site.app.settings.web.chat_max_chars
    max_body = max_chars * BYTES_PER_CHAR + ENVELOPE_BYTES

    def staff_names() -> dict[str, str]:
        return {member.id: member.name for member in site.staff.members}

    async def page(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        words = site.words(request)
        client_words = {key: words[key] for key in words if key.startswith("chat_")}
        context = {"client_words": client_words, "max_chars": max_chars}
        response = site.render(request, "chat.html", context)
        if customer_ref is None:
            _set_chat_cookie(site, request, response, secrets.token_hex(16))
        return response

    async def post_message(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        if customer_ref is None:
            return _error(401, "no_chat_session")
        try:
            body = await _json_body(request, max_body)
        except _TooLargeError:
            return _too_long(max_chars)
        if body is None:
            return _error(400, "bad_json")
        client_id = check_client_id(body.get("id"))
        kind = body.get("kind", "text")
        text = body.get("text")
        if client_id is None or kind not in ("text", "button") or not isinstance(text, str):
            return _error(400, "bad_message")
        if not text.strip():
            return _error(422, "empty")
        if len(text) > max_chars:
            return _too_long(max_chars)
        inbound = make_inbound(
            customer_ref,
            client_id,
            text,
            kind=kind,
            received_at=site.app.clock(),
            language_hint=site.locale(request),
        )
        receipt = await site.app.inbox.receive(inbound)
        return JSONResponse(
            {"ok": True, "duplicate": receipt.duplicate},
            status_code=200 if receipt.duplicate else 201,
        )

    async def get_messages(request: Request) -> Response:
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        if customer_ref is None:
            return _error(401, "no_chat_session")
        after = _after(request.query_params.get("after"))
        if after is None:
            return _error(400, "bad_after")
        async with site.app.store.transaction() as tx:
            customer = await tx.find_customer(CHANNEL, customer_ref)
            messages = [] if customer is None else await tx.messages_after(customer.id, after)
        names = staff_names()
        return JSONResponse(
            {
                "messages": [_as_json(message, names, site.brand) for message in messages],
                "last": messages[-1].id if messages else after,
            },
            headers={"Cache-Control": "no-store"},
        )

    async def stream_messages(request: Request) -> Response:
        """The customer's messages as they become visible, one SSE frame each (id = message id).

        Resumes after ``Last-Event-ID`` (sent by a reconnecting browser), else after ``?after``.
        """
        customer_ref = site.signer.load_chat(request.cookies.get(CHAT_COOKIE))
        if customer_ref is None:
            return _error(401, "no_chat_session")
        after = _after(request.headers.get("last-event-id") or request.query_params.get("after"))
        if after is None:
            return _error(400, "bad_after")
        customer_id: int | None = None

        async def poll() -> list[Frame]:
            nonlocal after, customer_id
            messages: list[MessageRecord] = []
            async with site.app.store.transaction() as tx:
                if customer_id is None:  # no message yet: the customer appears with the first
                    customer = await tx.find_customer(CHANNEL, customer_ref)
                    if customer is None:
                        return []
                    customer_id = customer.id
                while batch := await tx.messages_after(customer_id, after, limit=BATCH):
                    messages += batch
                    after = batch[-1].id
                    if len(batch) < BATCH:
                        break
            names = staff_names()
            return [
                Frame(_as_json(message, names, site.brand), id=str(message.id))
                for message in messages
            ]

        return event_stream(poll, site.app.settings.web, site.closing)

    return [
        Route("/", page, methods=["GET"]),
        Route("/api/chat/messages", post_message, methods=["POST"]),
        Route("/api/chat/messages", get_messages, methods=["GET"]),
        Route("/api/chat/stream", stream_messages, methods=["GET"]),
    ]


def _after(value: str | None) -> int | None:
    """A message id cursor (absent: from the start); None when it is not a number."""
    try:
        return max(0, int(value or "0"))
    except ValueError:
        return None


def _set_chat_cookie(site: Site, request: Request, response: Response, ref: str) -> None:
    response.set_cookie(
        CHAT_COOKIE,
        site.signer.dump_chat(ref),
        max_age=CHAT_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


async def _json_body(request: Request, max_bytes: int) -> dict[str, Any] | None:
    """The request's JSON object; None unless it is JSON (so plain cross-site forms fail).

    Raises:
        _TooLargeError: the body is over ``max_bytes`` (read no further than that).
    """
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return None
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > max_bytes:
            raise _TooLargeError
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _error(status: int, code: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": code}, status_code=status)


def _too_long(max_chars: int) -> JSONResponse:
    body = {"ok": False, "error": "too_long", "max_chars": max_chars}
    return JSONResponse(body, status_code=413)


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
        "client_id": client_id_of(message.external_id) if message.direction == "in" else None,
        "at": message.created_at.isoformat(),
    }
