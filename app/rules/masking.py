"""Masks for ID and phone numbers wherever they are listed, logged or printed."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def mask_id_number(value: str | None) -> str:
    """`110105199001011234` → `110105********1234`: region and last four stay readable.

    Shorter documents (passports, military IDs) keep only their last two characters.
    """
    if not value:
        return ""
    if len(value) < 15:
        return "*" * (len(value) - 2) + value[-2:] if len(value) > 4 else "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """`13812345678` → `138****5678`; landlines keep area code and last four."""
    if not value:
        return ""
    digits = value if value.isdigit() else _DIGITS.sub("", value)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
