"""The conversation, driven turn by turn with hand-built analyses (no NLP involved)."""

from dataclasses import replace
from datetime import timedelta

import pytest
from dialogs_kit import (
    NOW,
    Conversation,
    TableAnalyzer,
    analysis,
    cancels,
    events,
    jobs,
    keys,
    make_context,
    notices,
    state_changes,
    text,
)

from dialogs import DialogOptions, handle
from dialogs.events import CancelJobs, CaseState, Inbound

QUALITY = {"category": "quality", "confidence": 0.9, "complaint": True}
ROWS = TableAnalyzer(
    analysis("你好", intents=("greeting",)),
    analysis("谢谢", intents=("thanks",)),
    analysis("洗衣机坏了", product="洗衣机", **QUALITY),
    analysis("洗衣机坏了，订单号20261101", product="洗衣机", order_no="20261101", **QUALITY),
    analysis("20261101", order_no="20261101"),
    analysis("海尔滚筒"),
    analysis("对", intents=("yes",)),
    analysis("不对", intents=("no",)),
    analysis("没有", intents=("no", "skip")),
    analysis("跳过", intents=("skip",)),
    analysis("是冰箱不是洗衣机", product="冰箱", **QUALITY),
    analysis("就是不转了，声音还很大", **QUALITY),
    analysis("服务员态度太差了", category="service", confidence=0.8, complaint=True),
    analysis("万达店"),
    analysis(
        "热水器漏电把孩子电伤了，我要找媒体曝光",
        severity="crisis",
        reasons=("safety", "injury", "media"),
        product="热水器",
        **QUALITY,
    ),
    analysis("我要转人工", intents=("human",)),
    analysis("你们这帮傻逼", emotion="abusive"),
    analysis("气死我了，洗衣机坏了", emotion="angry", product="洗衣机", order_no="1", **QUALITY),
    analysis("今天天气不错"),
    analysis(
        "我要投诉",
        category="other",
        confidence=0.2,
        complaint=True,
        alternatives=("service", "delivery"),
    ),
    analysis("算了，不投诉了", intents=("cancel",), confidence=0.2, complaint=True),
    analysis(
        "我要取消订单，发货太慢了",
        category="delivery",
        confidence=0.8,
        complaint=True,
        intents=("cancel",),
    ),
    analysis("我要赔偿800元", remedy=("compensation",), amount="800"),
    analysis(
        "我要退款", remedy=("refund",), category="after_sales", confidence=0.4, complaint=True
    ),
    analysis("不行，我要退款", intents=("no",), remedy=("refund",)),
    analysis(
        "经理来了也没用，我要曝光",
        severity="major",
        reasons=("media",),
        complaint=True,
        category="other",
        confidence=0.3,
    ),
    analysis("5分", satisfaction=5),
    analysis("2分", satisfaction=2),
    analysis("解决了", intents=("yes",)),
    analysis("还是坏的", **QUALITY),
    analysis("希望以后送货快点"),
    analysis(
        "前年买的洗衣机坏了", product="洗衣机", order_no="9", dates=("2024-10-01",), **QUALITY
    ),
    analysis(
        "东西又坏了，第三次了，损失很大",
        severity="major",
        reasons=("repeated",),
        product="洗衣机",
        order_no="9",
        **QUALITY,
    ),
    analysis(
        "My washing machine broke",
        language="en",
        product="washing machine",
        order_no="77",
        **QUALITY,
    ),
    analysis("yes", language="en", intents=("yes",)),
    analysis("洗衣機壞了，訂單號5", language="zh-TW", product="洗衣机", order_no="5", **QUALITY),
    analysis("5", satisfaction=5),
    analysis("你们几点关门", category="enquiry", confidence=0.9, complaint=True),
)


@pytest.fixture(scope="module")
def ctx():
    return make_context(ROWS)


@pytest.fixture
def chat(ctx):
    return Conversation(ctx)


def walk_to_offer(chat):
    chat.send("洗衣机坏了，订单号20261101")
    assert chat.state == "confirming"
    chat.send("对")
    assert chat.state == "awaiting_decision"


# ---- listening ----------------------------------------------------------------------------


def test_hello_is_greeted_thanked_and_asked_what_happened(chat):
    turn = chat.send("你好")
    assert chat.state == "greeting"
    assert keys(turn) == ["greet.hello"]
    assert "感谢您联系示例商城" in text(turn)
    assert state_changes(turn) == [("new", "greeting")]


def test_missing_details_are_asked_one_at_a_time_then_restated(chat):
    first = chat.send("洗衣机坏了")
    assert chat.state == "capturing"
    assert keys(first) == ["ask.order_no"]  # the product was in the message: not asked
    assert text(first).startswith("感谢您告诉我们")
    assert [b.value for b in first.replies[0].buttons] == ["skip"]
    assert events(first, "classified")[0].data["category"] == "quality"
    second = chat.send("20261101")
    assert chat.state == "confirming"
    assert keys(second) == ["confirm.restate"]
    restated = text(second)
    assert "您反映的是“洗衣机坏了”" in restated
    assert "商品：洗衣机" in restated and "订单号：20261101" in restated
    assert "问题类别：商品质量" in restated
    assert [b.value for b in second.replies[0].buttons] == ["yes", "no"]


def test_several_messages_in_a_row_add_to_the_description(chat):
    chat.send("洗衣机坏了")
    chat.send("就是不转了，声音还很大")  # not the order number: noted, asked again
    assert chat.state == "capturing"
    assert chat.case.memo["description"] == ["洗衣机坏了", "就是不转了，声音还很大"]
    turn = chat.send("20261101")
    assert "洗衣机坏了，就是不转了，声音还很大" in text(turn)


@pytest.mark.parametrize("answer", ["跳过", "没有"])
def test_a_question_can_be_skipped(chat, answer):
    chat.send("洗衣机坏了")
    turn = chat.send(answer)
    assert chat.state == "confirming"
    assert "order_no" not in chat.case.slots
    assert events(turn, "slot_skipped")[0].data == {"slot": "order_no"}


def test_skip_button(chat):
    chat.send("洗衣机坏了")
    chat.press("skip")
    assert chat.state == "confirming"


def test_short_free_text_answers_the_pending_question(chat):
    chat.send("服务员态度太差了")
    assert keys(chat.turns[-1]) == ["ask.store"]
    chat.send("万达店")
    assert chat.case.slots["store"] == "万达店"
    assert chat.state == "confirming"


def test_a_question_is_not_asked_more_than_question_limit_times(chat):
    chat.send("洗衣机坏了")
    chat.send("就是不转了，声音还很大")
    assert chat.state == "capturing"
    chat.send("就是不转了，声音还很大")
    assert chat.state == "confirming"


def test_no_at_confirmation_lets_the_customer_correct(chat):
    chat.send("洗衣机坏了，订单号20261101")
    turn = chat.send("不对")
    assert chat.state == "capturing"
    assert keys(turn) == ["confirm.correct"]
    turn = chat.send("是冰箱不是洗衣机")
    assert chat.state == "confirming"
    assert "商品：冰箱" in text(turn)


def test_new_facts_at_confirmation_are_restated_again(chat):
    chat.send("洗衣机坏了，订单号20261101")
    turn = chat.send("是冰箱不是洗衣机")
    assert chat.state == "confirming"
    assert keys(turn) == ["confirm.restate"]
    assert "商品：冰箱" in text(turn)


def test_low_confidence_asks_for_the_category_with_buttons(chat):
    turn = chat.send("我要投诉")
    assert chat.state == "capturing"
    assert keys(turn) == ["capture.choose_category"]
    buttons = turn.replies[0].buttons
    assert [b.value for b in buttons] == ["service", "delivery", "quality", "other"]
    assert [b.label for b in buttons][:2] == ["服务态度", "物流配送"]
    assert chat.case.category is None
    turn = chat.press("service")
    assert chat.case.category == "service"
    assert events(turn, "classified")[0].data["source"] == "customer"
    assert keys(turn) == ["ask.store"]


def test_category_can_be_chosen_by_typing_its_label(ctx):
    chat = Conversation(ctx)
    chat.send("我要投诉")
    rows = ctx.analyzer.rows
    rows["服务态度"] = analysis("服务态度")
    try:
        chat.send("服务态度")
    finally:
        del rows["服务态度"]
    assert chat.case.category == "service"


# ---- proposing ----------------------------------------------------------------------------


def test_confirmation_leads_to_an_apology_and_the_first_remedy(chat):
    walk_to_offer(chat)
    turn = chat.turns[-1]
    assert keys(turn) == ["remedy.exchange.offer"]
    assert "非常抱歉" in text(turn) and "免费换一件" in text(turn)
    assert [b.value for b in turn.replies[0].buttons] == ["accept", "refuse"]
    assert state_changes(turn) == [("confirming", "proposing"), ("proposing", "awaiting_decision")]
    assert events(turn, "remedy_proposed")[0].data == {"remedy": "exchange"}


def test_accepting_resolves_and_schedules_the_revisit(chat):
    walk_to_offer(chat)
    turn = chat.press("accept")
    assert chat.state == "resolved"
    assert keys(turn) == ["remedy.exchange.accepted"]
    assert "2026年12月5日 10:00前" in text(turn)  # 15 days for an exchange, Beijing time
    # the survey comes when the exchange is due (15 days), not before it (7 days)
    assert [(j.kind, j.due_at) for j in jobs(turn)] == [("revisit", NOW + timedelta(days=15))]
    assert [n.reason for n in notices(turn)] == ["remedy_accepted"]


def test_a_refusal_brings_the_next_remedy(chat):
    walk_to_offer(chat)
    turn = chat.press("refuse")
    assert chat.state == "awaiting_decision"
    assert keys(turn) == ["remedy.repair.offer"]
    assert events(turn, "remedy_refused")[0].data["remedy"] == "exchange"


def test_asking_for_another_remedy_counts_as_a_refusal_and_is_offered(chat):
    walk_to_offer(chat)
    turn = chat.send("不行，我要退款")
    assert keys(turn) == ["remedy.refund.offer"]


def test_two_refusals_escalate_to_the_store_manager(chat):
    walk_to_offer(chat)
    chat.press("refuse")
    turn = chat.send("不对")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.refused"]
    assert "门店经理会在2026年11月21日 10:00前联系您" in text(turn)
    assert [(j.kind, j.due_at, dict(j.payload)) for j in jobs(turn)] == [
        ("sla_first_reply", NOW + timedelta(hours=24), {"role": "store_manager"})
    ]
    assert [n.reason for n in notices(turn)] == ["refused"]
    assert events(turn, "escalated")[0].data["reason"] == "refused"


def test_compensation_is_beyond_the_bot_and_goes_to_who_may_approve_it(chat):
    walk_to_offer(chat)
    turn = chat.send("我要赔偿800元")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.beyond_authority"]
    assert chat.case.memo["role"] == "service_supervisor"  # 800 yuan: above a manager's 500


def test_out_of_warranty_is_not_promised_an_exchange(chat):
    chat.send("前年买的洗衣机坏了")
    turn = chat.send("对")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.out_of_warranty"]


def test_nothing_to_offer_hands_over_to_staff(chat):
    turn = chat.send("你们几点关门")  # an enquiry: no details to ask, no remedy to offer
    assert chat.state == "confirming"
    turn = chat.send("对")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.no_remedy"]


def test_an_unsure_accept_is_asked_again(chat):
    walk_to_offer(chat)
    turn = chat.send("今天天气不错")
    assert chat.state == "awaiting_decision"
    assert keys(turn) == ["propose.ask_again"]
    assert "换货" in text(turn)


# ---- escalation ---------------------------------------------------------------------------


def test_crisis_is_escalated_at_once_to_management_and_flagged(chat):
    turn = chat.send("热水器漏电把孩子电伤了，我要找媒体曝光")
    assert chat.state == "escalated"
    assert chat.case.severity == "crisis"
    assert keys(turn) == ["escalate.crisis"]
    assert "公司管理层会在2026年11月20日 12:00前联系您" in text(turn)  # 2 hours
    assert [j.kind for j in jobs(turn)] == ["sla_first_reply"]
    assert events(turn, "flagged")[0].data["flag"] == "pr"
    assert [n.reason for n in notices(turn)] == ["crisis"]
    assert "热水器漏电" in notices(turn)[0].text
    assert events(turn, "severity")[0].data["to"] == "crisis"


def test_major_severity_listens_first_then_escalates_instead_of_proposing(chat):
    turn = chat.send("东西又坏了，第三次了，损失很大")
    assert chat.state == "confirming"
    assert chat.case.severity == "major"
    turn = chat.send("对")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.severity"]
    assert chat.case.memo["role"] == "service_supervisor"


def test_media_mentioned_later_goes_to_management(chat):
    walk_to_offer(chat)
    turn = chat.send("经理来了也没用，我要曝光")
    assert chat.state == "escalated"
    assert chat.case.memo["role"] == "management"
    assert keys(turn) == ["escalate.severity"]


@pytest.mark.parametrize(
    ("how", "value"), [("send", "我要转人工"), ("send", "/human"), ("press", "/human")]
)
def test_asking_for_a_person_escalates_from_any_bot_state(chat, how, value):
    chat.send("洗衣机坏了")
    turn = getattr(chat, how)(value)
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.human_requested"]


def test_until_someone_takes_the_case_every_message_is_forwarded_and_acknowledged(chat):
    chat.send("我要转人工")
    for message in ("洗衣机坏了", "20261101"):
        turn = chat.send(message)
        assert chat.state == "escalated"
        assert keys(turn) == ["escalate.ack"]  # never silence while nobody has answered
        assert [(n.reason, n.text) for n in notices(turn)] == [("customer_wrote", message)]
    media = chat.send("", kind="media", media_type="image")
    assert keys(media) == ["escalate.ack"]
    assert [n.text for n in notices(media)] == ["[image]"]


def test_once_staff_own_the_case_the_bot_acknowledges_once_and_leaves_it_to_them(chat):
    chat.send("我要转人工")
    chat.case = replace(chat.case, state="with_staff", owner="store")  # what "take" leaves
    first = chat.send("洗衣机坏了")
    assert keys(first) == ["escalate.ack"]
    second = chat.send("20261101")
    assert second.replies == ()
    assert [n.text for n in notices(second)] == ["20261101"]


def test_crisis_while_waiting_for_staff_goes_up_and_sooner(chat):
    chat.send("我要转人工")
    assert jobs(chat.send("你好")) == []  # an ordinary wait keeps its first deadline
    turn = chat.send("热水器漏电把孩子电伤了，我要找媒体曝光")
    assert chat.state == "escalated"
    assert chat.case.severity == "crisis"
    assert {n.reason for n in notices(turn)} == {"severity_raised", "customer_wrote"}
    (job,) = [j for j in jobs(turn) if j.kind == "sla_first_reply"]
    crisis_hours = chat.ctx.time_limits.first_reply_hours["crisis"]
    assert job.due_at == chat.now + timedelta(hours=crisis_hours)
    assert job.payload["role"] == "management"
    assert keys(turn) == ["escalate.ack"]  # the customer hears who answers now, and by when
    assert "公司管理层" in text(turn)


def test_crisis_while_staff_own_the_case_does_not_talk_over_them(chat):
    chat.send("我要转人工")
    chat.case = replace(
        chat.case, state="with_staff", owner="store", memo={**chat.case.memo, "acked": True}
    )
    turn = chat.send("热水器漏电把孩子电伤了，我要找媒体曝光")
    assert chat.case.severity == "crisis"
    assert {n.reason for n in notices(turn)} == {"severity_raised", "customer_wrote"}
    assert turn.replies == ()


def test_missed_staff_deadline_goes_one_role_up_with_an_apology(chat):
    chat.send("我要转人工")
    chat.later(hours=24)
    turn = chat.timer("sla_first_reply", role="store_manager")
    assert chat.case.memo["role"] == "area_manager"
    assert keys(turn) == ["escalate.sla_breach"]
    assert "非常抱歉让您久等了" in text(turn) and "区域经理" in text(turn)
    assert [(j.kind, dict(j.payload)) for j in jobs(turn)] == [
        ("sla_first_reply", {"role": "area_manager"})
    ]
    assert [n.reason for n in notices(turn)] == ["sla_breach"]


@pytest.mark.parametrize("payload", [{"role": "area_manager"}, {}])
def test_stale_deadline_job_is_ignored(chat, payload):
    chat.send("我要转人工")
    turn = chat.timer("sla_first_reply", **payload)
    assert turn.replies == () and turn.effects == ()
    assert chat.state == "escalated"


def test_deadline_job_after_resolution_is_ignored(chat):
    walk_to_offer(chat)
    chat.press("accept")
    turn = chat.timer("sla_first_reply", role="store_manager")
    assert turn.replies == () and turn.effects == ()


# ---- emotion, unclear input, commands ---------------------------------------------------


def test_anger_gets_understanding_before_the_facts(chat):
    turn = chat.send("气死我了，洗衣机坏了")
    assert text(turn).startswith("我很理解您的心情")
    assert chat.state == "confirming"


def test_abuse_is_answered_calmly_until_the_limit_then_staff_take_over(chat):
    for _ in range(DialogOptions().abuse_limit):
        turn = chat.send("你们这帮傻逼")
        assert keys(turn) == ["calm.ask_facts"]
        assert text(turn).startswith("我理解您现在很生气")
        assert chat.state == "new"
    turn = chat.send("你们这帮傻逼")
    assert chat.state == "escalated"
    assert keys(turn) == ["escalate.abuse"]


def test_unclear_input_asks_to_rephrase_then_offers_a_person(chat):
    first = chat.send("今天天气不错")
    assert keys(first) == ["unclear.rephrase"]
    second = chat.send("今天天气不错")
    assert keys(second) == ["unclear.offer_human"]
    assert [b.value for b in second.replies[0].buttons] == ["/human"]
    assert chat.state == "new"


def test_understood_message_resets_the_unclear_count(chat):
    chat.send("今天天气不错")
    chat.send("你好")
    assert keys(chat.send("今天天气不错")) == ["unclear.rephrase"]


@pytest.mark.parametrize(
    ("inbound", "key"),
    [
        ({"text": "/help"}, "command.help"),
        ({"text": "/start"}, "greet.hello"),
        ({"text": "/start@complaint_bot"}, "greet.hello"),
        ({"text": "/foo"}, "command.unknown"),
        ({"text": "foo", "kind": "command"}, "command.unknown"),
        ({"text": "help", "kind": "command"}, "command.help"),
        ({"text": "", "kind": "media", "media_type": "sticker"}, "input.media"),
        ({"text": ""}, "input.empty"),
        ({"text": " \u200b\x00\x1b "}, "input.empty"),
        ({"text": "😡😡😡"}, "input.no_words"),
        ({"text": "？？？"}, "input.no_words"),
        ({"text": "字" * 50_000}, "input.too_long"),
    ],
)
def test_every_kind_of_input_gets_a_defined_reply(chat, inbound, key):
    turn = chat.send(**inbound)
    assert keys(turn) == [key]
    assert chat.state == ("greeting" if key == "greet.hello" else "new")


def test_unreadable_input_midway_keeps_the_conversation_where_it_was(chat):
    chat.send("洗衣机坏了")
    turn = chat.send("", kind="media", media_type="voice")
    assert keys(turn) == ["input.media"]
    assert chat.state == "capturing" and chat.case.memo["question"] == "order_no"


def test_start_midway_repeats_the_pending_question(chat):
    chat.send("洗衣机坏了")
    turn = chat.send("/start")
    assert keys(turn) == ["ask.order_no"]
    assert text(turn).startswith("我们接着刚才的说")


# ---- cancel -----------------------------------------------------------------------------


def test_cancel_midway_confirms_and_closes(chat):
    walk_to_offer(chat)
    turn = chat.send("/cancel")
    assert chat.state == "closed"
    assert keys(turn) == ["cancel.done"]
    assert events(turn, "cancelled")[0].actor == "customer"
    assert cancels(turn) == [CancelJobs()]


def test_vague_complaint_words_with_cancel_intent_cancel(chat):
    chat.send("洗衣机坏了")
    chat.send("算了，不投诉了")
    assert chat.state == "closed"


def test_cancelling_an_order_is_a_complaint_not_a_cancel(chat):
    chat.send("我要取消订单，发货太慢了")
    assert chat.state == "capturing"
    assert chat.case.category == "delivery"


def test_cancel_with_nothing_open(chat):
    turn = chat.send("/cancel")
    assert keys(turn) == ["cancel.nothing"]
    assert chat.state == "new"


def test_cancel_while_staff_hold_the_case_is_passed_to_them(chat):
    chat.send("我要转人工")
    turn = chat.send("/cancel")
    assert chat.state == "escalated"
    assert keys(turn) == ["cancel.forwarded"]
    assert [n.reason for n in notices(turn)] == ["cancel_requested"]


# ---- revisit ------------------------------------------------------------------------------


def resolve(chat):
    walk_to_offer(chat)
    chat.press("accept")
    chat.later(days=7)
    return chat.timer("revisit")


def test_revisit_greets_says_why_and_asks_for_a_score(chat):
    turn = resolve(chat)
    assert chat.state == "revisiting"
    assert keys(turn) == ["revisit.survey"]
    assert "示例商城的客服助手" in text(turn) and "2026年11月20日" in text(turn)
    assert "洗衣机坏了" in text(turn)
    assert [b.value for b in turn.replies[0].buttons] == ["1", "2", "3", "4", "5"]
    assert sorted(j.kind for j in jobs(turn)) == ["revisit_expire", "revisit_reminder"]


@pytest.mark.parametrize("answer", ["5分", "5"])
def test_good_score_thanks_and_closes(chat, answer):
    resolve(chat)
    turn = chat.send(answer)
    assert chat.state == "closed"
    assert keys(turn) == ["revisit.thanks"]
    assert events(turn, "satisfaction")[0].data == {"score": 5}
    assert cancels(turn) == [CancelJobs(("revisit_reminder", "revisit_expire"))]


def test_score_button_closes(chat):
    resolve(chat)
    chat.press("4")
    assert chat.state == "closed"


@pytest.mark.parametrize(
    ("answer", "reason"), [("2分", "low_score"), ("还是坏的", "not_solved"), ("不对", "not_solved")]
)
def test_low_score_or_unsolved_apologises_and_reopens(chat, answer, reason):
    resolve(chat)
    turn = chat.send(answer)
    assert chat.state == "escalated"
    assert keys(turn) == [f"escalate.{reason}"]
    assert "很抱歉" in text(turn)
    assert CancelJobs(("revisit", "revisit_reminder", "revisit_expire")) in cancels(turn)


def test_solved_without_score_asks_for_the_score(chat):
    resolve(chat)
    turn = chat.send("解决了")
    assert keys(turn) == ["revisit.ask_score"]
    assert chat.state == "revisiting"


def test_suggestion_is_recorded_and_the_score_asked(chat):
    resolve(chat)
    turn = chat.send("希望以后送货快点")
    assert events(turn, "suggestion")[0].data == {"text": "希望以后送货快点"}
    assert keys(turn) == ["revisit.ask_score"]


def test_one_reminder_then_the_survey_expires(chat):
    resolve(chat)
    assert keys(chat.timer("revisit_reminder")) == ["revisit.reminder"]
    assert chat.timer("revisit_reminder").replies == ()
    turn = chat.timer("revisit_expire")
    assert chat.state == "closed"
    assert turn.replies == ()
    assert events(turn, "revisit_expired")


def test_revisit_job_for_a_case_no_longer_resolved_does_nothing(chat):
    chat.send("我要转人工")
    turn = chat.timer("revisit")
    assert chat.state == "escalated" and turn.replies == ()


# ---- locale -----------------------------------------------------------------------------


def test_english_customer_gets_english_replies_throughout(chat):
    turn = chat.send("My washing machine broke")
    assert chat.case.locale == "en"
    assert 'you are telling us "My washing machine broke"' in text(turn)
    turn = chat.send("yes")
    assert "exchange" in text(turn)
    assert [b.label for b in turn.replies[0].buttons] == ["Accept", "Decline"]


def test_traditional_chinese_customer_gets_traditional_replies(chat):
    turn = chat.send("洗衣機壞了，訂單號5")
    assert chat.case.locale == "zh-TW"
    assert "確認" in text(turn) and "商品質量" in text(turn)
    assert [b.label for b in turn.replies[0].buttons] == ["對", "不對"]


def test_locale_from_hint_until_the_first_text_then_fixed(ctx):
    chat = Conversation(ctx, hint="en-US")
    assert keys(chat.send("/start")) == ["greet.hello"]
    assert chat.turns[-1].replies[0].text.startswith("Hello")
    chat.send("洗衣机坏了")
    assert chat.case.locale == "zh-CN"
    assert chat.case.memo["locale_fixed"] is True
    chat.send("20261101")
    assert ctx.analyzer.hints[-1] == "zh-CN"  # the case's language guides later analyses


def test_chinese_written_alike_in_both_scripts_follows_the_hint_and_waits(ctx):
    chat = Conversation(ctx, hint="zh-Hant-TW")
    turn = chat.send("你好")
    assert chat.case.locale == "zh-TW"
    assert "感謝您聯絡" in text(turn)
    assert "locale_fixed" not in chat.case.memo
    chat.send("洗衣機壞了，訂單號5")
    assert chat.case.memo["locale_fixed"] is True


def test_without_text_or_hint_replies_use_the_configured_language(ctx):
    english = make_context(ctx.analyzer, default_locale="en")
    chat = Conversation(english)
    assert text(chat.send("/help")).startswith("Just tell me")


# ---- contract -----------------------------------------------------------------------------


def test_every_state_change_is_recorded_and_the_input_case_is_untouched(ctx):
    case = CaseState()
    inbound = Inbound("web", "1", "alice", NOW, text="洗衣机坏了，订单号20261101")
    turn = handle(case, inbound, NOW, ctx)
    assert case == CaseState() and dict(case.memo) == {}
    assert state_changes(turn) == [("new", "capturing"), ("capturing", "confirming")]


def test_closed_case_starts_a_new_conversation(ctx):
    closed = CaseState(state="closed", locale="en", memo={"description": ["old"]})
    turn = handle(closed, Inbound("web", "1", "alice", NOW, text="你好"), NOW, ctx)
    assert turn.state.state == "greeting"
    assert "description" not in turn.state.memo


def test_naive_time_is_refused(ctx):
    with pytest.raises(ValueError, match="timezone-aware"):
        handle(
            CaseState(), Inbound("web", "1", "a", NOW, text="你好"), NOW.replace(tzinfo=None), ctx
        )


# ---- after resolution, and odd corners ------------------------------------------------------


def test_after_resolution_thanks_get_a_welcome_and_news_go_to_staff(chat):
    walk_to_offer(chat)
    chat.press("accept")
    assert keys(chat.send("谢谢")) == ["thanks.reply"]
    turn = chat.send("还是坏的")
    assert chat.state == "resolved"
    assert keys(turn) == ["resolved.followup"]
    assert [(n.reason, n.text) for n in notices(turn)] == [("customer_wrote", "还是坏的")]


def test_a_person_asked_for_after_resolution_cancels_the_revisit(chat):
    walk_to_offer(chat)
    chat.press("accept")
    turn = chat.send("我要转人工")
    assert chat.state == "escalated"
    assert CancelJobs(("revisit", "revisit_reminder", "revisit_expire")) in cancels(turn)


def test_category_not_chosen_twice_falls_back_to_other(chat):
    chat.send("我要投诉")
    chat.send("今天天气不错")
    assert chat.case.category is None
    turn = chat.send("今天天气不错")
    assert chat.case.category == "other"
    assert events(turn, "classified")[0].data["source"] == "default"
    assert chat.state == "confirming"  # "other" needs no details
    assert chat.case.memo["description"] == ["我要投诉"]  # small talk is not the complaint


def test_a_case_stored_in_proposing_gets_its_proposal(ctx):
    case = CaseState(state="proposing", category="service", memo={"locale_fixed": True})
    turn = handle(case, Inbound("web", "1", "a", NOW, text="你好"), NOW, ctx)
    assert turn.state.state == "awaiting_decision"
    assert keys(turn) == ["remedy.apology.offer"]
