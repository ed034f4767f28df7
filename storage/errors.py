"""Errors the unit of work raises for conditions the caller is expected to handle."""

from __future__ import annotations


class DuplicateInbound(Exception):  # noqa: N818 - the name is the contract with ``bot``
    """This (channel, external id) was already recorded: a platform redelivery or retry.

    The transaction is still usable; the caller normally stops processing the message.
    """

    def __init__(self, channel: str, external_id: str) -> None:
        super().__init__(f"inbound {channel}:{external_id} already recorded")
        self.channel = channel
        self.external_id = external_id


class StaleCase(Exception):  # noqa: N818 - the name is the contract with ``bot``
    """Another writer saved the case since it was read; reload it and compute the turn again."""

    def __init__(self, case_id: int, version: int) -> None:
        super().__init__(f"case {case_id} is no longer at version {version}")
        self.case_id = case_id
        self.version = version
