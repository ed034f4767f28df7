"""What a customer in a crisis hears first depends on what happened, in their own script."""

import pytest
from dialogs_kit import Conversation, keys, make_context, text


@pytest.fixture(scope="module")
def ctx(analyzer):  # the real nlp.Analyzer (tests/fixtures_app.py)
    return make_context(analyzer)


@pytest.mark.parametrize(
    ("message", "key", "expected", "not_expected"),
    [
        ("热水器漏电把孩子电伤了", "escalate.crisis", "安全", None),
        ("你们再不处理我就找媒体曝光", "escalate.crisis_public", "管理层", "安全"),
        ("我已经请了律师，准备起诉你们", "escalate.crisis_public", "管理层", "安全"),
    ],
)
def test_harm_is_met_with_concern_for_safety_other_crises_with_an_assurance(
    ctx, message, key, expected, not_expected
):
    chat = Conversation(ctx)
    turn = chat.send(message)
    assert chat.state == "escalated"
    assert keys(turn) == [key]
    assert expected in text(turn)
    if not_expected:
        assert not_expected not in text(turn)


def test_details_in_a_traditional_reply_are_traditional_too(ctx):
    chat = Conversation(ctx)
    turn = chat.send("我在台北門市買的電視機壞了，訂單號 202611150001")
    while chat.state == "capturing":
        turn = chat.send("跳過")
    assert chat.case.locale == "zh-TW"
    assert "電視機" in text(turn)
    assert "电视机" not in text(turn)
