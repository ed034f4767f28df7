"""``complaint-bot chat``: one customer at the terminal, through the real inbox and outbox."""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.app import App
from bot.channels.console import ConsoleChannel
from bot.config import Settings

PROMPT = "you> "


async def _lines(stream: TextIO, interactive: bool, out: TextIO):
    while True:
        if interactive:
            out.write(PROMPT)
            out.flush()
        line = await asyncio.to_thread(stream.readline)
        if not line:
            return
        yield line


async def chat(settings: Settings, customer_ref: str, stream: TextIO, out: TextIO) -> int:
    """Read one customer message per line and print the bot's replies until end of input.

    The conversation is stored like any other, so a later ``chat`` with the same customer
    continues where this one stopped.
    """
    app = await App.open(settings)
    console = ConsoleChannel(customer_ref, out)
    app.register(console)
    try:
        await app.sender.drain()  # replies left for this customer by an earlier session or a job
        async for line in _lines(stream, stream.isatty(), out):
            await app.inbox.receive(console.inbound(line))
            await app.sender.drain()
    finally:
        await app.close()
    return 0
