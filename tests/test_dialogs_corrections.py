"""A customer who says "不对，是……" is corrected, not appended to (PROCESS.md §1 倾听: restate
and ask for confirmation)."""

import pytest
from dialogs_kit import Conversation, events, keys, make_context, text


@pytest.fixture(scope="module")
def ctx(analyzer):  # the real nlp.Analyzer (tests/fixtures_app.py)
    return make_context(analyzer)


def to_restatement(chat: Conversation, first: str):
    turn = chat.send(first)
    while chat.state == "capturing":
        turn = chat.send("跳过")
    assert chat.state == "confirming"
    return turn


def test_a_correction_replaces_the_complaint_and_its_category(ctx):
    chat = Conversation(ctx)
    to_restatement(chat, "我在网上买的羽绒服掉毛严重")

    turn = chat.send("不对，是快递把包裹弄丢了，到现在还没收到")

    assert chat.state == "confirming"
    assert keys(turn) == ["confirm.restate"]
    assert text(turn).startswith(ctx.catalogue.render("zh-CN", "confirm.corrected"))
    assert "包裹弄丢" in text(turn)
    assert "掉毛" not in text(turn)
    assert chat.case.category == "delivery"
    (corrected,) = events(turn, "description_corrected")
    assert corrected.data["before"] == ["我在网上买的羽绒服掉毛严重"]


def test_adding_a_fact_still_adds(ctx):
    chat = Conversation(ctx)
    to_restatement(chat, "我在网上买的羽绒服掉毛严重")

    turn = chat.send("而且拉链也坏了")

    assert keys(turn) == ["confirm.restate"]
    assert text(turn).startswith(ctx.catalogue.render("zh-CN", "confirm.updated"))
    assert "掉毛" in text(turn) and "拉链" in text(turn)


def test_no_then_the_new_words_in_a_second_message(ctx):
    chat = Conversation(ctx)
    to_restatement(chat, "我在网上买的羽绒服掉毛严重")
    assert keys(chat.send("不对")) == ["confirm.correct"]

    turn = chat.send("是羽绒服的拉链坏了")

    assert "拉链" in text(turn)
    assert "掉毛" not in text(turn)
