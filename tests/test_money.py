"""Amounts as managers write and read them: one parser, 大写金额, and 万元/亿元 at a glance."""

from __future__ import annotations

import pytest

from app.rules.money import capital_amount_text, cents_from_amount, cents_from_text, large_amount_text, yuan_text


@pytest.mark.parametrize(
    ("text", "cents"),
    [("20万", 20_000_000), ("1.5亿", 15_000_000_000), ("200,000", 20_000_000), ("¥3,000", 300_000),
     ("￥3,000.50元", 300_050), ("２０万", 20_000_000), ("１２３４．５", 123_450), ("", None)],
)  # fmt: skip
def test_every_amount_field_reads_the_same_way(text: str, cents: int | None) -> None:
    assert cents_from_amount(text) == cents
    assert cents_from_text(text) == cents  # the older name is the same parser


@pytest.mark.parametrize(
    ("cents", "capital"),
    [
        (0, "人民币零元整"),
        (5, "人民币伍分"),
        (50, "人民币伍角整"),
        (1050, "人民币壹拾元伍角整"),
        (1005, "人民币壹拾元零伍分"),
        (20_000_000, "人民币贰拾万元整"),
        (10_000_000_001, "人民币壹亿元零壹分"),
        (168_032, "人民币壹仟陆佰捌拾元叁角贰分"),
        (100_100, "人民币壹仟零壹元整"),
        (10_100_000, "人民币壹拾万壹仟元整"),
        (1_000_100, "人民币壹万零壹元整"),
        (10_001_000_000, "人民币壹亿零壹万元整"),
        (10_010_000_000, "人民币壹亿零壹拾万元整"),
        (100_000_010_000, "人民币壹拾亿零壹佰元整"),
        (123_456_789_012_345, "人民币壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分"),
        (-1000, "人民币负壹拾元整"),
    ],
)
def test_capital_amounts_and_their_zero_rules(cents: int, capital: str) -> None:
    assert capital_amount_text(cents) == capital


@pytest.mark.parametrize(
    ("cents", "zh", "en"),
    [
        (None, "", ""),
        (0, "0.00 元", "0.00 yuan"),
        (999_999, "9,999.99 元", "9,999.99 yuan"),
        (1_000_000, "1 万元", "10,000.00 yuan"),
        (234_567_800, "234.57 万元", "2.35 million yuan"),
        (9_999_999_999, "10,000 万元", "100 million yuan"),
        (10_000_000_000, "1 亿元", "100 million yuan"),
        (179_600_000_000, "17.96 亿元", "1.8 billion yuan"),
        (-250_000_000, "-250 万元", "-2.5 million yuan"),
    ],
)
def test_large_amounts_in_wan_and_yi(cents: int | None, zh: str, en: str) -> None:
    assert large_amount_text(cents, "zh_CN") == zh
    assert large_amount_text(cents, "en") == en


def test_grouped_text_reads_back() -> None:
    assert yuan_text(20_000_000) == "200,000.00"
    assert cents_from_amount(yuan_text(10_000_000_001)) == 10_000_000_001
