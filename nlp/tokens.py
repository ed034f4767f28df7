"""jieba word boundaries, for the few entries that must match whole words.

Segmenting every message would cost more than all other analysis together, so the analyser
asks for boundaries only when a ``whole_token`` entry matched as a substring (``修`` inside
``修改``, ``工商`` inside ``工商银行``).
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import jieba

# jieba logs its dictionary loading at DEBUG on its own stderr handler.
logging.getLogger("jieba").setLevel(logging.WARNING)


@cache
def load_tokenizer(user_dict: Path) -> jieba.Tokenizer:
    """One initialised tokenizer per user dictionary, shared by every analyser."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(user_dict))
    return tokenizer


def cut(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """The words jieba cuts ``text`` into (dictionary only, no HMM guesses)."""
    return list(tokenizer.cut(text, HMM=False))


def boundaries(tokenizer: jieba.Tokenizer, text: str) -> frozenset[int]:
    """Character offsets where one jieba word ends and the next begins (0 and len included)."""
    offsets = {0}
    position = 0
    for word in tokenizer.cut(text, HMM=False):
        position += len(word)
        offsets.add(position)
    return frozenset(offsets)
