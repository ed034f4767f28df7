"""Short customer replies: intents, satisfaction scores and emotion."""

from __future__ import annotations

import pytest

from nlp import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("你好", {"greeting"}),
        ("您好，在吗？", {"greeting"}),
        ("hello", {"greeting"}),
        ("是的", {"yes"}),
        ("好的。", {"yes"}),
        ("OK", {"yes"}),
        ("不对", {"no"}),
        ("No.", {"no"}),
        ("转人工", {"human"}),
        ("我要找真人客服", {"human"}),
        ("I want to talk to a real person", {"human"}),
        ("算了", {"cancel"}),
        ("我不投诉了", {"cancel"}),
        ("谢谢", {"thanks"}),
        ("Thanks a lot!", {"thanks"}),
        ("不方便透露", {"skip"}),
        ("跳过", {"skip"}),
        ("skip", {"skip"}),
        ("没有", {"no", "skip"}),  # "no order number": both a refusal and a skip
        ("帮助", {"help"}),
        # a cancelled order is a complaint, not a wish to cancel the complaint
        ("订单被取消了也不通知", set()),
        # negated: the customer does not want a person
        ("不需要人工", set()),
        # a labour fee is no request for a person
        ("人工费太贵了", set()),
        ("是不是质量问题", set()),
        # asking for a manager or a leader is asking for a person
        ("人工客服", {"human"}),
        ("Can I speak to a human please", {"human"}),
        # English refusals, cancellations and acceptances
        ("decline", {"no"}),
        ("I decline", {"no"}),
        ("I don't accept", {"no"}),
        ("no thanks", {"no"}),
        ("No, thanks.", {"no"}),
        ("not acceptable", {"no"}),
        ("That is not acceptable", {"no"}),
        ("forget it, I want to cancel", {"cancel"}),
        ("cancel my complaint", {"cancel"}),
        ("never mind", {"cancel"}),
        ("Never mind.", {"cancel"}),
        ("accept", {"yes"}),
        ("I accept", {"yes"}),
        ("ok that's fine", {"yes"}),
        ("OK, that's fine.", {"yes"}),
        ("sounds good", {"yes"}),
        ("Sounds good!", {"yes"}),
    ],
)
def test_intents(analyzer: Analyzer, text: str, intents: set[str]) -> None:
    assert analyzer.analyze(text).intents == frozenset(intents)


@pytest.mark.parametrize(
    "text",
    [
        "我要找你们经理",
        "叫你们领导来",
        "让你们经理来处理",
        "我要见你们负责人",
        "转人工",
        "人工客服",
    ],
)
def test_manager_or_leader_is_a_request_for_a_person(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(text)
    assert "human" in analysis.intents
    assert analysis.severity in ("ordinary", "major")


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("5", 5),
        ("5分", 5),
        ("五星", 5),
        ("给3分吧", 3),
        ("打一分", 1),
        ("非常满意", 5),
        ("满意", 4),
        ("一般", 3),
        ("不太满意", 2),
        ("很不满意", 1),
        ("4/5", 4),
        ("very satisfied", 5),
        ("not satisfied", 2),
        # out of range, or not a score at all
        ("6分", None),
        ("等了5分钟", None),
        ("0", None),
        ("质量太差", None),
        # a complaint sentence is no score, whatever word it contains
        ("服务员态度太差了", None),
        ("房间很差，我很不满意这家酒店的服务", None),
        ("我对你们的处理一般般吧，但是产品还是坏的", None),
        ("等了5天才到", None),
        ("买了3个，2个是坏的", None),
        ("The room was terrible", None),
        ("not good at all, the screen is broken", None),
        # score-like answers
        ("3星", 3),
        ("5 stars", 5),
        ("5 stars!", 5),
        ("一般。", 3),
        ("满意！", 4),
        ("不满意", 2),
        ("很差", 1),
        ("Satisfied.", 4),
        ("我给五分", 5),
        ("打4分", 4),
    ],
)
def test_satisfaction(analyzer: Analyzer, text: str, score: int | None) -> None:
    assert analyzer.analyze(text).satisfaction == score


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("手机屏幕有划痕，请帮我处理一下", "calm"),
        ("气死我了，太过分了", "angry"),
        ("垃圾！！！再也不买了", "angry"),
        ("极其失望，太差劲了！！", "angry"),
        ("你们这些傻逼", "abusive"),
        ("滚！", "abusive"),
        ("This is outrageous, I am furious", "angry"),
        ("you idiots", "abusive"),
        # 滚筒 is a washing-machine drum, 操作 an operation: no insult
        ("滚筒洗衣机操作太复杂", "calm"),
        # one mild word is not anger yet
        ("有点失望", "calm"),
        # negated anger
        ("我不生气，只想解决问题", "calm"),
    ],
)
def test_emotion(analyzer: Analyzer, text: str, emotion: str) -> None:
    assert analyzer.analyze(text).emotion == emotion
