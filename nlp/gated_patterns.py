"""Which characters a message must contain for a regular expression to match in it.

A lexicon or slot pattern is searched only in messages that contain its required characters:
``(?:吃|喝)(?:了|完).{0,8}(?:拉肚子|过敏)`` needs one of 吃喝, one of 了完 and one of 拉过.
Skipping the patterns that cannot match keeps the per-message cost low however many patterns
the lexicons hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The parser is private; anything it does not give us as expected means "no gate".
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_MAX_SET = 512  # a wider class ([一-龥]) is no useful gate
_ZERO_WIDTH = frozenset({sre.AT, sre.ASSERT, sre.ASSERT_NOT})
_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})

Chars = frozenset[str] | None  # None: cannot be told


def _class(items: list[tuple[object, object]]) -> Chars:
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL and isinstance(value, int):
            chars.add(chr(value))
        elif op is sre.RANGE and isinstance(value, tuple):
            low, high = value
            if high - low > _MAX_SET:
                return None
            chars.update(chr(code) for code in range(low, high + 1))
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return frozenset(chars)


def _item(op: object, value: object) -> Chars:
    """Characters one of which every match of this item contains; None if it may be empty."""
    if op is sre.LITERAL and isinstance(value, int):
        return frozenset({chr(value)})
    if op is sre.IN and isinstance(value, list):
        return _class(value)
    if op is sre.SUBPATTERN and isinstance(value, tuple):
        return None if value[1] & sre.SRE_FLAG_IGNORECASE else _sequence(value[-1])
    if op is sre.BRANCH and isinstance(value, tuple):
        needed: set[str] = set()
        for branch in value[1]:
            chars = _sequence(branch)
            if chars is None:
                return None
            needed |= chars
        return frozenset(needed)
    if op in _REPEATS and isinstance(value, tuple):
        low, _, body = value
        return _sequence(body) if low > 0 else None
    return None


def _sequence(items: object) -> Chars:
    """The smallest set among the items that must match: one of its characters is required."""
    best: Chars = None
    for op, value in items:  # type: ignore[attr-defined]
        if op in _ZERO_WIDTH:
            continue
        chars = _item(op, value)
        if chars is not None and (best is None or len(chars) <= len(best)):
            best = chars
    return best


def required_sets(pattern: str) -> list[frozenset[str]]:
    """Sets of characters a message must hit, each of them, for ``pattern`` to match in it.

    One set per part of the pattern that every match contains (吃|喝, then 了|完 ...);
    an empty list when nothing can be told.
    """
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & sre.SRE_FLAG_IGNORECASE:
            return []
        sets = [_item(op, value) for op, value in parsed if op not in _ZERO_WIDTH]
    except (AttributeError, TypeError, ValueError):
        return []
    return sorted({chars for chars in sets if chars}, key=lambda chars: (len(chars), sorted(chars)))


class PatternSet:
    """Patterns indexed by their required characters.

    Every distinct set of required characters gets a bit; a message lights the bits of the
    sets it hits, and only the patterns whose bits are all lit are run: a few integer
    operations replace a call per pattern.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self._regexes = tuple(re.compile(source) for source in sources)
        bits: dict[frozenset[str], int] = {}
        needs: list[tuple[int, int]] = []
        for index, source in enumerate(sources):
            need = 0
            for chars in required_sets(source):
                need |= bits.setdefault(chars, 1 << len(bits))
            needs.append((index, need))
        char_bits: dict[str, int] = {}
        for chars, bit in bits.items():
            for char in chars:
                char_bits[char] = char_bits.get(char, 0) | bit
        self._char_bits = char_bits
        self._keys = frozenset(char_bits)
        self._needs = tuple(needs)

    def __bool__(self) -> bool:
        return bool(self._regexes)

    def matches(self, text: str, chars: frozenset[str]) -> list[tuple[int, re.Match[str]]]:
        """(pattern index, non-empty match) pairs, pattern by pattern in listing order.

        ``chars`` is ``frozenset(text)``.
        """
        lit = 0
        char_bits = self._char_bits
        for char in self._keys & chars:
            lit |= char_bits[char]
        regexes = self._regexes
        return [
            (index, match)
            for index, need in self._needs
            if lit & need == need
            for match in regexes[index].finditer(text)
            if match.end() > match.start()
        ]
