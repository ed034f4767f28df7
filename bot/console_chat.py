"""``complaint-bot chat``: one customer at the terminal, through the real inbox and outbox."""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.app import App
from bot.channels.console import CHANNEL, ConsoleChannel
from bot.config import Settings
from dialogs.events import Button

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


async def _last_choices(app: App, customer_ref: str) -> tuple[Button, ...]:
    """The buttons under the bot's last message of the customer's open case, if any, so a
    restarted session can still answer "1" to a question asked before the restart."""
    async with app.store.transaction() as tx:
        customer = await tx.find_customer(CHANNEL, customer_ref)
        case = await tx.open_case(customer.id) if customer else None
        messages = await tx.transcript(case.id) if case else []
    if messages and messages[-1].direction == "out":
        return messages[-1].buttons
    return ()


async def chat(settings: Settings, customer_ref: str, stream: TextIO, out: TextIO) -> int:
    """Read one customer message per line and print the bot's replies until end of input.

    The conversation is stored like any other, so a later ``chat`` with the same customer
    continues where this one stopped.
    """
    app = await App.open(settings)
    console = ConsoleChannel(customer_ref, out)
    app.register(console)
    try:
        console.offer(await _last_choices(app, customer_ref))
        await app.sender.drain()  # replies left for this customer by an earlier session or a job
        async for line in _lines(stream, stream.isatty(), out):
            await app.inbox.receive(console.inbound(line))
            await app.sender.drain()
    finally:
        await app.close()
    return 0
