"""Server-Sent Events: the loop behind the chat, case page and case list streams.

A stream asks the database what is new every ``web.stream_poll_seconds`` and writes it as
SSE frames. It reads the database rather than listening to an in-process notifier on
purpose: a write by any worker process (a customer's message, the sender marking a reply
sent, a staff action, a due job) reaches every open stream on every worker, for one small
query per open page per interval.

A stream ends when the browser goes away (Starlette cancels the response), when its poll says
so (a staff session that ended), and when the server starts shutting down (``closing``, set by
``bot.service.Server``): uvicorn waits for open responses before it exits, and an event
stream never finishes by itself. The browser's ``EventSource`` reconnects on its own and sends
the last frame's ``id`` back as ``Last-Event-ID``, from which the stream resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from starlette.responses import StreamingResponse

from bot.config import WebSettings

# Proxies must pass frames on at once (nginx buffers unless told not to).
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
KEEP_ALIVE = ": keep-alive\n\n"


@dataclass(frozen=True, slots=True)
class Frame:
    """One event: ``data`` goes out as JSON; the browser sends ``id`` back on reconnecting."""

    data: Any
    event: str | None = None
    id: str | None = None

    def encode(self) -> str:
        lines = [] if self.id is None else [f"id: {self.id}"]
        if self.event is not None:
            lines.append(f"event: {self.event}")
        # JSON escapes line breaks, so the data always fits on one ``data:`` line.
        lines.append("data: " + json.dumps(self.data, ensure_ascii=False, separators=(",", ":")))
        return "\n".join(lines) + "\n\n"


# What is new since the last call; None ends the stream.
Poll = Callable[[], Awaitable[list[Frame] | None]]


def event_stream(poll: Poll, settings: WebSettings, closing: asyncio.Event) -> StreamingResponse:
    """A ``text/event-stream`` response running ``poll`` until one of the ends above."""
    frames = _frames(poll, settings.stream_poll_seconds, settings.stream_heartbeat_seconds, closing)
    return StreamingResponse(frames, media_type="text/event-stream", headers=HEADERS)


async def _frames(
    poll: Poll, interval: float, heartbeat: float, closing: asyncio.Event
) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    last_sent = loop.time()
    while not closing.is_set():
        # A browser leaving mid-poll must not cut the poll's transaction short: SQLAlchemy
        # would throw the connection away (and its close can outlive the response).
        with anyio.CancelScope(shield=True):
            frames = await poll()
        if frames is None:
            return
        if frames:
            yield "".join(frame.encode() for frame in frames)
            last_sent = loop.time()
        elif loop.time() - last_sent >= heartbeat:
            yield KEEP_ALIVE
            last_sent = loop.time()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(closing.wait(), interval)
