"""Slot extraction: the structured details a complaint mentions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from nlp.analysis import Slots
from nlp.gated_patterns import PatternSet
from nlp.lexicon_files import EvidenceGroup, IgnoreGroup, RemedyFile, SlotFile
from nlp.matcher import Document, Lexicon, Matcher
from nlp.negation import Negation, union
from nlp.numbers import format_decimal, parse_number


def _matches(patterns: PatternSet, doc: Document) -> Iterator[re.Match[str]]:
    for _, match in patterns.matches(doc.original, doc.original_chars):
        yield match


def _first(patterns: PatternSet, doc: Document, group: str) -> str | None:
    """The value of ``group`` in the match that comes first in the text."""
    found = [m for m in _matches(patterns, doc) if m.group(group)]
    return min(found, key=lambda m: m.start(group)).group(group) if found else None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    value: str


def product_lexicon(spec: SlotFile) -> Lexicon:
    groups = (("product", EvidenceGroup(terms=spec.products)),)
    return Lexicon("slots.toml products", groups, IgnoreGroup(terms=spec.not_products))


def relative_date_lexicon(spec: SlotFile) -> Lexicon:
    return Lexicon(
        "slots.toml relative_dates", (("date", EvidenceGroup(terms=spec.relative_dates)),)
    )


def remedy_lexicon(spec: RemedyFile) -> Lexicon:
    groups = tuple((code, g) for code, groups in spec.remedy.items() for g in groups)
    return Lexicon("remedies.toml", groups, spec.ignore, spec.negatable)


class SlotExtractor:
    """Finds order numbers, phones, amounts, dates, product, store and wanted remedies."""

    def __init__(self, spec: SlotFile, remedies: RemedyFile, negation: Negation) -> None:
        patterns = spec.patterns
        self._order = PatternSet(patterns.order)
        self._phone = PatternSet(patterns.phone)
        self._amount = PatternSet(patterns.amount)
        self._date = PatternSet(patterns.date)
        self._model = PatternSet(patterns.model)
        self._store = PatternSet(patterns.store)
        self._multipliers = {k.lower(): Decimal(str(v)) for k, v in spec.multipliers.items()}
        self._store_stopwords = frozenset(spec.store_stopwords)
        self._products = Matcher(product_lexicon(spec), negation)
        self._relative_dates = Matcher(relative_date_lexicon(spec), negation)
        context = spec.date_context
        self._date_window = context.window
        self._clause_end = re.compile(context.clause_end)
        self._date_events = union(context.events)
        self._remedies = Matcher(remedy_lexicon(remedies), negation)

    def extract(self, doc: Document, amounts: list[Decimal]) -> Slots:
        """Slots of a message; ``amounts`` is what :meth:`amounts` found in it."""
        phone = _first(self._phone, doc, "phone")
        return Slots(
            order_no=self._order_no(doc, phone),
            phone="".join(ch for ch in phone if ch.isdigit()) if phone else None,
            amount=format_decimal(amounts[0]) if amounts else None,
            dates=self._dates(doc),
            product=self._product(doc),
            store=self._store_name(doc),
            remedy=self.remedies(doc),
        )

    def amounts(self, doc: Document) -> list[Decimal]:
        """Every money amount in the message, in text order."""
        return [value for _, value in self._amounts(doc)]

    def remedies(self, doc: Document) -> tuple[str, ...]:
        codes = [hit.code for hit in self._remedies.find(doc) if not hit.negated]
        return tuple(dict.fromkeys(codes))

    def _order_no(self, doc: Document, phone: str | None) -> str | None:
        for match in _matches(self._order, doc):
            value = match.group("id")
            if value != phone and any(ch.isdigit() for ch in value):
                return value
        return None

    def _amounts(self, doc: Document) -> list[tuple[int, Decimal]]:
        found: dict[int, Decimal] = {}
        taken: list[tuple[int, int]] = []
        for match in _matches(self._amount, doc):
            start, end = match.span()
            value = parse_number(match.group("value"))
            if value is None or any(s < end and start < e for s, e in taken):
                continue
            unit = match.groupdict().get("unit")
            if unit:
                value *= self._multipliers.get(unit.lower(), Decimal(1))
            taken.append((start, end))
            found[start] = value
        return sorted(found.items())

    def _dates(self, doc: Document) -> tuple[str, ...]:
        found = [
            _Found(hit.start, hit.end, doc.original[hit.start : hit.end])
            for hit in self._relative_dates.find(doc)
            if self._beside_event(doc.text, hit.start, hit.end)
        ]
        for match in _matches(self._date, doc):
            if not any(f.start < match.end() and match.start() < f.end for f in found):
                found.append(_Found(match.start(), match.end(), _date_value(match)))
        ordered = sorted(found, key=lambda f: f.start)
        return tuple(dict.fromkeys(f.value for f in ordered if f.value))

    def _beside_event(self, text: str, start: int, end: int) -> bool:
        """Whether what happened stands beside a relative date (昨天买的, not 今天天气)."""
        if self._date_events is None:
            return True
        before = text[max(0, start - self._date_window) : start]
        after = text[end : end + self._date_window]
        ends = [m.end() for m in self._clause_end.finditer(before)]
        before = before[ends[-1] :] if ends else before
        stop = self._clause_end.search(after)
        after = after[: stop.start()] if stop else after
        return bool(self._date_events.search(before) or self._date_events.search(after))

    def _product(self, doc: Document) -> str | None:
        model = _first(self._model, doc, "model")
        hits = self._products.find(doc)
        noun = doc.original[hits[0].start : hits[0].end] if hits else None
        if model and noun and noun not in model:
            return f"{noun} {model}"
        return model or noun

    def _store_name(self, doc: Document) -> str | None:
        for match in _matches(self._store, doc):
            name = match.group("store")
            if name not in self._store_stopwords:
                return name
        return None


def _date_value(match: re.Match[str]) -> str:
    """ISO date when the year is written, else the expression as written (11月20日)."""
    year = match.groupdict().get("y")
    if year is None:
        return match.group(0)
    try:
        return date(int(year), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        return ""
