"""Normalisation, language detection and Traditional replies."""

from __future__ import annotations

import pytest

from nlp import detect_language, normalize, to_traditional


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("熱水器漏電", "热水器漏电"),
        # Taiwan wording becomes mainland wording, which the lexicons use
        ("手機螢幕壞了，軟體當機", "手机屏幕坏了,软件当机"),
        ("ＸＲ－５００　壞了！", "XR-500 坏了!"),
        ("  质量\t\n太差  ", "质量 太差"),
        ("质\x00量\u200b差\x07", "质量差"),
        # Simplified text stays as it is: OpenCC's t2s would turn 一坏 into 一坯
        ("万一坏了呢", "万一坏了呢"),
        ("", ""),
        ("😀", "😀"),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


@pytest.mark.parametrize(
    ("text", "hint", "language"),
    [
        ("熱水器漏電", None, "zh-TW"),
        ("這個東西質量太差了", None, "zh-TW"),
        ("热水器漏电", None, "zh-CN"),
        ("我买的Samsung Galaxy手机坏了", None, "zh-CN"),
        ("The heater leaked electricity", None, "en"),
        ("iPhone 15 坏了", None, "zh-CN"),
        # no letters: the channel's hint decides, else the default
        ("5", "zh-Hant", "zh-TW"),
        ("5", "zh_TW", "zh-TW"),
        ("😀", "en-US", "en"),
        ("😀", "fr", "zh-CN"),
        ("😀", None, "zh-CN"),
        # the text wins over the hint when it has letters
        ("质量太差", "en", "zh-CN"),
    ],
)
def test_detect_language(text: str, hint: str | None, language: str) -> None:
    assert detect_language(text, hint) == language


@pytest.mark.parametrize(
    ("text", "traditional"),
    [
        ("这个东西质量太差了，我要退货", "這個東西質量太差了，我要退貨"),
        ("感谢您的反馈", "感謝您的反饋"),
        ("", ""),
    ],
)
def test_to_traditional(text: str, traditional: str) -> None:
    assert to_traditional(text) == traditional
