"""Intents of short replies (yes, no, human, skip...) and satisfaction scores."""

from __future__ import annotations

import re

from nlp.lexicon_files import EvidenceGroup, IntentFile, SatisfactionFile
from nlp.matcher import ASCII_LOWER, Document, Lexicon, Matcher, term_key
from nlp.negation import Negation
from nlp.numbers import parse_number

_NOT_ALNUM = re.compile(r"[\W_]+")


def bare(text: str) -> str:
    """The message without punctuation, spaces or emoji, ASCII lower-cased: for exact matches."""
    return _NOT_ALNUM.sub("", text).translate(ASCII_LOWER)


def _filler(phrase: str) -> str:
    """A regex for a filler phrase; an ASCII one matches whole words only."""
    pattern = re.escape(phrase)
    if phrase[0].isascii() and phrase[0].isalnum():
        pattern = "(?<![a-z0-9])" + pattern
    if phrase[-1].isascii() and phrase[-1].isalnum():
        pattern += "(?![a-z0-9])"
    return pattern


def intent_lexicon(spec: IntentFile) -> Lexicon:
    groups = tuple((code, g) for code, intent in spec.intent.items() for g in intent.evidence)
    # A message can carry several intents, so one phrase may serve two of them.
    return Lexicon("intents.toml", groups, spec.ignore, spec.negatable, exclusive=False)


def satisfaction_lexicon(spec: SatisfactionFile) -> Lexicon:
    groups = tuple((str(score), EvidenceGroup(terms=(word,))) for word, score in spec.words.items())
    return Lexicon("satisfaction.toml", groups, spec.ignore, spec.negatable)


class IntentDetector:
    """Intents: whole-message phrases (是的, ok) plus phrases found anywhere (转人工)."""

    def __init__(self, spec: IntentFile, negation: Negation) -> None:
        self._exact: dict[str, set[str]] = {}
        for code, intent in spec.intent.items():
            for phrase in intent.exact:
                self._exact.setdefault(bare(phrase), set()).add(code)
        self._matcher = Matcher(intent_lexicon(spec), negation)

    def intents(self, doc: Document) -> frozenset[str]:
        found = set(self._exact.get(bare(doc.text), ()))
        found.update(hit.code for hit in self._matcher.find(doc) if not hit.negated)
        return frozenset(found)


class SatisfactionReader:
    """Revisit scores: an explicit number (5分, 4/5) first, else words (非常满意).

    A word counts only as the whole answer (give or take fillers such as 我觉得, 吧, 谢谢):
    ``满意`` is a score, ``服务员态度太差了`` is a complaint that happens to contain 差.
    """

    def __init__(self, spec: SatisfactionFile, negation: Negation) -> None:
        self._lowest, self._highest = spec.lowest, spec.highest
        self._words = Matcher(satisfaction_lexicon(spec), negation)
        self._patterns = tuple(re.compile(p) for p in spec.patterns)
        fillers = sorted({term_key(f) for f in spec.fillers if term_key(f)}, key=len, reverse=True)
        self._fillers = re.compile("|".join(map(_filler, fillers))) if fillers else None
        self._longest_answer = spec.longest_answer

    def score(self, doc: Document) -> int | None:
        """The 1..5 score the message gives, or None when it gives none."""
        for pattern in self._patterns:
            match = pattern.search(doc.text)
            value = parse_number(match.group("score")) if match else None
            if value is not None and self._lowest <= value <= self._highest:
                return int(value)
        if len(doc.text) > self._longest_answer:
            return None
        hits = [hit for hit in self._words.find(doc) if not hit.negated]
        if not hits:
            return None
        first = hits[0]
        rest = f"{doc.text[: first.start]} {doc.text[first.end :]}"
        if self._fillers is not None:
            rest = self._fillers.sub(" ", rest)
        return None if bare(rest) else int(first.code)
