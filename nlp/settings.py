"""The ``[nlp]`` section of the configuration file.

Defaults here must equal ``config.example.toml`` (a test compares them). Lexicon content
(keywords, weights, trigger words) lives in the data files, not here; this section holds the
numbers a service manager tunes without editing the lexicons.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NlpSettings(BaseModel):
    """Settings of the text analyser."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexicon_dir: str = ""  # folder holding the *.toml lexicons; empty = the bundled nlp/data
    user_dict: str = ""  # jieba user dictionary; empty = userdict.txt in the lexicon folder
    categories: tuple[str, ...] = ()  # enabled category codes; empty = every lexicon category
    confidence_threshold: float = Field(default=0.35, ge=0.0, le=1.0)
    evidence_half: float = Field(default=1.5, gt=0.0)
    max_alternatives: int = Field(default=2, ge=0)
    big_loss_amount: float = Field(default=1000.0, ge=0.0)
    group_min_people: int = Field(default=5, ge=2)
    max_chars: int = Field(default=4000, ge=1)
    traditional_min_ratio: float = Field(default=0.1, gt=0.0, le=1.0)
    english_min_ratio: float = Field(default=0.6, gt=0.0, le=1.0)
    default_language: str = "zh-CN"
