"""Emotion: calm, angry or abusive, from weighted anger and abuse words plus intensity."""

from __future__ import annotations

from nlp.lexicon_files import EmotionFile, LexiconError
from nlp.matcher import Document, Lexicon, Matcher, score_hits
from nlp.negation import Negation

_INTENSITY = "intensity"


def emotion_lexicon(spec: EmotionFile) -> Lexicon:
    groups = tuple((code, g) for code, level in spec.level.items() for g in level.evidence)
    return Lexicon("emotion.toml", groups, spec.ignore, spec.negatable)


def intensity_lexicon(spec: EmotionFile) -> Lexicon:
    return Lexicon("emotion.toml [[intensity]]", tuple((_INTENSITY, g) for g in spec.intensity))


class EmotionScorer:
    """The customer's emotion: the highest level whose evidence reaches its threshold."""

    def __init__(self, spec: EmotionFile, negation: Negation) -> None:
        unknown = [code for code in spec.level if code not in spec.levels]
        if unknown:
            raise LexiconError(f"emotion: levels not listed in 'levels': {unknown}")
        self._calm = spec.levels[0]
        self._ordered = [code for code in reversed(spec.levels) if code in spec.level]
        self._threshold = {code: spec.level[code].threshold for code in spec.level}
        self._matcher = Matcher(emotion_lexicon(spec), negation)
        self._intensity = Matcher(intensity_lexicon(spec), negation)

    def emotion(self, doc: Document) -> str:
        scores = score_hits(self._matcher.find(doc))
        if not scores:
            return self._calm
        boost = score_hits(self._intensity.find(doc)).get(_INTENSITY, 0.0)
        for code in self._ordered:
            score = scores.get(code, 0.0)
            if score and score + boost >= self._threshold[code]:
                return code
        return self._calm
