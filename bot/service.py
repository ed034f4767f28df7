"""``complaint-bot run``: the HTTP app, the sender and the scheduler in one process."""

from __future__ import annotations

import asyncio
import logging

import uvicorn

from bot.app import App
from bot.config import Settings
from bot.web import build_asgi

log = logging.getLogger(__name__)


async def serve(settings: Settings) -> None:
    """Serve until interrupted. Workers share the database, so several processes may run."""
    app = await App.open(settings)
    server = uvicorn.Server(
        uvicorn.Config(
            build_asgi(app),
            host=settings.web.host,
            port=settings.web.port,
            log_config=None,
            access_log=False,
        )
    )
    workers = asyncio.create_task(app.run_workers())
    log.info("serving on http://%s:%d/", settings.web.host, settings.web.port)
    try:
        await server.serve()
    finally:
        workers.cancel()
        await asyncio.gather(workers, return_exceptions=True)
        await app.close()
