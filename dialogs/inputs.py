"""Turn an :class:`~dialogs.events.Inbound` into an :class:`Utterance` the dialog can act on.

Everything a channel can deliver ends here as one of a few kinds, so the dialog never meets
raw platform input: control characters are dropped, empty or emoji-only text, media and
oversized text get their own kinds (each has a defined reply), commands and button values are
recognised before any text analysis.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from dialogs.events import Inbound
from nlp.analysis import Analysis

UtteranceKind = Literal[
    "text", "button", "command", "unknown_command", "media", "empty", "no_words", "too_long"
]

# command -> the intent it expresses (the same intents nlp finds in words)
COMMAND_INTENTS: dict[str, str] = {
    "start": "start",
    "help": "help",
    "cancel": "cancel",
    "human": "human",
}
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\S*)?(?:\s|$)")
_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


@dataclass(frozen=True, slots=True)
class Utterance:
    """What the customer said this turn.

    ``analysis`` is set for ``text`` only, after :func:`read` (the caller runs the analyser).
    """

    kind: UtteranceKind
    text: str = ""  # cleaned text, button value or command name
    media_type: str | None = None
    analysis: Analysis | None = None

    @property
    def intents(self) -> frozenset[str]:
        """Intents from words, or the one a command expresses."""
        if self.kind == "command":
            return frozenset({COMMAND_INTENTS[self.text]})
        return self.analysis.intents if self.analysis else frozenset()

    @property
    def button(self) -> str | None:
        """The value of the pressed button, if this is a button press."""
        return self.text if self.kind == "button" else None

    def says(self, intent: str, button: str) -> bool:
        """Whether the customer expressed ``intent`` in words or pressed ``button``."""
        return self.button == button or intent in self.intents

    def with_analysis(self, analysis: Analysis) -> Utterance:
        """This text utterance with its analysis attached."""
        return replace(self, analysis=analysis)


def clean(text: str) -> str:
    """Drop control, format and private-use characters; keep line breaks; trim."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _UNSEEN
    ).strip()


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _command(text: str) -> Utterance | None:
    match = _COMMAND.match(text)
    if match is None:
        return None
    name = match.group(1).lower()
    return Utterance("command" if name in COMMAND_INTENTS else "unknown_command", name)


def read(inbound: Inbound, max_chars: int) -> Utterance:
    """Classify ``inbound`` without analysing its words."""
    if inbound.kind == "media":
        return Utterance("media", media_type=inbound.media_type)
    if len(inbound.text) > max_chars:
        return Utterance("too_long")
    text = clean(inbound.text)
    if not text:
        return Utterance("empty")
    if inbound.kind == "command" and not text.startswith("/"):
        text = f"/{text}"  # a channel may deliver the command name without its slash
    command = _command(text)
    if command is not None:
        return command
    if inbound.kind == "command":
        return Utterance("unknown_command", text)
    if inbound.kind == "button":
        return Utterance("button", text)
    if not _has_words(text):
        return Utterance("no_words")
    return Utterance("text", text)
