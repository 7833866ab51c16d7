"""Amounts typed in yuan and kept in cents (分): integer arithmetic, so nothing is rounded."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation


def cents_from_text(text: str) -> int | None:
    """Yuan as typed, to cents; the same reading as `cents_from_amount` (one parser for every
    amount field: `1,234.5`, `１２３４．５`, `20万`, `¥3,000`). Empty means not known; raises
    ValueError for anything else, fractions of a fen included."""
    return cents_from_amount(text)


def yuan_text(cents: int | None, grouping: bool = True) -> str:
    """`123456789` → `1,234,567.89` (or `1234567.89` without grouping); None → ``."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{fraction:02d}" if grouping else f"{sign}{whole}.{fraction:02d}"


# The units a manager writes an amount in (“20万”, “3千元”); the 元 itself is dropped.
AMOUNT_UNITS = {"亿": 100_000_000, "万": 10_000, "千": 1_000}
AMOUNT_LIMIT = Decimal(10) ** 15


def cents_from_amount(text: str) -> int | None:
    """An amount as a manager writes it — `200000`, `20万`, `1.5 万元`, `¥3,000`, `３千` — to cents;
    empty means not known. Raises ValueError for anything else, a fraction of a fen included."""
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").lstrip("¥￥")
    cleaned = cleaned.removesuffix("元").removesuffix("圆")
    factor = 1
    if cleaned and cleaned[-1] in AMOUNT_UNITS:
        cleaned, factor = cleaned[:-1], AMOUNT_UNITS[cleaned[-1]]
        if not cleaned:
            raise ValueError(text)
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned) * factor
        # Beyond any premium (10¹⁵ yuan) is a typing slip, and would not quantize anyway.
        if not amount.is_finite() or abs(amount) >= AMOUNT_LIMIT or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    return int(amount * 100)


# --- 大写金额: the amount in capital numerals, as a proposal or a cheque writes it ------------

CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CAPITAL_PLACES = ("仟", "佰", "拾", "")
WAN, YI = 10_000, 100_000_000


def _capital_below_wan(n: int) -> str:
    """1…9999: zeros inside collapse to one 零, zeros at the end are not written (1010 → 壹仟零壹拾)."""
    text, zero = "", False
    for digit, place in zip(f"{n:04d}", CAPITAL_PLACES, strict=True):
        if digit == "0":
            zero = bool(text)
            continue
        text += ("零" if zero else "") + CAPITAL_DIGITS[int(digit)] + place
        zero = False
    return text


def _capital_whole(n: int) -> str:
    """A whole number of yuan above 0: sections of 亿 and 万; a section starting with zeros is
    joined by one 零 (100000001 → 壹亿零壹), an empty section is left out (壹亿元)."""
    for size, unit in ((YI, "亿"), (WAN, "万")):
        if n >= size:
            high, low = divmod(n, size)
            text = _capital_whole(high) + unit
            if low:
                text += ("零" if low < size // 10 else "") + _capital_whole(low)
            return text
    return _capital_below_wan(n)


def capital_amount_text(cents: int) -> str:
    """大写金额 as a form writes it: `20000000` → `人民币贰拾万元整`, `5` → `人民币伍分`,
    `1050` → `人民币壹拾元伍角整`, `10000000001` → `人民币壹亿元零壹分`.

    整 closes an amount without 分; a missing 角 between 元 and 分 is written 零."""
    sign = "负" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    jiao, fen = divmod(rest, 10)
    if whole == 0 and rest == 0:
        return "人民币零元整"
    text = f"{_capital_whole(whole)}元" if whole else ""
    if jiao:
        text += CAPITAL_DIGITS[jiao] + "角"
    elif fen and whole:
        text += "零"
    text += CAPITAL_DIGITS[fen] + "分" if fen else "整"
    return f"人民币{sign}{text}"


# --- large amounts in 万元 / 亿元, as the manuals write deposits and assets -----------------


def _scaled(cents: int, unit_cents: int) -> str:
    """`cents` in `unit_cents`, rounded half up to two decimals, trailing zeros dropped."""
    value = (Decimal(cents) / unit_cents).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def large_amount_text(cents: int | None, language: str = "zh_CN") -> str:
    """An amount at a glance: `179600000000` → `17.96 亿元`, `2345678` → `2.35 万元`, below 10,000
    yuan in full (`3,000.00 元`). English says million / billion (`1.8 billion yuan`). None → ``."""
    if cents is None:
        return ""
    size = abs(cents)
    if language == "zh_CN":
        if size >= YI * 100:
            return f"{_scaled(cents, YI * 100)} 亿元"
        if size >= WAN * 100:
            return f"{_scaled(cents, WAN * 100)} 万元"
        return f"{yuan_text(cents)} 元"
    if size >= 10**9 * 100:
        return f"{_scaled(cents, 10**9 * 100)} billion yuan"
    if size >= 10**6 * 100:
        return f"{_scaled(cents, 10**6 * 100)} million yuan"
    return f"{yuan_text(cents)} yuan"
