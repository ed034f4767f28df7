"""Whole conversations through the REAL analyser, in zh-CN, zh-TW and en.

Each walk is a table of steps: what the customer sends (or which job fires), the state the
case must be in afterwards and the catalogue key of the bot's reply (None: no reply).
"""

import pytest
from dialogs_kit import Conversation, keys, make_context

TIMER = object()  # marks a step where a due job fires instead of a customer message

WALKS = {
    "accepted_then_revisited": {
        "zh-CN": [
            ("你好", "greeting", "greet.hello"),
            ("我买的洗衣机用了三天就坏了", "capturing", "ask.order_no"),
            ("订单号是20231120001", "confirming", "confirm.restate"),
            ("对", "awaiting_decision", "remedy.exchange.offer"),
            ("可以", "resolved", "remedy.exchange.accepted"),
            ((TIMER, "revisit"), "revisiting", "revisit.survey"),
            ("5分", "closed", "revisit.thanks"),
        ],
        "zh-TW": [
            ("你好", "greeting", "greet.hello"),
            ("我買的洗衣機用了三天就壞了", "capturing", "ask.order_no"),
            ("訂單號是20231120001", "confirming", "confirm.restate"),
            ("對", "awaiting_decision", "remedy.exchange.offer"),
            ("可以", "resolved", "remedy.exchange.accepted"),
            ((TIMER, "revisit"), "revisiting", "revisit.survey"),
            ("5分", "closed", "revisit.thanks"),
        ],
        "en": [
            ("hello", "greeting", "greet.hello"),
            ("the washing machine I bought broke after three days", "capturing", "ask.order_no"),
            ("order number 20231120001", "confirming", "confirm.restate"),
            ("yes", "awaiting_decision", "remedy.exchange.offer"),
            ("ok", "resolved", "remedy.exchange.accepted"),
            ((TIMER, "revisit"), "revisiting", "revisit.survey"),
            ("5", "closed", "revisit.thanks"),
        ],
    },
    "refused_twice": {
        "zh-CN": [
            ("我买的洗衣机用了三天就坏了，订单号20231120001", "confirming", "confirm.restate"),
            ("对", "awaiting_decision", "remedy.exchange.offer"),
            ("不接受", "awaiting_decision", "remedy.repair.offer"),
            ("不接受", "escalated", "escalate.refused"),
        ],
        "zh-TW": [
            ("我買的洗衣機用了三天就壞了，訂單號20231120001", "confirming", "confirm.restate"),
            ("對", "awaiting_decision", "remedy.exchange.offer"),
            ("不接受", "awaiting_decision", "remedy.repair.offer"),
            ("不接受", "escalated", "escalate.refused"),
        ],
        "en": [
            (
                "the washing machine I bought broke, order number 20231120001",
                "confirming",
                "confirm.restate",
            ),
            ("yes", "awaiting_decision", "remedy.exchange.offer"),
            ("no", "awaiting_decision", "remedy.repair.offer"),
            ("no", "escalated", "escalate.refused"),
        ],
    },
    "crisis": {
        "zh-CN": [("热水器漏电把孩子电伤了，我要找媒体曝光", "escalated", "escalate.crisis")],
        "zh-TW": [("熱水器漏電把孩子電傷了，我要找媒體曝光", "escalated", "escalate.crisis")],
        "en": [
            (
                "The water heater leaked electricity and shocked my child, I will go to the media",
                "escalated",
                "escalate.crisis",
            )
        ],
    },
    "human": {
        "zh-CN": [
            ("我买的洗衣机坏了", "capturing", "ask.order_no"),
            ("我要转人工", "escalated", "escalate.human_requested"),
        ],
        "zh-TW": [
            ("我買的洗衣機壞了", "capturing", "ask.order_no"),
            ("我要轉人工", "escalated", "escalate.human_requested"),
        ],
        "en": [
            ("the washing machine I bought broke", "capturing", "ask.order_no"),
            ("I want to talk to a person", "escalated", "escalate.human_requested"),
        ],
    },
    "abuse": {
        "zh-CN": [("你们这帮傻逼", "new", "calm.ask_facts")] * 2
        + [("你们这帮傻逼", "escalated", "escalate.abuse")],
        "zh-TW": [("你們這幫傻逼", "new", "calm.ask_facts")] * 2
        + [("你們這幫傻逼", "escalated", "escalate.abuse")],
        "en": [("you idiots, useless garbage", "new", "calm.ask_facts")] * 2
        + [("you idiots, useless garbage", "escalated", "escalate.abuse")],
    },
    "off_topic": {
        "zh-CN": [
            ("今天天气不错", "new", "unclear.rephrase"),
            ("今天天气不错", "new", "unclear.offer_human"),
        ],
        "zh-TW": [
            ("今天天氣不錯", "new", "unclear.rephrase"),
            ("今天天氣不錯", "new", "unclear.offer_human"),
        ],
        "en": [
            ("nice weather today", "new", "unclear.rephrase"),
            ("nice weather today", "new", "unclear.offer_human"),
        ],
    },
    "cancel_midway": {
        "zh-CN": [
            ("我买的洗衣机坏了", "capturing", "ask.order_no"),
            ("算了，不投诉了", "closed", "cancel.done"),
        ],
        "zh-TW": [
            ("我買的洗衣機壞了", "capturing", "ask.order_no"),
            ("算了，不投訴了", "closed", "cancel.done"),
        ],
        "en": [
            ("the washing machine I bought broke", "capturing", "ask.order_no"),
            ("/cancel", "closed", "cancel.done"),
        ],
    },
    "low_confidence": {
        "zh-CN": [("我要投诉", "capturing", "capture.choose_category")],
        "zh-TW": [("我要投訴", "capturing", "capture.choose_category")],
        "en": [("I want to complain", "capturing", "capture.choose_category")],
    },
}


@pytest.fixture(scope="module")
def ctx(analyzer):  # the real nlp.Analyzer, loaded once per session (tests/fixtures_app.py)
    return make_context(analyzer)


@pytest.mark.parametrize("locale", ["zh-CN", "zh-TW", "en"])
@pytest.mark.parametrize("walk", sorted(WALKS))
def test_walk(ctx, walk, locale):
    chat = Conversation(ctx)
    for number, (message, state, key) in enumerate(WALKS[walk][locale], 1):
        if isinstance(message, tuple):
            chat.later(days=7)
            turn = chat.timer(message[1])
        else:
            turn = chat.send(message)
        assert (chat.state, keys(turn)) == (state, [key] if key else []), (number, message)
    assert chat.case.locale == locale


def test_crisis_is_recorded_with_its_severity(ctx):
    chat = Conversation(ctx)
    chat.send("热水器漏电把孩子电伤了，我要找媒体曝光")
    assert chat.case.severity == "crisis"
    assert chat.case.memo["role"] == "management"
    assert chat.case.memo["pr_flag"] is True


def test_low_confidence_buttons_carry_category_codes(ctx):
    chat = Conversation(ctx)
    turn = chat.send("I want to complain")
    values = [b.value for b in turn.replies[0].buttons]
    assert values[-1] == "other" and set(values) <= set(ctx.policy.categories)
    chat.press(values[0])
    assert chat.case.category == values[0]
