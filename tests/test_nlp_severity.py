"""Severity and its reasons, as staff see them on the case card."""

from __future__ import annotations

import pytest

from nlp import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.mark.parametrize(
    ("text", "severity", "reason"),
    [
        ("热水器漏电把孩子电伤了，我要找媒体曝光", "crisis", "injury"),
        ("熱水器漏電", "crisis", "safety"),
        (
            "The heater leaked electricity and burned my son, I will call my lawyer",
            "crisis",
            "legal",
        ),
        ("充电器冒烟了，差点起火", "crisis", "safety"),
        ("昨天吃了你们的外卖，全家拉肚子", "crisis", "injury"),
        ("用了这个洗发水头皮过敏，起了很多红疹", "crisis", "injury"),
        ("再不解决我就找律师起诉你们", "crisis", "legal"),
        ("我们小区12个业主一起投诉这个问题", "crisis", "group"),
        ("我已经打了12315投诉", "major", "authority"),
        ("我要去消协和市场监管局反映", "major", "authority"),
        ("投诉了三次都没有解决", "major", "repeated"),
        ("叫你们经理出来处理", "major", "manager"),
        ("这次被骗了，损失了5000元", "major", "big_loss"),
        ("I want to speak to a manager", "major", "manager"),
        ("I have complained five times and nothing has been resolved", "major", "repeated"),
        ("快一个月了还没有退款", "major", "repeated"),
        # a month of use is no month of waiting
        ("用了不到一个月就没有声音了", "ordinary", None),
        # someone else's injury is not the customer's
        ("快递员受伤了所以晚送了两天", "ordinary", None),
        # cigarette smell in a hotel room is no fire
        ("The room smelled of smoke", "ordinary", None),
        # negation: the trigger is denied
        ("我没有受伤但是很生气", "ordinary", None),
        ("还好并未起火，就是噪音很大", "ordinary", None),
        # not the customer's body: hurt feelings, a bank, a camera setting
        ("你们这样做我内心很受伤", "ordinary", None),
        ("工商银行的卡付不了款", "ordinary", None),
        ("拍照曝光过度，画质一般", "ordinary", None),
        # anger, insults and the word 投诉 alone are not major
        ("垃圾东西，气死我了，我要投诉", "ordinary", None),
        # a price is no loss: the amount alone does not make it major
        ("花了3000元买的手机，屏幕有坏点", "ordinary", None),
        # three people are not a group complaint
        ("我们3个人一起吃的，味道很差", "ordinary", None),
        ("快递太慢了", "ordinary", None),
    ],
)
def test_severity(analyzer: Analyzer, text: str, severity: str, reason: str | None) -> None:
    analysis = analyzer.analyze(text)
    assert analysis.severity == severity
    if reason is None:
        assert analysis.severity_reasons == ()
    else:
        assert reason in analysis.severity_reasons


def test_reasons_put_the_most_severe_first(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("打了12315也没用，孩子被烫伤了")
    assert analysis.severity_reasons[0] == "injury"
    assert "authority" in analysis.severity_reasons


def test_traditional_crisis_is_answered_in_traditional(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("熱水器漏電，把孩子電傷了")
    assert (analysis.severity, analysis.language) == ("crisis", "zh-TW")
    assert analysis.text == "熱水器漏電，把孩子電傷了"  # the original is kept
    assert analysis.normalized == "热水器漏电,把孩子电伤了"
