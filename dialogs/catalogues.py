"""Reply texts per locale, loaded from the TOML files in ``dialogs/catalogue/``.

Each file holds nested tables of templates; a template's key is its dotted path
(``[ask] product = "..."`` is ``ask.product``) and its ``{placeholders}`` are filled with
``str.format``. ``zh-CN`` is the reference: every other locale must have exactly its keys and,
per key, exactly its placeholders. ``zh-TW`` is derived from ``zh-CN`` with OpenCC (Taiwan
wording); a ``zh-TW.toml``, when present, overrides single keys.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Formatter
from typing import Any

from nlp import to_traditional

REFERENCE_LOCALE = "zh-CN"
WRITTEN_LOCALES = ("zh-CN", "en")
DERIVED_LOCALES = {"zh-TW": (REFERENCE_LOCALE, to_traditional)}


class CatalogueError(Exception):
    """The catalogue files are incomplete or inconsistent; the message lists every problem."""


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in ``template`` (format specs ignored)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{key}."))
        elif isinstance(value, str):
            flat[key] = value
        else:
            raise CatalogueError(f"{key}: a template must be a string, not {type(value).__name__}")
    return flat


def _read(source: Traversable, locale: str) -> dict[str, str] | None:
    file = source / f"{locale}.toml"
    if not file.is_file():
        return None
    try:
        return _flatten(tomllib.loads(file.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{locale}.toml: {exc}") from None


def find_problems(texts: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Every missing key, extra key, unparsable template or placeholder mismatch."""
    reference = texts.get(REFERENCE_LOCALE)
    if reference is None:
        return [f"no {REFERENCE_LOCALE} catalogue"]
    problems: list[str] = []
    for locale, table in texts.items():
        for key in sorted(set(reference) - set(table)):
            problems.append(f"{locale}: missing key {key}")
        for key in sorted(set(table) - set(reference)):
            problems.append(f"{locale}: key {key} is not in {REFERENCE_LOCALE}")
        for key in sorted(set(reference) & set(table)):
            try:
                mine, theirs = placeholders(table[key]), placeholders(reference[key])
            except ValueError as exc:
                problems.append(f"{locale}: {key}: {exc}")
                continue
            if mine != theirs:
                problems.append(
                    f"{locale}: {key} has placeholders {sorted(mine)}, "
                    f"{REFERENCE_LOCALE} has {sorted(theirs)}"
                )
    return problems


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Templates by locale and key. Build it with :meth:`load` (which checks it)."""

    texts: Mapping[str, Mapping[str, str]]

    @classmethod
    def load(cls, directory: Path | None = None) -> Catalogue:
        """Read the catalogue files from ``directory`` (default: the packaged ones).

        Raises :class:`CatalogueError` naming every problem found.
        """
        source: Traversable = (
            directory if directory is not None else resources.files("dialogs") / "catalogue"
        )
        texts: dict[str, dict[str, str]] = {}
        for locale in WRITTEN_LOCALES:
            table = _read(source, locale)
            if table is None:
                raise CatalogueError(f"{source}: no {locale}.toml")
            texts[locale] = table
        for locale, (base, convert) in DERIVED_LOCALES.items():
            derived = {key: convert(text) for key, text in texts[base].items()}
            texts[locale] = derived | (_read(source, locale) or {})
        problems = find_problems(texts)
        if problems:
            raise CatalogueError("; ".join(problems))
        return cls(texts)

    @property
    def locales(self) -> tuple[str, ...]:
        """The locales replies can be written in."""
        return tuple(self.texts)

    def has(self, key: str) -> bool:
        """Whether ``key`` exists (a checked catalogue has the same keys in every locale)."""
        return key in self.texts[REFERENCE_LOCALE]

    def missing(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` the catalogue lacks."""
        return [key for key in keys if not self.has(key)]

    def render(self, locale: str, key: str, **params: object) -> str:
        """The text of ``key`` in ``locale`` with its placeholders filled.

        In a derived locale the filled-in values are converted too: details taken from the
        analysed (Simplified) text must not show up in Simplified inside a Traditional reply.
        """
        if locale in DERIVED_LOCALES:
            convert = DERIVED_LOCALES[locale][1]
            params = {k: convert(v) if isinstance(v, str) else v for k, v in params.items()}
        return self.texts[locale][key].format(**params)
