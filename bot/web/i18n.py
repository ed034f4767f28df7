"""Which language a page speaks, and the words of the pages (``ui.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

LOCALES = ("zh-CN", "zh-TW", "en")
_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


@cache
def load_ui_text() -> Mapping[str, Mapping[str, str]]:
    """Locale → key → text, as shipped in ``bot/web/ui.toml``."""
    text = resources.files("bot.web").joinpath("ui.toml").read_text("utf-8")
    return tomllib.loads(text)


def pick_locale(accept_language: str | None, default: str) -> str:
    """The first supported language in an Accept-Language header (q-values in order)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag:
            ranked.append((-quality, position, tag.lower()))
    for _, _, tag in sorted(ranked):
        if tag.startswith(_TRADITIONAL):
            return "zh-TW"
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return default


def ui_text(locale: str, brand: str) -> dict[str, str]:
    """The page words for ``locale`` with the brand filled in."""
    table = load_ui_text()
    words = table.get(locale) or table["zh-CN"]
    return {key: value.replace("{brand}", brand) for key, value in words.items()}
