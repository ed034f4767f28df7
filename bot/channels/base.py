"""What the sender needs from a channel."""

from __future__ import annotations

from typing import Protocol

from dialogs.events import Reply


class DeliveryError(Exception):
    """Sending failed. ``retry_after`` seconds when worth retrying, ``None`` when final."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ChannelSender(Protocol):
    """Delivers one reply to one recipient; returns the platform's message id if any."""

    name: str

    async def send(self, recipient: str, reply: Reply) -> str | None: ...
