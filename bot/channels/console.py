"""The console channel: a customer typing in a terminal, or a script piping lines in."""

from __future__ import annotations

import uuid
from typing import TextIO

from bot.channels.base import DeliveryError
from bot.clock import utcnow
from dialogs.events import Button, Inbound, Reply

CHANNEL = "console"


class ConsoleChannel:
    """Prints replies for one console customer and turns typed lines into ``Inbound``.

    A typed button number or label becomes a button press, so scripted conversations can
    answer quick replies the way a chat user taps them.
    """

    name = CHANNEL

    def __init__(self, customer_ref: str, out: TextIO) -> None:
        self.customer_ref = customer_ref
        self._out = out
        self._buttons: tuple[Button, ...] = ()

    async def send(self, recipient: str, reply: Reply) -> str | None:
        if recipient != self.customer_ref:
            # Another console customer's reply: keep it for their next session.
            raise DeliveryError("recipient is not at this console", retry_after=60)
        self._out.write(f"bot> {reply.text}\n")
        if reply.buttons:
            choices = "  ".join(f"[{i}] {b.label}" for i, b in enumerate(reply.buttons, 1))
            self._out.write(f"     {choices}\n")
            self._buttons = reply.buttons
        self._out.flush()
        return None

    def offer(self, buttons: tuple[Button, ...]) -> None:
        """Let the next line press one of ``buttons`` (the choices shown last, e.g. in an
        earlier session)."""
        self._buttons = buttons

    def inbound(self, line: str) -> Inbound:
        """The customer's line as an inbound message (a button press when it names one)."""
        text = line.rstrip("\r\n")
        kind = "text"
        pressed = self._pressed(text.strip())
        if pressed is not None:
            kind, text = "button", pressed.value
        elif text.strip().startswith("/"):
            kind = "command"
            text = text.strip()
        self._buttons = ()
        return Inbound(
            channel=CHANNEL,
            external_id=uuid.uuid4().hex,
            customer_ref=self.customer_ref,
            received_at=utcnow(),
            kind=kind,
            text=text,
        )

    def _pressed(self, text: str) -> Button | None:
        for number, button in enumerate(self._buttons, 1):
            if text in (str(number), button.label):
                return button
        return None
