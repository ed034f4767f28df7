"""Slots: the details a complaint mentions, so the bot does not ask for them again."""

from __future__ import annotations

import pytest

from nlp import Analyzer, Slots


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("订单号：JD20261120001234，一直没发货", Slots(order_no="JD20261120001234")),
        ("订单 202611150001 的东西坏了", Slots(order_no="202611150001")),
        ("order number 7788990011 never arrived", Slots(order_no="7788990011")),
        ("我的电话是13812345678，请尽快联系", Slots(phone="13812345678")),
        ("打138-1234-5678找我", Slots(phone="13812345678")),
        ("座机 021-65432100", Slots(phone="02165432100")),
        # an 11-digit mobile number is no order number
        ("手机号 15900001111", Slots(phone="15900001111")),
        ("花了399元", Slots(amount="399")),
        ("￥399.50", Slots(amount="399.5")),
        ("三百块", Slots(amount="300")),
        ("损失1.2万元", Slots(amount="12000")),
        ("paid $25", Slots(amount="25")),
        # a count of dishes is no money
        ("点了三份饭", Slots()),
        ("2026-11-20买的", Slots(dates=("2026-11-20",))),
        ("2026年11月2日下单", Slots(dates=("2026-11-02",))),
        ("11月20日下单，昨天才到", Slots(dates=("11月20日", "昨天"))),
        ("2026-02-30 这个日期不存在", Slots()),
        ("热水器XR-500用了一周就坏", Slots(product="热水器 XR-500")),
        ("iPhone 15 屏幕有坏点", Slots(product="iPhone 15")),
        ("洗衣机不脱水", Slots(product="洗衣机")),
        ("在万达广场苏宁店买的", Slots(store="万达广场苏宁店")),
        ("这家店太差了", Slots()),
        ("我要退款", Slots(remedy=("refund",))),
        ("先维修，修不好就换货", Slots(remedy=("repair", "exchange"))),
        ("要求赔偿并且道歉", Slots(remedy=("compensation", "apology"))),
        ("不要退款，换货就行", Slots(remedy=("exchange",))),
        ("帮我修一下", Slots(remedy=("repair",))),
        # 修 inside 修改 is no repair
        ("我想修改收货地址", Slots()),
        ("I want a refund or a replacement", Slots(remedy=("refund", "exchange"))),
        # the remedy after "not" / "instead of" / 不是 is refused, not wanted
        ("I want a refund, not a replacement", Slots(remedy=("refund",))),
        ("Repair it instead of a refund please", Slots(remedy=("repair",))),
        ("我要退款，不是换货", Slots(remedy=("refund",))),
        ("我要的是维修而不是退款", Slots(remedy=("repair",))),
        ("My order number is 2023112012345", Slots(order_no="2023112012345")),
        ("order no. 12345678", Slots(order_no="12345678")),
        ("Order #A1234567 arrived broken", Slots(order_no="A1234567")),
        ("订单编号：123456789", Slots(order_no="123456789")),
        ("单号SF1234567890", Slots(order_no="SF1234567890")),
        ("单号是 7788990011", Slots(order_no="7788990011")),
        # a relative day alone is no date slot; one attached to what happened is
        ("今天天气不错", Slots()),
        ("今天心情不好", Slots()),
        ("昨天买的", Slots(dates=("昨天",))),
        ("上周收到的货", Slots(dates=("上周",))),
        ("前天下的单，今天还没发货", Slots(dates=("前天", "今天"))),
        ("I bought it yesterday", Slots(dates=("yesterday",))),
        ("it is a nice day today", Slots()),
    ],
)
def test_slots(analyzer: Analyzer, text: str, expected: Slots) -> None:
    assert analyzer.analyze(text).slots == expected


def test_all_slots_in_one_message(analyzer: Analyzer) -> None:
    text = (
        "订单号123456789012，电话13812345678，在万达广场苏宁店花了399元买的热水器，昨天漏水，要退货"
    )
    assert analyzer.analyze(text).slots.as_dict() == {
        "order_no": "123456789012",
        "phone": "13812345678",
        "amount": "399",
        "dates": ["昨天"],
        "product": "热水器",
        "store": "万达广场苏宁店",
        "remedy": ["refund"],
    }
