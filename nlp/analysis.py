"""The facts NLP extracts from one customer message.

These value objects are the whole interface between ``nlp`` and its callers: ``dialogs`` reads
them to decide the next step, ``complaint-bot classify`` prints them as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Slots:
    """Structured details a complaint may mention. ``None`` / empty means "not found"."""

    order_no: str | None = None
    phone: str | None = None
    amount: str | None = None  # plain decimal number as written, 万/千 expanded: "399", "12000"
    dates: tuple[str, ...] = ()  # ISO dates (YYYY-MM-DD) or the literal expression when relative
    product: str | None = None
    store: str | None = None
    remedy: tuple[str, ...] = ()  # refund|exchange|repair|compensation|apology, in order found

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe dict without empty slots."""
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if value in (None, ()):
                continue
            out[name] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the bot needs to know about one message.

    Codes (category, severity, emotion, intents, remedies) are the configured codes, never
    display text; the dialog turns them into words in the customer's language.
    """

    text: str  # the original text, untouched
    normalized: str  # Simplified, half-width, collapsed whitespace: what the lexicons see
    language: str  # "zh-CN" | "zh-TW" | "en"
    category: str  # e.g. quality|service|delivery|after_sales|price|promotion|enquiry|other
    confidence: float  # 0..1 for the category; low means "ask the customer to choose"
    severity: str  # ordinary|major|crisis
    emotion: str  # calm|angry|abusive
    slots: Slots = field(default_factory=Slots)
    intents: frozenset[str] = frozenset()  # greeting|yes|no|human|cancel|thanks|skip|help
    satisfaction: int | None = None  # 1..5 when the message is a score
    is_complaint: bool = False  # the message describes a problem (any category evidence)
    category_scores: Mapping[str, float] = field(default_factory=dict)
    severity_reasons: tuple[str, ...] = ()  # trigger codes, e.g. ("injury", "media")
    alternatives: tuple[str, ...] = ()  # runner-up categories, best first

    def as_json(self) -> dict[str, Any]:
        """The JSON object ``complaint-bot classify`` writes for this message."""
        return {
            "category": self.category,
            "confidence": round(self.confidence, 3),
            "severity": self.severity,
            "severity_reasons": list(self.severity_reasons),
            "emotion": self.emotion,
            "language": self.language,
            "intents": sorted(self.intents),
            "satisfaction": self.satisfaction,
            "slots": self.slots.as_dict(),
        }
