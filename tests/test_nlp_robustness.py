"""``Analyzer.analyze`` returns a valid Analysis for any string at all."""

from __future__ import annotations

import random

import pytest

from nlp import Analysis, Analyzer, NlpSettings


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


def assert_valid(analysis: Analysis, analyzer: Analyzer) -> None:
    assert analysis.category in analyzer.category_codes
    assert 0.0 <= analysis.confidence <= 1.0
    assert analysis.severity in ("ordinary", "major", "crisis")
    assert analysis.emotion in ("calm", "angry", "abusive")
    assert analysis.language in ("zh-CN", "zh-TW", "en")
    assert analysis.satisfaction is None or 1 <= analysis.satisfaction <= 5
    analysis.as_json()  # JSON-safe


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x7f",
        "😀" * 1000,
        "\ud800\udfff broken surrogates",
        "质量差" * 20000,  # 60,000 characters, far past max_chars
        "a" * 51200,
        "订单号" + "9" * 5000,
        "１２３４５６７８９０１２３４５６",
        "\u202e\u200f右到左",
        "((((((((((",
        "9" * 400 + "元",
        "一二三四五六七八九十百千万" * 50 + "元",
        "\n\t\r" * 100,
    ],
)
def test_odd_input_gives_valid_analysis(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(text)
    assert_valid(analysis, analyzer)
    assert analysis.text == text


def test_random_text_never_raises(analyzer: Analyzer) -> None:
    pool = "质量差退款快递客服漏电受伤没有不是1234567890元万.-！？!?，。 \x00\u3000ＡＢａｂ😀熱電"
    rng = random.Random(4)
    for _ in range(500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 80)))
        assert_valid(analyzer.analyze(text), analyzer)


def test_only_the_first_max_chars_are_analysed() -> None:
    analyzer = Analyzer.load(NlpSettings(max_chars=10))
    analysis = analyzer.analyze("今天天气不错，心情也很好，" + "热水器漏电了")
    assert analysis.severity == "ordinary"
    assert len(analysis.normalized) <= 10
