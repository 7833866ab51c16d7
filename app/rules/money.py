"""Amounts typed in yuan and kept in cents (分): integer arithmetic, so nothing is rounded."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation


def cents_from_text(text: str) -> int | None:
    """Yuan as typed (`1,234.5`, or `１２３４．５` from a Chinese input method) to cents;
    empty means not known. Raises ValueError for anything else, fractions of a fen included."""
    # NFKC turns full-width digits, points and commas into their ASCII forms.
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(text)
    return int(amount * 100)


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
