"""What every kind of inbound becomes before any text analysis."""

from datetime import UTC, datetime

import pytest

from dialogs.events import Inbound
from dialogs.inputs import read

NOW = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "text", "media", "expected_kind", "expected_text"),
    [
        ("text", "洗衣机坏了", None, "text", "洗衣机坏了"),
        ("text", "  洗衣机\x00坏了\u200b ", None, "text", "洗衣机坏了"),
        ("text", "第一行\n第二行", None, "text", "第一行\n第二行"),
        ("text", "", None, "empty", ""),
        ("text", "\x1b[31m", None, "text", "[31m"),  # escape dropped, the rest is words
        ("text", "\u200b\u200d", None, "empty", ""),
        ("text", "👍👍", None, "no_words", ""),
        ("text", "!!!???", None, "no_words", ""),
        ("text", "a" * 2001, None, "too_long", ""),
        ("text", "a" * 2000, None, "text", "a" * 2000),
        ("text", "/start", None, "command", "start"),
        ("text", "/HUMAN please", None, "command", "human"),
        ("text", "/start@shop_bot", None, "command", "start"),
        ("text", "/refund", None, "unknown_command", "refund"),
        ("text", "/ 退款", None, "text", "/ 退款"),  # not a command: words
        ("command", "cancel", None, "command", "cancel"),  # delivered without its slash
        ("command", "退款", None, "unknown_command", "/退款"),
        ("command", "/cancel", None, "command", "cancel"),
        ("button", "yes", None, "button", "yes"),
        ("button", "/human", None, "command", "human"),
        ("media", "", "sticker", "media", ""),
        ("media", "caption", "image", "media", ""),
    ],
)
def test_read(kind, text, media, expected_kind, expected_text):
    inbound = Inbound("web", "1", "alice", NOW, kind=kind, text=text, media_type=media)
    said = read(inbound, max_chars=2000)
    assert (said.kind, said.text) == (expected_kind, expected_text)


def test_command_intents_match_the_words_for_them():
    said = read(Inbound("web", "1", "a", NOW, text="/human"), 2000)
    assert said.intents == frozenset({"human"})
    assert said.says("human", "/human")
    assert not said.says("cancel", "/cancel")
