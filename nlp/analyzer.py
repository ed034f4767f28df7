"""The analyser: one object built at start-up, one ``analyze`` call per customer message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jieba

from nlp.analysis import Analysis
from nlp.categories import CategoryScorer
from nlp.emotion import EmotionScorer
from nlp.intents import IntentDetector, SatisfactionReader
from nlp.lexicon_files import BUNDLED_DIR, LexiconSet
from nlp.matcher import Document
from nlp.negation import Negation
from nlp.normalize import prepare
from nlp.settings import NlpSettings
from nlp.severity import SeverityScorer
from nlp.slots import SlotExtractor
from nlp.tokens import load_tokenizer

USER_DICT_NAME = "userdict.txt"


def lexicon_folder(settings: NlpSettings) -> Path:
    return Path(settings.lexicon_dir) if settings.lexicon_dir else BUNDLED_DIR


def user_dict_path(settings: NlpSettings) -> Path:
    return (
        Path(settings.user_dict)
        if settings.user_dict
        else lexicon_folder(settings) / USER_DICT_NAME
    )


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Turns one customer message into an :class:`Analysis`. Build it once with :meth:`load`."""

    settings: NlpSettings
    tokenizer: jieba.Tokenizer
    categories: CategoryScorer
    severity: SeverityScorer
    emotions: EmotionScorer
    intents: IntentDetector
    satisfaction: SatisfactionReader
    slots: SlotExtractor

    @classmethod
    def load(cls, settings: NlpSettings | None = None) -> Analyzer:
        """Read and compile the lexicons and initialise jieba.

        Raises:
            LexiconError: a lexicon file is missing or invalid.
        """
        settings = settings or NlpSettings()
        lexicons = LexiconSet.load(lexicon_folder(settings))
        negation = Negation.from_file(lexicons.negation)
        return cls(
            settings=settings,
            tokenizer=load_tokenizer(user_dict_path(settings)),
            categories=CategoryScorer(lexicons.categories, settings, negation),
            severity=SeverityScorer(lexicons.severity, settings, negation),
            emotions=EmotionScorer(lexicons.emotion, negation),
            intents=IntentDetector(lexicons.intents, negation),
            satisfaction=SatisfactionReader(lexicons.satisfaction, negation),
            slots=SlotExtractor(lexicons.slots, lexicons.remedies, negation),
        )

    @property
    def confidence_threshold(self) -> float:
        """Below this category confidence the dialog asks the customer to choose."""
        return self.settings.confidence_threshold

    @property
    def category_codes(self) -> tuple[str, ...]:
        """The enabled categories, in lexicon order."""
        return self.categories.codes

    def analyze(self, text: str, language_hint: str | None = None) -> Analysis:
        """Analyse one message. Never raises; only the first ``max_chars`` are analysed."""
        prepared = prepare(text[: self.settings.max_chars], language_hint, self.settings)
        normalized = prepared.normalized
        doc = Document(normalized, self.tokenizer)
        amounts = self.slots.amounts(doc)
        category = self.categories.score(doc)
        severity = self.severity.assess(doc, amounts)
        return Analysis(
            text=text,
            normalized=normalized,
            language=prepared.language,
            category=category.category,
            confidence=category.confidence,
            severity=severity.level,
            emotion=self.emotions.emotion(doc),
            slots=self.slots.extract(doc, amounts),
            intents=self.intents.intents(doc),
            satisfaction=self.satisfaction.score(doc),
            is_complaint=category.is_complaint,
            category_scores=category.scores,
            severity_reasons=severity.reasons,
            alternatives=category.alternatives,
        )
