"""Severity: the highest level among the triggers a message contains."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from nlp.lexicon_files import LexiconError, SeverityFile
from nlp.matcher import Document, Lexicon, Matcher
from nlp.negation import Negation, union
from nlp.numbers import parse_number
from nlp.settings import NlpSettings


@dataclass(frozen=True, slots=True)
class SeverityResult:
    level: str
    reasons: tuple[str, ...]  # trigger codes, most severe first, then in text order


def severity_lexicon(spec: SeverityFile) -> Lexicon:
    groups = tuple((code, g) for code, t in spec.trigger.items() for g in t.evidence)
    return Lexicon("severity.toml", groups, spec.ignore, spec.negatable)


class SeverityScorer:
    """Severity triggers: lexicon entries, group counts and large losses."""

    def __init__(self, spec: SeverityFile, settings: NlpSettings, negation: Negation) -> None:
        self._rank = {level: rank for rank, level in enumerate(spec.levels)}
        for code, trigger in spec.trigger.items():
            if trigger.level not in self._rank:
                raise LexiconError(f"severity trigger {code}: unknown level {trigger.level!r}")
        self._levels = spec.levels
        self._trigger_level = {code: t.level for code, t in spec.trigger.items()}
        self._matcher = Matcher(severity_lexicon(spec), negation)
        self._counts = [
            (code, re.compile(p)) for code, t in spec.trigger.items() for p in t.count_patterns
        ]
        self._amount_triggers = [
            (code, union(t.amount_context)) for code, t in spec.trigger.items() if t.amount
        ]
        self._group_size = settings.group_min_people
        self._big_loss = Decimal(str(settings.big_loss_amount))

    def assess(self, doc: Document, amounts: Iterable[Decimal]) -> SeverityResult:
        found = [hit.code for hit in self._matcher.find(doc) if not hit.negated]
        found += [code for code, pattern in self._counts if self._counts_enough(pattern, doc.text)]
        if any(amount >= self._big_loss for amount in amounts):
            found += [
                code
                for code, context in self._amount_triggers
                if context is None or context.search(doc.text)
            ]
        reasons = tuple(dict.fromkeys(found))
        if not reasons:
            return SeverityResult(self._levels[0], ())
        ranked = sorted(reasons, key=lambda code: -self._rank[self._trigger_level[code]])
        return SeverityResult(self._trigger_level[ranked[0]], tuple(ranked))

    def _counts_enough(self, pattern: re.Pattern[str], text: str) -> bool:
        for match in pattern.finditer(text):
            count = parse_number(match.group("n"))
            if count is not None and count >= self._group_size:
                return True
        return False
