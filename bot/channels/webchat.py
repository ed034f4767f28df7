"""The web chat channel: the customer's browser at ``/`` is the platform.

Delivery needs no network call: the sender marks the outbox row sent, and from then on
``messages_after`` hands the reply to the browser's next poll. A reply therefore reaches the
page only through the outbox, like on every other channel (ordered per customer, retried,
audited as sent), and any worker process may deliver it.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from dialogs.events import Inbound, InboundKind, Reply

CHANNEL = "web"
# A client-generated message id (the page makes 32 hex digits); it is the inbox's idempotency
# key, so a POST retried after a lost response records the message once.
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
MAX_TEXT = 2000


class WebChatChannel:
    """Marks web chat replies deliverable; ``inbound`` builds messages posted by the page."""

    name = CHANNEL

    async def send(self, recipient: str, reply: Reply) -> str | None:
        return uuid.uuid4().hex


def check_client_id(value: object) -> str | None:
    """The browser's message id if well-formed, else None."""
    if isinstance(value, str) and _CLIENT_ID.fullmatch(value):
        return value
    return None


def make_inbound(
    customer_ref: str,
    client_id: str,
    text: str,
    *,
    kind: InboundKind,
    received_at: datetime,
    language_hint: str | None,
) -> Inbound:
    """A message typed (or a quick reply tapped) on the chat page."""
    return Inbound(
        channel=CHANNEL,
        external_id=client_id,
        customer_ref=customer_ref,
        received_at=received_at,
        kind=kind,
        text=text[:MAX_TEXT],
        language_hint=language_hint,
    )
