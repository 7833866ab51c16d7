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
