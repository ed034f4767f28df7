"""The HTTP app: health check (web chat and staff console plug in here)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.app import App


def build_asgi(app: App) -> Starlette:
    """The ASGI application serving ``app``."""

    async def healthz(request: Request) -> JSONResponse:
        async with app.store.transaction() as tx:
            await tx.list_cases(limit=1)
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/healthz", healthz)])
