"""Pattern gating and number parsing: the machinery under the lexicons."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from nlp import NlpSettings
from nlp.gated_patterns import PatternSet, required_sets
from nlp.lexicon_check import all_lexicons
from nlp.lexicon_files import BUNDLED_DIR, LexiconSet
from nlp.matcher import ASCII_LOWER
from nlp.numbers import parse_number

SENTENCES = [
    "吃了以后拉肚子，还过敏了",
    "送餐太慢了，一个多小时才到",
    "说好的赠品没有送，筷子也没给",
    "等了3个月都没解决，投诉了5次",
    "质量太差，用了两天就坏了",
    "客服态度很差，问了客服也不回",
    "The charger caught fire, I want a refund",
    "满300减50的优惠券用不了，比超市还贵",
    "热水器漏电把孩子电伤了",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        ("(?:吃|喝)(?:了)?.{0,8}(?:拉肚子|过敏)", [{"吃", "喝"}, {"子", "敏"}]),
        ("(?:a)?b", [{"b"}]),
        # nothing can be told: the pattern runs on every message
        (".{0,3}", []),
        ("(?i)refund", []),
        ("x*", []),
        ("[^a]b", [{"b"}]),
    ],
)
def test_required_sets(pattern: str, sets: list[set[str]]) -> None:
    assert [set(chars) for chars in required_sets(pattern)] == sets


def bundled_patterns() -> list[str]:
    lexicons = LexiconSet.load(BUNDLED_DIR)
    sources = [
        source
        for lexicon in all_lexicons(lexicons, NlpSettings())
        for _, group in (*lexicon.groups, ("", lexicon.ignore))
        for source in group.patterns
    ]
    slot_patterns = lexicons.slots.patterns
    for field in type(slot_patterns).model_fields:
        sources += getattr(slot_patterns, field)
    return sources


@pytest.mark.parametrize("text", SENTENCES)
def test_gating_never_skips_a_pattern_that_matches(text: str) -> None:
    sources = bundled_patterns()
    for text_form in (text, text.translate(ASCII_LOWER)):
        gated = PatternSet(sources).matches(text_form, frozenset(text_form))
        expected = [
            (index, match.span())
            for index, source in enumerate(sources)
            for match in re.finditer(source, text_form)
            if match.end() > match.start()
        ]
        assert [(index, match.span()) for index, match in gated] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("399", Decimal(399)),
        ("1.5", Decimal("1.5")),
        ("三百", Decimal(300)),
        ("一千二", Decimal(1200)),
        ("两万", Decimal(20000)),
        ("一万二千", Decimal(12000)),
        ("十五", Decimal(15)),
        ("一百零五", Decimal(105)),
        ("三点五", Decimal("3.5")),
        ("十几", Decimal(11)),  # at least eleven: enough to tell a group of five
        ("abc", None),
        ("NaN", None),
        ("", None),
        ("三点x", None),
    ],
)
def test_parse_number(text: str, value: Decimal | None) -> None:
    assert parse_number(text) == value
