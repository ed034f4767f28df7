"""Schemas of the lexicon data files (``nlp/data/*.toml``) and their loading.

The files are edited by service managers, so every file is validated when it loads: an unknown
key or a wrong type stops start-up with a message naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

BUNDLED_DIR = Path(__file__).with_name("data")
_Schema = TypeVar("_Schema", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceGroup(_Strict):
    """Entries that count for one code with one weight.

    ``terms`` are literal phrases (ASCII ones match whole words; a trailing ``*`` allows any
    word ending); ``patterns`` are regular expressions. ``negatable`` (default: the file's
    ``negatable``) lets a negation cue just before the entry cancel it. ``whole_token`` entries
    count only where jieba cuts the text at both ends of the match.
    """

    weight: float = 1.0
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    negatable: bool | None = None
    whole_token: bool = False


class IgnoreGroup(_Strict):
    """Phrases that look like entries but are not (工商银行, 内心很受伤, 曝光过度).

    They take part in longest-match resolution and then count for nothing, so they shadow the
    shorter entries inside them.
    """

    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


class CategoryDef(_Strict):
    description: str = ""
    complaint: bool = True  # evidence for this category means the message is a complaint
    evidence: tuple[EvidenceGroup, ...] = ()


class CategoryFile(_Strict):
    fallback: str
    negatable: bool = False
    category: dict[str, CategoryDef]
    ignore: IgnoreGroup = IgnoreGroup()


class TriggerDef(_Strict):
    level: str
    description: str = ""
    evidence: tuple[EvidenceGroup, ...] = ()
    count_patterns: tuple[str, ...] = ()  # regex with group "n": fires when n >= group size
    amount: bool = False  # fires when a money amount reaches the big-loss setting
    amount_context: tuple[str, ...] = ()  # regex; if given, one must be found for amount to count


class SeverityFile(_Strict):
    levels: tuple[str, ...] = Field(min_length=1)  # lowest first; the first is the default
    negatable: bool = True
    trigger: dict[str, TriggerDef]
    ignore: IgnoreGroup = IgnoreGroup()


class EmotionLevel(_Strict):
    threshold: float
    evidence: tuple[EvidenceGroup, ...] = ()


class EmotionFile(_Strict):
    levels: tuple[str, ...] = Field(min_length=1)  # calmest first; the first is the default
    negatable: bool = True
    level: dict[str, EmotionLevel]
    intensity: tuple[EvidenceGroup, ...] = ()
    ignore: IgnoreGroup = IgnoreGroup()


class IntentDef(_Strict):
    exact: tuple[str, ...] = ()  # the whole message, punctuation and spaces removed
    evidence: tuple[EvidenceGroup, ...] = ()


class IntentFile(_Strict):
    negatable: bool = True
    intent: dict[str, IntentDef]
    ignore: IgnoreGroup = IgnoreGroup()


class SatisfactionFile(_Strict):
    lowest: int
    highest: int
    negatable: bool = False
    words: dict[str, int]  # phrase -> score; the longest phrase wins (很不满意 over 满意)
    fillers: tuple[str, ...] = ()  # may stand beside a word in a whole answer (我觉得, 吧, 谢谢)
    longest_answer: int = Field(default=24, ge=1)  # longer messages are no whole-answer word
    patterns: tuple[str, ...] = ()  # regex with a group "score" (digits or 一..五)
    ignore: IgnoreGroup = IgnoreGroup()


class NegationFile(_Strict):
    window: int = Field(ge=1)  # characters looked back from a Chinese entry
    window_en: int = Field(ge=1)  # characters looked back from an English entry
    cues: tuple[str, ...]  # regular expressions
    not_cues: tuple[str, ...] = ()  # look like cues but are not (没想到, 不小心)
    breakers: tuple[str, ...] = ()  # end a clause: a cue before them negates nothing after


class RemedyFile(_Strict):
    negatable: bool = False
    remedy: dict[str, tuple[EvidenceGroup, ...]]
    ignore: IgnoreGroup = IgnoreGroup()


class SlotPatterns(_Strict):
    """Regular expressions for slot values; each names the group that holds the value."""

    order: tuple[str, ...] = ()  # group "id"
    phone: tuple[str, ...] = ()  # group "phone"
    amount: tuple[str, ...] = ()  # groups "value" and optional "unit" (a multiplier word)
    date: tuple[str, ...] = ()  # groups "y", "m", "d"; "y" may be missing
    model: tuple[str, ...] = ()  # group "model"
    store: tuple[str, ...] = ()  # group "store"


class DateContext(_Strict):
    """When a relative date (昨天, last week) is a date slot: only beside an event."""

    window: int = Field(default=12, ge=0)  # characters looked at on each side, in one clause
    clause_end: str = "[,.!?;:，。！？；：]"  # regex: a clause ends here
    events: tuple[str, ...] = ()  # regexes of what happened (买, 收到, bought)


class SlotFile(_Strict):
    multipliers: dict[str, float]  # 万 -> 10000 ...
    relative_dates: tuple[str, ...] = ()
    date_context: DateContext = DateContext()
    products: tuple[str, ...] = ()
    not_products: tuple[str, ...] = ()  # contain a product word but name none (手机号)
    store_stopwords: tuple[str, ...] = ()  # captured store names that are no store (这家店)
    patterns: SlotPatterns


class LexiconError(ValueError):
    """A lexicon file is missing, is not TOML, or does not fit its schema."""


def read_file(folder: Path, name: str, schema: type[_Schema]) -> _Schema:
    """Load and validate one lexicon file."""
    path = folder / name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return schema.model_validate(raw)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LexiconError(f"{path}: {where}: {first['msg']}") from exc


@dataclass(frozen=True, slots=True)
class LexiconSet:
    """Every lexicon file of one folder, validated."""

    folder: Path
    negation: NegationFile
    categories: CategoryFile
    severity: SeverityFile
    emotion: EmotionFile
    intents: IntentFile
    satisfaction: SatisfactionFile
    remedies: RemedyFile
    slots: SlotFile

    @classmethod
    def load(cls, folder: Path) -> LexiconSet:
        return cls(
            folder=folder,
            negation=read_file(folder, "negation.toml", NegationFile),
            categories=read_file(folder, "categories.toml", CategoryFile),
            severity=read_file(folder, "severity.toml", SeverityFile),
            emotion=read_file(folder, "emotion.toml", EmotionFile),
            intents=read_file(folder, "intents.toml", IntentFile),
            satisfaction=read_file(folder, "satisfaction.toml", SatisfactionFile),
            remedies=read_file(folder, "remedies.toml", RemedyFile),
            slots=read_file(folder, "slots.toml", SlotFile),
        )
