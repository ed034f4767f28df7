"""Find lexicon entries in a message: literal terms by Aho-Corasick, plus regex patterns.

Within one lexicon, overlapping matches are resolved leftmost-longest, so ``售后服务``
(after-sales) wins over the ``服务`` (service) inside it, and ignore entries such as
``内心很受伤`` swallow the injury trigger ``受伤``. Each lexicon has its own matcher, so a
phrase in one lexicon never hides an entry of another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import ahocorasick
import jieba

from nlp.gated_patterns import PatternSet
from nlp.lexicon_files import EvidenceGroup, IgnoreGroup
from nlp.negation import Negation
from nlp.normalize import normalize
from nlp.tokens import boundaries

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
PREFIX_MARK = "*"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def term_key(term: str) -> str:
    """The form of a lexicon term that is searched for in normalised text."""
    return normalize(term.removesuffix(PREFIX_MARK)).translate(ASCII_LOWER)


@dataclass(frozen=True, slots=True)
class Entry:
    """One term or pattern of a lexicon and the code it counts for ("" = ignore entry)."""

    code: str
    weight: float
    source: str
    negatable: bool = False
    whole_token: bool = False


@dataclass(slots=True)  # not frozen: built for every match, and frozen init is slow
class Hit:
    entry: Entry
    start: int
    end: int
    negated: bool = False

    @property
    def code(self) -> str:
        return self.entry.code


def score_hits(hits: list[Hit]) -> dict[str, float]:
    """Sum of weights per code; each entry counts once however often it is repeated."""
    weights: dict[str, dict[str, float]] = {}
    for hit in hits:
        if not hit.negated:
            weights.setdefault(hit.code, {})[hit.entry.source] = hit.entry.weight
    return {code: sum(found.values()) for code, found in weights.items()}


@dataclass(frozen=True, slots=True)
class _Term:
    entry: Entry
    length: int
    bound_start: bool  # ASCII term: the character before must not be a letter or digit
    bound_end: bool
    prefix: bool  # "refund*": any word ending, the hit extends to the end of the word
    plain: bool  # none of the above: no checks at all (every Chinese term)


class Document:
    """A normalised message as the matchers see it; jieba runs only if someone asks."""

    def __init__(self, normalized: str, tokenizer: jieba.Tokenizer) -> None:
        self.original = normalized  # letter case kept, for slot values such as XR-500
        self.text = normalized.translate(ASCII_LOWER)
        self._tokenizer = tokenizer
        # Every matcher asks for these: plain attributes cost less than cached properties.
        self.chars = frozenset(self.text)
        self.original_chars = self.chars if self.text == normalized else frozenset(normalized)

    @cached_property
    def bounds(self) -> frozenset[int]:
        return boundaries(self._tokenizer, self.text)


def _entry(code: str, group: EvidenceGroup | IgnoreGroup, source: str, negatable: bool) -> Entry:
    if isinstance(group, IgnoreGroup):
        return Entry("", 0.0, source)
    own = negatable if group.negatable is None else group.negatable
    return Entry(code, group.weight, source, own, group.whole_token)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The entries of one lexicon: (code, group) pairs plus the ignore phrases."""

    name: str  # where it comes from, for reports: "categories.toml"
    groups: tuple[tuple[str, EvidenceGroup], ...]
    ignore: IgnoreGroup = field(default_factory=IgnoreGroup)
    negatable: bool = False
    exclusive: bool = True  # a phrase may count for one code only


class Matcher:
    """All entries of one lexicon, compiled.

    Terms go into one Aho-Corasick automaton. Patterns are searched one by one, but only in
    messages that contain one of the characters the pattern needs.
    """

    def __init__(self, lexicon: Lexicon, negation: Negation) -> None:
        self.lexicon = lexicon
        self.negation = negation
        self._automaton: ahocorasick.Automaton | None = None
        pattern_entries: list[Entry] = []
        terms: dict[str, list[_Term]] = {}
        for code, group in (("", lexicon.ignore), *lexicon.groups):
            for source in group.terms:
                self._add_term(terms, _entry(code, group, source, lexicon.negatable))
            for source in group.patterns:
                entry = _entry(code, group, source, lexicon.negatable)
                pattern_entries.append(entry)
        self._pattern_entries = tuple(pattern_entries)
        self._patterns = PatternSet([entry.source for entry in pattern_entries])
        if terms:
            self._automaton = ahocorasick.Automaton()
            for key, values in terms.items():
                self._automaton.add_word(key, tuple(values))
            self._automaton.make_automaton()

    @staticmethod
    def _add_term(terms: dict[str, list[_Term]], entry: Entry) -> None:
        key = term_key(entry.source)
        if not key:
            return
        prefix = entry.source.endswith(PREFIX_MARK)
        bound_start, bound_end = _is_word_char(key[0]), _is_word_char(key[-1]) and not prefix
        plain = not (bound_start or bound_end or prefix)
        term = _Term(entry, len(key), bound_start, bound_end, prefix, plain)
        terms.setdefault(key, []).append(term)

    def find(self, doc: Document) -> list[Hit]:
        """Entries found in ``doc``, in text order, negated ones flagged.

        A ``whole_token`` entry is checked against jieba's words only once it has won its
        place, so jieba runs only for the rare message where such an entry stands alone.
        """
        text = doc.text
        candidates = self.candidates(doc)
        if not candidates:
            return []
        # Leftmost, then longest; on an exact tie an ignore entry wins (that is what it is for).
        candidates.sort(key=lambda c: (c[0], -c[1], c[2].code != ""))
        hits: list[Hit] = []
        last_end = 0
        for start, end, entry in candidates:
            if start < last_end:
                continue
            last_end = end
            if not entry.code:
                continue
            if entry.whole_token and not (start in doc.bounds and end in doc.bounds):
                continue
            negated = entry.negatable and self.negation.negates(
                text, start, english=text[start].isascii()
            )
            hits.append(Hit(entry, start, end, negated))
        return hits

    def candidates(self, doc: Document) -> list[tuple[int, int, Entry]]:
        """Every (start, end, entry) found, overlapping, before any resolution."""
        text = doc.text
        found: list[tuple[int, int, Entry]] = []
        if self._automaton is not None:
            # Leftmost-longest among the terms themselves is done in C; patterns join after.
            for last, terms in self._automaton.iter_long(text):
                for term in terms:
                    start = last - term.length + 1
                    if term.plain:
                        found.append((start, last + 1, term.entry))
                    elif (end := _word_end(text, start, last + 1, term)) is not None:
                        found.append((start, end, term.entry))
        entries = self._pattern_entries
        found += [
            (m.start(), m.end(), entries[i]) for i, m in self._patterns.matches(text, doc.chars)
        ]
        return found


def _word_end(text: str, start: int, end: int, term: _Term) -> int | None:
    """Where an ASCII term's match ends, or None when it is part of a longer word."""
    if term.bound_start and start > 0 and _is_word_char(text[start - 1]):
        return None
    if term.bound_end and end < len(text) and _is_word_char(text[end]):
        return None
    if term.prefix:
        while end < len(text) and _is_word_char(text[end]):
            end += 1
    return end
