"""The real service on 127.0.0.1: App, ASGI app, sender and scheduler under uvicorn
(``bot.service.Server``, which ends the live streams when it stops).

It runs in a thread with its own event loop (like ``complaint-bot run``), so a synchronous
Playwright test can drive browsers against it from the main thread.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path

import uvicorn

from bot.app import App
from bot.config import Settings, load_settings
from bot.service import Server
from bot.web import build_asgi

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def live_settings(data_dir: Path) -> Settings:
    """Defaults (demo staff included) with the database in ``data_dir``, fast polling."""
    base = load_settings(None, env={})
    return base.model_copy(
        update={
            "storage": base.storage.model_copy(
                update={"url": f"sqlite+aiosqlite:///{data_dir / 'bot.sqlite3'}"}
            ),
            "worker": base.worker.model_copy(update={"poll_seconds": 0.2}),
        }
    )


class LiveServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url`` is where it listens."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))  # a free port, held until uvicorn takes it over
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._server: uvicorn.Server | None = None
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="live-server", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to the test by start()
            self._failure = exc

    async def _serve(self) -> None:
        app = await App.open(self.settings)
        asgi = build_asgi(app)
        config = uvicorn.Config(asgi, log_config=None, access_log=False, lifespan="off")
        self._server = Server(config, asgi.state.site.closing)
        workers = asyncio.create_task(app.run_workers())
        try:
            await self._server.serve(sockets=[self._socket])
        finally:
            workers.cancel()
            await asyncio.gather(workers, return_exceptions=True)
            await app.close()

    def start(self, timeout: float = 60) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not (self._server is not None and self._server.started):
            if self._failure is not None:
                raise RuntimeError("the live server failed to start") from self._failure
            if time.monotonic() > deadline:
                raise TimeoutError("the live server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        self._thread.join(timeout=15)
        self._socket.close()
