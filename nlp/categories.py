"""Category scoring: which complaint the message is mainly about, and how sure we are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nlp.lexicon_files import CategoryFile, LexiconError
from nlp.matcher import Document, Lexicon, Matcher, score_hits
from nlp.negation import Negation
from nlp.settings import NlpSettings


@dataclass(frozen=True, slots=True)
class CategoryResult:
    category: str
    confidence: float
    scores: Mapping[str, float]
    alternatives: tuple[str, ...]
    is_complaint: bool


def category_lexicon(spec: CategoryFile, codes: tuple[str, ...]) -> Lexicon:
    groups = tuple((code, g) for code in codes for g in spec.category[code].evidence)
    return Lexicon("categories.toml", groups, spec.ignore, spec.negatable)


class CategoryScorer:
    """Scores the enabled categories of the category lexicon."""

    def __init__(self, spec: CategoryFile, settings: NlpSettings, negation: Negation) -> None:
        enabled = settings.categories or tuple(spec.category)
        unknown = [code for code in enabled if code not in spec.category]
        if unknown:
            raise LexiconError(f"[nlp].categories: not in the category lexicon: {unknown}")
        self.codes = tuple(enabled)
        self.fallback = spec.fallback
        self._order = {code: rank for rank, code in enumerate(self.codes)}
        self._complaint = {code for code in self.codes if spec.category[code].complaint}
        self._half = settings.evidence_half
        self._max_alternatives = settings.max_alternatives
        self._matcher = Matcher(category_lexicon(spec, self.codes), negation)

    def score(self, doc: Document) -> CategoryResult:
        scores = score_hits(self._matcher.find(doc))
        complaint = sum(score for code, score in scores.items() if code in self._complaint)
        if complaint and complaint >= max(scores.values()):
            # An enquiry is a question with no complaint in it: "请问你们是怎么做到的？" after
            # a complaint is rhetorical, so complaint evidence as strong as the question wins.
            scores = {code: score for code, score in scores.items() if code in self._complaint}
        if not scores:
            return CategoryResult(self.fallback, 0.0, {}, (), False)
        ranked = sorted(scores, key=lambda code: (-scores[code], self._order[code]))
        top = scores[ranked[0]]
        share = top / sum(scores.values())
        strength = top / (top + self._half)
        return CategoryResult(
            category=ranked[0],
            confidence=round(share * strength, 4),
            scores=scores,
            alternatives=tuple(ranked[1 : 1 + self._max_alternatives]),
            is_complaint=ranked[0] in self._complaint,
        )
