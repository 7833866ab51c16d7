"""The policy receipt as the client sees it above the pad: which policy, and the dates signing
starts — the cooling-off period's end and the day the paper must be back at the bank."""

from __future__ import annotations

from datetime import date

from app.rules import receipt as rules
from app.rules.signing_summary import SigningSummary, SummaryRow, aside, words


def _day(day: date, language: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if language == "zh_CN" else day.isoformat()


def receipt_summary(
    product_name: str, product_code: str, policy_number: str, signed_on: date, cooling_off_days: int, language: str
) -> SigningSummary:
    """Deadlines as `app.rules.receipt` computes them from the signing day typed so far."""
    product = (
        product_name + aside(language, product_code) if product_name and product_code else product_name or product_code
    )
    ends, due = rules.cooling_off_ends(signed_on, cooling_off_days), rules.return_due(signed_on)
    rows = (
        SummaryRow(words(language, "Policy number", "保单号"), policy_number or words(language, "not given", "未填写")),
        SummaryRow(words(language, "Product", "产品"), product),
        SummaryRow(words(language, "Signed on", "签收日期"), _day(signed_on, language)),
        SummaryRow(
            words(language, "Cooling-off ends", "犹豫期截止"),
            _day(ends, language)
            + aside(
                language,
                words(
                    language, f"{cooling_off_days} days from the day after signing", f"签收次日起{cooling_off_days}日"
                ),
            ),
        ),
        SummaryRow(words(language, "Receipt back to the bank by", "回执返还截止"), _day(due, language)),
    )
    return SigningSummary(words(language, "What you sign: the policy receipt", "签署内容：保单回执"), rows)
