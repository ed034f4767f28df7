"""Category, confidence and alternatives: what the dialog restates to the customer."""

from __future__ import annotations

import pytest

from nlp import Analyzer, NlpSettings


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("手机用了三天就黑屏死机，质量太差了", "quality"),
        ("衣服洗了一次就严重掉色，还起球", "quality"),
        ("书有好几页缺页，印刷也模糊", "quality"),
        ("酒店房间很脏，隔音太差，一晚上没睡好", "quality"),
        ("客服态度恶劣，问什么都爱理不理", "service"),
        ("前台服务员很不耐烦，还骂人", "service"),
        ("送餐太慢了，一个多小时才到，饭都凉了", "delivery"),
        ("快递三天了还没发货，物流信息也不更新", "delivery"),
        ("买了两件只收到一件，漏发了", "delivery"),
        ("申请退款一周了还没退款，售后一直拖", "after_sales"),
        ("保修期内维修了两次还是坏，售后不给换", "after_sales"),
        ("刚买完第二天就降价了，要求退差价", "price"),
        ("安装费太贵了，收了我两百多", "price"),
        ("买了东西不给开发票", "price"),
        ("说好的赠品没有送，满减优惠券也用不了", "promotion"),
        ("请问你们的营业时间是几点？", "enquiry"),
        ("The phone is broken and the screen is cracked", "quality"),
        ("The delivery was late and the courier was rude", "delivery"),
        ("I was overcharged, the price was higher than advertised", "price"),
        # no identifiable object: a complaint, but of nothing in particular
        ("差评！垃圾！", "other"),
        # no evidence at all
        ("今天天气不错", "other"),
        # positive remarks about delivery do not make a delivery complaint
        ("物流很快，但是味道太咸了", "quality"),
        # after-sales words win inside 售后服务, the service word inside it does not count
        ("售后服务太差，修了一个月还没修好", "after_sales"),
    ],
)
def test_category(analyzer: Analyzer, text: str, category: str) -> None:
    assert analyzer.analyze(text).category == category


@pytest.mark.parametrize(
    ("text", "is_complaint"),
    [
        ("质量太差了", True),
        ("差评", True),
        ("请问你们几点开门？", False),  # a question and nothing else
        ("你好", False),
        ("", False),
    ],
)
def test_is_complaint(analyzer: Analyzer, text: str, is_complaint: bool) -> None:
    assert analyzer.analyze(text).is_complaint is is_complaint


def test_no_evidence_gives_fallback_with_zero_confidence(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("嗯")
    assert (analysis.category, analysis.confidence, analysis.alternatives) == ("other", 0.0, ())


def test_clear_complaint_is_confident(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("送餐太慢了，一个多小时才到，饭都凉了")
    assert analysis.confidence >= analyzer.confidence_threshold


def test_mixed_complaint_names_the_main_one_and_offers_the_other(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("衣服质量太差，洗一次就破了，还掉色起球，而且快递慢")
    assert analysis.category == "quality"
    assert analysis.alternatives[0] == "delivery"
    assert analysis.confidence < analyzer.analyze("衣服质量太差，洗一次就破了").confidence


def test_weak_evidence_is_below_the_threshold(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("有点慢")
    assert analysis.category == "delivery"
    assert analysis.confidence < analyzer.confidence_threshold


def test_disabled_category_is_never_chosen() -> None:
    analyzer = Analyzer.load(NlpSettings(categories=("quality", "service", "delivery", "other")))
    analysis = analyzer.analyze("刚买完第二天就降价了")
    assert analysis.category == "other"
    assert analyzer.category_codes == ("quality", "service", "delivery", "other")


def test_confidence_threshold_comes_from_settings() -> None:
    assert Analyzer.load(NlpSettings(confidence_threshold=0.3)).confidence_threshold == 0.3
