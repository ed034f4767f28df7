"""``complaint-bot run``: the HTTP app, the sender and the scheduler in one process."""

from __future__ import annotations

import asyncio
import logging
import socket

import uvicorn

from bot.app import App
from bot.config import Settings
from bot.web import build_asgi

log = logging.getLogger(__name__)


class Server(uvicorn.Server):
    """uvicorn that ends the web app's live streams as soon as it starts shutting down.

    uvicorn waits for every open response to finish before it exits, and an event stream
    never finishes by itself: without this, Ctrl-C would wait for every browser to leave.
    """

    def __init__(self, config: uvicorn.Config, closing: asyncio.Event) -> None:
        super().__init__(config)
        self._closing = closing

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._closing.set()
        await super().shutdown(sockets)


async def serve(settings: Settings) -> None:
    """Serve until interrupted. Workers share the database, so several processes may run."""
    app = await App.open(settings)
    asgi = build_asgi(app)
    server = Server(
        uvicorn.Config(
            asgi,
            host=settings.web.host,
            port=settings.web.port,
            log_config=None,
            access_log=False,
        ),
        asgi.state.site.closing,
    )
    workers = asyncio.create_task(app.run_workers())
    log.info("serving on http://%s:%d/", settings.web.host, settings.web.port)
    try:
        await server.serve()
    finally:
        workers.cancel()
        await asyncio.gather(workers, return_exceptions=True)
        await app.close()
