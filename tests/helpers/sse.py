"""Read a Server-Sent Events response in-process, frame by frame.

httpx's ASGI transport returns a response only once the app has finished it, and an event
stream never finishes, so this drives the ASGI app directly: the app runs in a task, every
body chunk it sends is parsed into frames as it arrives, and leaving the ``async with`` block
disconnects like a browser closing the tab (and checks that the app then stopped).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

WAIT = 5.0  # seconds: long enough for a slow CI machine, short enough to fail a test quickly


@dataclass(frozen=True)
class Frame:
    event: str
    data: Any
    id: str | None


@dataclass
class EventStream:
    """``async with EventStream(asgi, path, client) as stream:`` ``await stream.next()``."""

    asgi: Any
    path: str
    client: httpx.AsyncClient | None = None  # whose cookies to send (as a browser would)
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    address: str = "127.0.0.1"
    status: int = 0
    comments: list[str] = field(default_factory=list)
    ended: bool = False  # the app finished the response by itself

    def __post_init__(self) -> None:
        self._sent: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._gone = asyncio.Event()
        self._buffer = ""
        self._frames: list[Frame] = []
        self._body = b""
        self._task: asyncio.Task[None] | None = None
        self._requested = False

    def _scope(self) -> dict[str, Any]:
        headers = {"accept": "text/event-stream", **self.headers}
        if self.client is not None:
            cookies = [
                f"{c.name}={c.value}"
                for c in self.client.cookies.jar
                if self.path.startswith(c.path or "/")
            ]
            if cookies:
                headers["cookie"] = "; ".join(cookies)
        return {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": urlencode(self.params).encode(),
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": (self.address, 50000),
            "server": ("testserver", 80),
        }

    async def _receive(self) -> dict[str, Any]:
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._gone.wait()
        return {"type": "http.disconnect"}

    async def __aenter__(self) -> EventStream:
        self._task = asyncio.create_task(self.asgi(self._scope(), self._receive, self._sent.put))
        start = await asyncio.wait_for(self._sent.get(), WAIT)
        assert start["type"] == "http.response.start"
        self.status = start["status"]
        self.response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
        if self.status != 200:
            while not self.ended:
                await self._pump(WAIT)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._gone.set()
        assert self._task is not None
        await asyncio.wait_for(self._task, WAIT)  # the app noticed the disconnect and stopped

    @property
    def stopped(self) -> bool:
        """Whether the app has returned (after a disconnect, or by itself)."""
        return self._task is not None and self._task.done()

    def json(self) -> Any:
        """The body of a response that is not a stream (an error)."""
        return json.loads(self._body)

    async def next(self, within: float = WAIT) -> Frame:
        """The next frame; TimeoutError when none comes within ``within`` seconds."""
        deadline = asyncio.get_running_loop().time() + within
        while not self._frames:
            if self.ended:
                raise EOFError("the stream ended")
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise TimeoutError
            await self._pump(left)
        return self._frames.pop(0)

    async def quiet_for(self, seconds: float) -> bool:
        """Whether no frame (comments aside) arrives within ``seconds``."""
        try:
            frame = await self.next(seconds)
        except TimeoutError:
            return True
        self._frames.insert(0, frame)
        return False

    async def _pump(self, within: float) -> None:
        message = await asyncio.wait_for(self._sent.get(), within)
        body = message.get("body", b"")
        self._body += body
        self._buffer += body.decode()
        if not message.get("more_body", False):
            self.ended = True
        while "\n\n" in self._buffer:
            block, self._buffer = self._buffer.split("\n\n", 1)
            self._parse(block)

    def _parse(self, block: str) -> None:
        if self.status != 200:
            return
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        if "data" in fields:
            data = json.loads(fields["data"])
            self._frames.append(Frame(fields.get("event", "message"), data, fields.get("id")))
