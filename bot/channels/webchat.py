"""The web chat channel: the customer's browser at ``/`` is the platform.

Delivery needs no network call: the sender marks the outbox row sent, and from then on
``messages_after`` hands the reply to the page's stream (or its next poll). A reply therefore
reaches the page only through the outbox, like on every other channel (ordered per customer,
retried, audited as sent), and any worker process may deliver it.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from dialogs.events import Inbound, InboundKind, Reply

CHANNEL = "web"
# A client-generated message id (the page makes 32 hex digits); with the customer it is the
# inbox's idempotency key, so a POST retried after a lost response records the message once.
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Between customer and client id in the stored external id (neither may contain it).
_SEPARATOR = ":"


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
    """A message typed (or a quick reply tapped) on the chat page, its text whole.

    Browsers choose their message ids, so the id is only unique per customer: the stored
    external id is ``customer:client id``, and one customer reusing an id never swallows
    another customer's message as a duplicate.
    """
    return Inbound(
        channel=CHANNEL,
        external_id=f"{customer_ref}{_SEPARATOR}{client_id}",
        customer_ref=customer_ref,
        received_at=received_at,
        kind=kind,
        text=text,
        language_hint=language_hint,
    )


def client_id_of(external_id: str | None) -> str | None:
    """The browser's own id back from a stored external id."""
    return None if external_id is None else external_id.rpartition(_SEPARATOR)[2]
