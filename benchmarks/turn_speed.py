"""Turns per second through the real inbox and outbox on the embedded SQLite default.

Run: ``python -m benchmarks.turn_speed [--customers 200] [--db sqlite+aiosqlite:///...]``.
Prints turns/s, replies delivered/s and peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
import uuid
from pathlib import Path

from bot.app import App
from bot.clock import utcnow
from bot.config import load_settings
from dialogs.events import Inbound, Reply

SCRIPT = (
    "你好",
    "我上周在你们门店买的热水器不加热了",
    "订单号 202611150001",
    "是的",
    "不接受",
)


class NullChannel:
    """Delivers nowhere, so the benchmark measures the bot, not a network."""

    name = "console"

    async def send(self, recipient: str, reply: Reply) -> str | None:
        return None


async def run(customers: int, url: str) -> None:
    base = load_settings(None, env={})
    settings = base.model_copy(update={"storage": base.storage.model_copy(update={"url": url})})
    app = await App.open(settings)
    app.register(NullChannel())
    try:
        started = time.perf_counter()
        for turn in SCRIPT:
            await asyncio.gather(
                *(
                    app.inbox.receive(
                        Inbound(
                            channel="console",
                            external_id=uuid.uuid4().hex,
                            customer_ref=f"bench-{n}",
                            received_at=utcnow(),
                            text=turn,
                        )
                    )
                    for n in range(customers)
                )
            )
        turned = time.perf_counter()
        delivered = await app.sender.drain()
        drained = time.perf_counter()
    finally:
        await app.close()
    turns = customers * len(SCRIPT)
    print(f"turns: {turns} in {turned - started:.2f}s = {turns / (turned - started):.0f}/s")
    print(f"replies delivered: {delivered} in {drained - turned:.2f}s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--db", help="SQLAlchemy async URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        asyncio.run(run(args.customers, url))


if __name__ == "__main__":
    main()
