"""What each signer is shown above the pad: the document's gist, in the screen's language,
with names and masked ID numbers only."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from app.context import AppContext
from app.handover.records import APPLICATION_MATERIALS, HandoverItemView, HandoverView
from app.handover.summary import handover_summary
from app.proposals.summary import proposal_summary
from app.receipts.summary import receipt_summary
from app.rules.ids import HandoverId, OutletId, ProposalId
from app.rules.proposal import BeneficiaryDoc
from app.rules.signing_summary import SigningSummary
from tests.paperwork_helpers import PNG, finished_proposal, sample_doc

PROPOSAL_ID = "6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91"
SECRETS = ("110105198506120253", "110105201609030140", "110105198702030626", "13812345678", "13911112222",
           "6222020200112345678", "建国路")  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def no_secrets(summary: SigningSummary) -> None:
    text = summary.text()
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_proposal_summary_names_product_amounts_payment_and_people_in_chinese() -> None:
    summary = proposal_summary(sample_doc(PROPOSAL_ID), "zh_CN")
    text = summary.text()
    assert summary.title == "签署内容：投保单"
    for expected in ("产品: 鑫享未来少儿教育年金保险（ZX-EDU-2026）", "保险费: 10,000.00 元", "保险金额: 300,000.00 元",
                     "缴费方式: 期交，10年", "投保人: 张伟 · 居民身份证 110105********0253",
                     "被保险人: 张小雨 · 居民身份证 110105********0140 · 投保人的子女",
                     "身故受益人: 张伟（父母） · 居民身份证 110105********0253 · 第1顺序，份额 60%",
                     "  李娜（父母） · 居民身份证 110105********0626 · 第1顺序，份额 40%"):  # fmt: skip
        assert expected in text, (expected, text)
    no_secrets(summary)
    # A Chinese screen reads no English word; the product code is the one Latin it keeps.
    assert LATIN_WORD.findall(text.replace("ZX-EDU-2026", "")) == []


def test_the_proposal_summary_in_english() -> None:
    doc = replace(sample_doc(PROPOSAL_ID), payment_mode="single", payment_years=None, relation="self",
                  beneficiaries=(BeneficiaryDoc(True, "", None, "resident_id", "", 1, 10000),))  # fmt: skip
    text = proposal_summary(doc, "en").text()
    for expected in ("Premium: 10,000.00 yuan", "Sum insured: 300,000.00 yuan", "Payment: single premium",
                     "Insured: the policyholder", "Death beneficiaries: legal heirs", "(in words: 人民币壹万元整)",
                     "Policyholder: 张伟 · Resident ID card 110105********0253"):  # fmt: skip
        assert expected in text, (expected, text)
    assert "张小雨" not in text  # the insured is the policyholder: only one person is named


def test_a_blank_draft_says_what_is_missing_rather_than_showing_nothing() -> None:
    doc = replace(sample_doc(PROPOSAL_ID), premium_cents=None, payment_mode=None, product_code="", product_name="")
    text = proposal_summary(doc, "zh_CN").text()
    assert "产品: 未选择" in text and "保险费: 未填写" in text and "缴费方式: 未填写" in text


def test_odd_shares_keep_their_fraction() -> None:
    third = BeneficiaryDoc(False, "王五", "child", "passport", "E12345678", 2, 3333)
    text = proposal_summary(replace(sample_doc(PROPOSAL_ID), beneficiaries=(third,)), "zh_CN").text()
    assert "王五（子女） · 护照 *******78 · 第2顺序，份额 33.33%" in text
    assert "E12345678" not in text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_receipt_summary_gives_policy_product_and_deadlines(language: str) -> None:
    summary = receipt_summary("鑫享未来少儿教育年金保险", "ZX-EDU-2026", "P2026000123", date(2026, 3, 20), 15, language)
    text = summary.text()
    product = (
        "鑫享未来少儿教育年金保险（ZX-EDU-2026）" if language == "zh_CN" else "鑫享未来少儿教育年金保险 (ZX-EDU-2026)"
    )
    assert "P2026000123" in text and product in text
    if language == "zh_CN":
        # 15 days from the day after signing; 3 working days after a Friday is the Wednesday.
        for expected in ("签收日期: 2026年3月20日", "犹豫期截止: 2026年4月4日（签收次日起15日）",
                         "回执返还截止: 2026年3月25日"):  # fmt: skip
            assert expected in text, (expected, text)
        assert LATIN_WORD.findall(text.replace("ZX-EDU-2026", "").replace("P2026000123", "")) == []
    else:
        assert "Cooling-off ends: 2026-04-04 (15 days from the day after signing)" in text
        assert "Receipt back to the bank by: 2026-03-25" in text


def handover_view() -> HandoverView:
    items = tuple(
        HandoverItemView(
            n, ProposalId(f"p{n}"), None, f"投保单（鑫享未来少儿教育年金保险，{name}）", name, "鑫享", "", n
        )
        for n, name in ((1, "张伟"), (2, "李娜"))
    )
    return HandoverView(
        id=HandoverId("5c0ffee0-0000-4000-8000-000000000000"), kind=APPLICATION_MATERIALS, day=date(2026, 3, 20),
        outlet_id=OutletId("o"), outlet_code="BJ-JGM", outlet_name="建国门支行", teller_name="刘柜员",
        manager_name="王芳", manager_code="BJ0107", status="draft", signed_at=None, items=items, signatures=(),
    )  # fmt: skip


def test_the_handover_summary_lists_every_document_and_its_copies() -> None:
    text = handover_summary(handover_view(), "zh_CN").text()
    for expected in ("清单: 投保资料 · 2026-03-20", "移交人: 王芳", "接收人: 刘柜员",
                     "交接文件: 1. 投保单（鑫享未来少儿教育年金保险，张伟） — 1份",
                     "  2. 投保单（鑫享未来少儿教育年金保险，李娜） — 2份", "合计: 2件，共3份"):  # fmt: skip
        assert expected in text, (expected, text)
    english = handover_summary(handover_view(), "en").text()
    assert "1 copy" in english and "2 copies" in english and "Received by: 刘柜员" in english


def test_a_finished_proposal_gives_its_signature_images_policyholder_first(ctx: AppContext) -> None:
    proposal_id = finished_proposal(ctx)
    signatures = ctx.proposal_records.signatures(proposal_id)
    assert [(s.role, s.name) for s in signatures] == [("policyholder", "张伟"), ("insured", "张小雨")]
    assert all(s.png == PNG and s.strokes_json.startswith('{"v":1') for s in signatures)
    assert ctx.proposal_records.signatures(ctx.proposals.new_draft()) == ()
