"""The HTTP app: the customer web chat at ``/``, the staff console at ``/staff``, ``/healthz``.

Routes::

    GET  /                                   web chat page (sets the signed chat cookie)
    GET  /api/chat/stream?after=ID           the same, pushed as they come (Server-Sent Events)
    GET  /api/chat/messages?after=ID         the customer's visible messages after ID (polling)
    POST /api/chat/messages                  {"id": client id, "text", "kind": text|button}
    GET  /staff/login, POST /staff/login     sign in (configured [[staff]] accounts, throttled)
    POST /staff/logout
    GET  /staff                              case list (filters: state, severity, category, owner)
    GET  /staff/rows                         the list's rows (polling fallback)
    GET  /staff/cases/{id}                   one case: transcript, audit log, actions
    POST /staff/cases/{id}/actions           a staff action from a form (CSRF token, version)
    /staff/api/...                           the same as JSON (see ``bot.web.staff_api``) and
                                             the live streams (``bot.web.staff_live``)
    GET  /healthz                            database reachable
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.app import App
from bot.channels.webchat import CHANNEL, WebChatChannel
from bot.staff import check_staff_accounts
from bot.web.chat import chat_routes
from bot.web.console import console_routes
from bot.web.keys import get_secret_key
from bot.web.site import Site
from bot.web.staff_api import api_routes
from bot.web.staff_auth import auth_routes
from bot.web.staff_live import staff_live_routes

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    ),
]


class SecurityHeaders:
    """Adds the headers above to every response (scripts only from /static, no framing)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def build_asgi(app: App) -> Starlette:
    """The ASGI application serving ``app``; registers the web chat channel when enabled.

    Raises:
        ConfigError: staff accounts that must not be served (see ``check_staff_accounts``).
    """
    check_staff_accounts(app.settings)
    site = Site.build(app, get_secret_key(app.settings))

    async def healthz(request: Request) -> JSONResponse:
        async with app.store.transaction() as tx:
            await tx.list_cases(limit=1)
        return JSONResponse({"status": "ok"})

    routes: list[Route | Mount] = [Route("/healthz", healthz)]
    if CHANNEL in app.settings.channels.enabled:
        app.register(WebChatChannel())
        routes += chat_routes(site)
    routes += auth_routes(site) + console_routes(site) + api_routes(site)
    routes += staff_live_routes(site)
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    asgi = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
    asgi.state.site = site
    return asgi
