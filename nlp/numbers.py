"""Numbers written with digits or Chinese numerals: 399, 1.5, 三百, 一千二, 两万, 十几."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "几": 1,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_TEN_THOUSAND = 10000
_DECIMAL_MARK = "点"


def _chinese_integer(text: str) -> int | None:
    total = section = number = 0
    last_unit = 0
    after_unit = False
    for ch in text:
        if ch in _DIGITS:
            number, after_unit = _DIGITS[ch], False
        elif ch in _SMALL_UNITS:
            last_unit = _SMALL_UNITS[ch]
            section += (number or 1) * last_unit
            number, after_unit = 0, True
        elif ch == "万":
            total += (section + number) * _TEN_THOUSAND
            section = number = last_unit = 0
            after_unit = True
        else:
            return None
    if number and not after_unit and last_unit >= 100 and text[-2] in _SMALL_UNITS:
        number *= last_unit // 10  # 一千二 = 1200: the trailing digit takes the next unit down
    return total + section + number


def _chinese_fraction(text: str) -> str | None:
    digits = [_DIGITS.get(ch) for ch in text]
    if not digits or any(d is None for d in digits):
        return None
    return "".join(str(d) for d in digits)


def parse_number(text: str) -> Decimal | None:
    """The value of ``text``, or None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        pass
    else:
        return value if value.is_finite() else None
    whole, _, fraction = text.partition(_DECIMAL_MARK)
    integer = _chinese_integer(whole) if whole else None
    if integer is None:
        return None
    if not fraction:
        return Decimal(integer)
    decimals = _chinese_fraction(fraction)
    return None if decimals is None else Decimal(f"{integer}.{decimals}")


def format_decimal(value: Decimal) -> str:
    """``Decimal("12000.0")`` -> ``"12000"``, ``Decimal("1.50")`` -> ``"1.5"``."""
    return format(value.normalize(), "f")
