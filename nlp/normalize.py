"""Text normalisation and language detection.

The lexicons are written in Simplified Chinese, half-width, lower-case ASCII; ``normalize``
brings any input into that form. Traditional text is converted only when it really is
Traditional: OpenCC's t2s also rewrites a few Simplified phrases (``万一坏`` becomes
``万一坯``), so converting every text would corrupt Simplified input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import groupby

import opencc

from nlp.settings import NlpSettings

_DEFAULTS = NlpSettings()
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
# Planes scanned for dropped characters; planes 15 and 16 are private use as a whole.
_SCANNED_PLANES = (range(0x10000), range(0x10000, 0x20000), range(0xE0000, 0xE1000))
_PRIVATE_PLANES = "\U000f0000-\U0010ffff"
_HAN_RANGES = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000))
_SPACE = re.compile(r"\s+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003ffff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_TRADITIONAL_HINTS = ("tw", "hk", "mo", "hant")


def _char_class(codes: list[int], extra: str = "") -> re.Pattern[str]:
    """A regex class of the given (ascending) code points, written as ranges."""
    ranges = []
    for _, run in groupby(enumerate(codes), key=lambda pair: pair[1] - pair[0]):
        chars = [chr(code) for _, code in run]
        first, last = chars[0], chars[-1]
        ranges.append(
            re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}"
        )
    return re.compile("[" + "".join(ranges) + extra + "]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@cache
def _dropped() -> re.Pattern[str]:
    """Control, format, surrogate and private-use characters (whitespace aside)."""
    codes = [
        code
        for plane in _SCANNED_PLANES
        for code in plane
        if unicodedata.category(chr(code)) in _DROPPED_CATEGORIES and not chr(code).isspace()
    ]
    return _char_class(codes, _PRIVATE_PLANES)


@cache
def _traditional() -> re.Pattern[str]:
    """Characters t2s changes on their own (phrase rules ignored: 一坏 is not 一坯)."""
    t2s = _converter("t2s")
    codes = [code for span in _HAN_RANGES for code in span if t2s.convert(chr(code)) != chr(code)]
    return _char_class(codes)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message cleaned for analysis, with the language it is written in."""

    normalized: str
    language: str


def clean(text: str) -> str:
    """Drop control and format characters, fold full-width to half-width, collapse spaces."""
    kept = _dropped().sub("", text)
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", kept)).strip()


def language_from_hint(hint: str | None) -> str | None:
    """Map a platform language code ("zh-Hant", "zh_TW", "en-US"...) to one we reply in."""
    if not hint:
        return None
    code = hint.lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-TW" if any(part in code for part in _TRADITIONAL_HINTS) else "zh-CN"
    if code.startswith("en"):
        return "en"
    return None


def prepare(
    text: str, language_hint: str | None = None, settings: NlpSettings = _DEFAULTS
) -> Prepared:
    """Normalise ``text`` and tell its language; only Traditional text goes through t2s."""
    cleaned = clean(text)
    han = len(_HAN.findall(cleaned))
    latin_words = len(_LATIN_WORD.findall(cleaned))
    if not han and not latin_words:
        language = language_from_hint(language_hint) or settings.default_language
        return Prepared(cleaned, language)
    if latin_words / (latin_words + han) >= settings.english_min_ratio:
        return Prepared(cleaned, "en")
    if len(_traditional().findall(cleaned)) / max(han, 1) >= settings.traditional_min_ratio:
        # tw2sp also maps Taiwan wording to mainland wording (螢幕 -> 屏幕, 軟體 -> 软件).
        return Prepared(_converter("tw2sp").convert(cleaned), "zh-TW")
    return Prepared(cleaned, "zh-CN")


def normalize(text: str) -> str:
    """The form the lexicons see: Simplified, half-width, no control characters, one space."""
    return prepare(text).normalized


def detect_language(text: str, language_hint: str | None = None) -> str:
    """``"zh-TW"`` for Traditional text, ``"zh-CN"`` for other Chinese, ``"en"`` for Latin text.

    Text without letters (emoji, digits) takes the language of ``language_hint``.
    """
    return prepare(text, language_hint).language


def to_traditional(text: str) -> str:
    """Simplified to Traditional (Taiwan wording), for replies to zh-TW customers."""
    return _converter("s2twp").convert(text)
