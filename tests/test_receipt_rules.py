"""Receipt rules: cooling-off and return deadlines across holidays (hypothesis), the JSON form, checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reference.products import shipped_catalogue
from app.rules import limits
from app.rules import receipt as rules
from app.rules.receipt import ReceiptDoc, ScanRef, SignatureRef, check_receipt, from_json, to_json
from app.rules.working_days import is_working_day

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
TODAY = date(2026, 3, 20)
RECEIPT_ID, PROPOSAL_ID = "0b7e6c1a-3f2d-4e5a-9c8b-1d2e3f4a5b6c", "6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91"


def doc(**changes: Any) -> ReceiptDoc:
    signed = date(2026, 3, 18)
    base = ReceiptDoc(
        id=RECEIPT_ID, proposal_id=PROPOSAL_ID, policy_number="P2026000123", delivered_on=date(2026, 3, 17),
        signed_on=signed, cooling_off_days=15, cooling_off_ends_on=rules.cooling_off_ends(signed, 15),
        return_due_on=rules.return_due(signed), signature=SignatureRef("client", '{"v":1}'), scan=None,
    )  # fmt: skip
    return replace(base, **changes)


# ---- deadlines ------------------------------------------------------------------------------


def test_cooling_off_starts_the_next_day() -> None:
    assert rules.cooling_off_ends(date(2026, 3, 1), 15) == date(2026, 3, 16)
    # Holidays do not lengthen it: signed the day before National Day.
    assert rules.cooling_off_ends(date(2026, 9, 30), 15) == date(2026, 10, 15)


@given(DAYS, st.integers(min_value=rules.MIN_COOLING_OFF_DAYS, max_value=rules.MAX_COOLING_OFF_DAYS))
def test_cooling_off_period_has_exactly_its_days(signed: date, days: int) -> None:
    ends = rules.cooling_off_ends(signed, days)
    period = [signed + timedelta(days=n) for n in range(1, (ends - signed).days + 1)]
    assert len(period) == days and period[0] == signed + timedelta(days=1) and period[-1] == ends


def test_return_due_skips_national_day_and_counts_the_adjusted_saturday() -> None:
    # 1-7 October 2026 are holidays; Saturday 10 October is an adjusted working day.
    assert rules.return_due(date(2026, 9, 30)) == date(2026, 10, 10)
    assert rules.return_due(date(2026, 3, 18)) == date(2026, 3, 23)  # over a weekend


@given(DAYS)
def test_return_due_is_the_third_working_day_after_signing(signed: date) -> None:
    due = rules.return_due(signed)
    between = [signed + timedelta(days=n) for n in range(1, (due - signed).days + 1)]
    assert is_working_day(due)
    assert sum(is_working_day(d) for d in between) == 3
    assert due - signed <= timedelta(days=3 + 12)  # the longest holiday run plus its weekends


def test_cooling_off_days_come_from_the_product_catalogue() -> None:
    catalogue = shipped_catalogue()
    assert rules.cooling_off_days("ZX-EDU-2026", catalogue) == rules.DEFAULT_COOLING_OFF_DAYS == 15
    # The pension annuities sold to older clients keep the 20 days their codes always had.
    assert rules.cooling_off_days("GS-XXNJ", catalogue) == rules.cooling_off_days(" gs-flxz ", catalogue) == 20
    assert rules.cooling_off_days("", catalogue) == rules.cooling_off_days("NO-SUCH", catalogue) == 15
    product = catalogue.find("ZX-EDU-2026")
    assert product is not None
    longer = replace(catalogue, version=2, products=(replace(product, cooling_off_days=30),))
    assert rules.cooling_off_days("ZX-EDU-2026", longer) == 30


# ---- JSON -----------------------------------------------------------------------------------

TEXTS = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
OPTIONAL_DAYS = st.none() | st.dates(limits.FIRST_DAY, limits.LAST_DAY)
IDS = st.uuids().map(str)
SIGNATURES = st.builds(SignatureRef, st.just("client"), TEXTS)
SCANS = st.builds(
    ScanRef,
    st.sampled_from(rules.SCAN_MIMES),
    st.text("0123456789abcdef", min_size=64, max_size=64),
    st.integers(min_value=1, max_value=rules.MAX_SCAN_BYTES),
)
DOCS = st.builds(
    ReceiptDoc,
    IDS,
    IDS,
    TEXTS,
    OPTIONAL_DAYS,
    OPTIONAL_DAYS,
    st.integers(*limits.COOLING_OFF_DAYS),
    OPTIONAL_DAYS,
    OPTIONAL_DAYS,
    st.none() | SIGNATURES,
    st.none() | SCANS,
)


@given(DOCS)
def test_json_round_trip(receipt: ReceiptDoc) -> None:
    assert from_json(to_json(receipt)) == (receipt, [])


def test_json_shape() -> None:
    data = to_json(doc(signature=None, scan=ScanRef("application/pdf", "a" * 64, 1234)))
    assert data == {
        "id": RECEIPT_ID, "proposal_id": PROPOSAL_ID, "policy_number": "P2026000123", "delivered_on": "2026-03-17",
        "signed_on": "2026-03-18", "cooling_off_days": 15, "cooling_off_ends_on": "2026-04-02",
        "return_due_on": "2026-03-23", "signature": None,
        "scan": {"mime": "application/pdf", "sha256": "a" * 64, "size": 1234},
    }  # fmt: skip


@pytest.mark.parametrize(("change", "path", "code"), [
    ({"extra": 1}, "extra", "J002_unknown_field"),
    ({"signature": {"role": "client", "strokes_json": "", "png": ""}}, "signature.png", "J002_unknown_field"),
    ({"policy_number": 123}, "policy_number", "J003_wrong_type"),
    ({"cooling_off_days": True}, "cooling_off_days", "J003_wrong_type"),
    ({"signed_on": "2026-02-30"}, "signed_on", "J004_bad_date"),
    ({"signed_on": "18/03/2026"}, "signed_on", "J003_wrong_type"),
    ({"signature": {"role": "policyholder", "strokes_json": ""}}, "signature.role", "J005_bad_value"),
    ({"signature": None, "scan": {"mime": "image/gif", "sha256": "a" * 64, "size": 1}}, "scan.mime", "J005_bad_value"),
    ({"signature": None, "scan": {"mime": "image/png", "sha256": "A" * 64, "size": 1}}, "scan.sha256",
     "J005_bad_value"),
    ({"signature": None, "scan": {"mime": "image/png", "sha256": "a" * 64, "size": 0}}, "scan.size", "J005_bad_value"),
    ({"scan": "abc"}, "scan", "J003_wrong_type"),
])  # fmt: skip
def test_from_json_is_strict(change: dict[str, Any], path: str, code: str) -> None:
    parsed, problems = from_json({**to_json(doc()), **change})
    assert parsed is None
    assert [(p.field, p.code) for p in problems] == [(path, code)]
    assert problems[0].en and problems[0].zh_CN


@pytest.mark.parametrize(("change", "path", "code"), [
    ({"id": ""}, "id", "J005_bad_value"),
    ({"id": "../../../../etc/passwd"}, "id", "J005_bad_value"),
    ({"proposal_id": RECEIPT_ID.upper()}, "proposal_id", "J005_bad_value"),
    ({"proposal_id": "x" * 65}, "proposal_id", "J008_too_long"),
    ({"id": RECEIPT_ID[:-1] + "\x00"}, "id", "J006_bad_text"),
    ({"policy_number": "P2026\ud800"}, "policy_number", "J006_bad_text"),
    ({"policy_number": "P" * 65}, "policy_number", "J008_too_long"),
    ({"signature": {"role": "client", "strokes_json": "[" * 1_000_001}}, "signature.strokes_json", "J008_too_long"),
    ({"signed_on": "9999-12-31"}, "signed_on", "J007_out_of_range"),
    ({"delivered_on": "1899-12-31"}, "delivered_on", "J007_out_of_range"),
    ({"return_due_on": "2101-01-01"}, "return_due_on", "J007_out_of_range"),
    ({"cooling_off_days": 10**18}, "cooling_off_days", "J007_out_of_range"),
    ({"cooling_off_days": -1}, "cooling_off_days", "J007_out_of_range"),
    ({"signature": None, "scan": {"mime": "image/png", "sha256": "a" * 64, "size": 10**4299}}, "scan.size",
     "J007_out_of_range"),
])  # fmt: skip
def test_from_json_keeps_the_limits(change: dict[str, Any], path: str, code: str) -> None:
    parsed, problems = from_json({**to_json(doc()), **change})
    assert parsed is None
    assert [(p.field, p.code) for p in problems] == [(path, code)]
    assert problems[0].en.isascii()
    assert any("\u4e00" <= c <= "\u9fff" for c in problems[0].zh_CN)


def test_a_receipt_signed_on_9999_12_31_is_refused_not_crashed() -> None:
    """Its deadlines would overflow the calendar: the limits are checked before any rule computes them."""
    last = date(9999, 12, 31)
    refused = doc(signed_on=last, delivered_on=last, cooling_off_ends_on=None, return_due_on=None)
    assert [(p.field, p.code) for p in check_receipt(refused, TODAY)] == [
        ("delivered_on", "J007_out_of_range"),
        ("signed_on", "J007_out_of_range"),
    ]
    huge = doc(cooling_off_days=10**9)
    assert [(p.field, p.code) for p in check_receipt(huge, TODAY)] == [("cooling_off_days", "J007_out_of_range")]


def test_from_json_reports_every_missing_key() -> None:
    data = to_json(doc())
    del data["policy_number"], data["scan"]
    parsed, problems = from_json(data)
    assert parsed is None and {p.field for p in problems} == {"policy_number", "scan"}
    assert {p.code for p in problems} == {"J001_missing_field"}
    with pytest.raises(TypeError):
        from_json([])  # type: ignore[arg-type]  # the wrong type on purpose


# ---- checks ---------------------------------------------------------------------------------


def codes(receipt: ReceiptDoc) -> list[str]:
    return [p.code for p in check_receipt(receipt, TODAY)]


def test_a_complete_receipt_passes() -> None:
    assert codes(doc()) == []
    assert codes(doc(signature=None, scan=ScanRef("image/jpeg", "b" * 64, 10))) == []
    assert codes(doc(delivered_on=TODAY, signed_on=TODAY, cooling_off_ends_on=rules.cooling_off_ends(TODAY, 15),
                     return_due_on=rules.return_due(TODAY))) == []  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), [
    ({"policy_number": "  "}, ["R001_policy_number_required"]),
    ({"policy_number": "P" * 41}, ["R010_policy_number_too_long"]),
    ({"delivered_on": None}, ["R002_delivered_on_required"]),
    ({"delivered_on": TODAY + timedelta(days=1)}, ["R003_delivered_on_future", "R005_signed_before_delivery"]),
    ({"signed_on": None}, ["R004_signed_on_required"]),
    ({"delivered_on": date(2026, 3, 19)}, ["R005_signed_before_delivery"]),
    ({"signature": None}, ["R007_signature_or_scan"]),
    ({"scan": ScanRef("image/png", "c" * 64, 1)}, ["R007_signature_or_scan"]),
    ({"cooling_off_days": 14}, ["R008_cooling_off_days_range"]),
    ({"cooling_off_days": 61}, ["R008_cooling_off_days_range"]),
    ({"cooling_off_days": 20}, ["R009_deadlines_disagree"]),
    ({"return_due_on": None}, ["R009_deadlines_disagree"]),
])  # fmt: skip
def test_each_rule(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(doc(**changes)) == expected


def test_signed_in_the_future() -> None:
    tomorrow = TODAY + timedelta(days=1)
    receipt = doc(
        signed_on=tomorrow,
        cooling_off_ends_on=rules.cooling_off_ends(tomorrow, 15),
        return_due_on=rules.return_due(tomorrow),
    )
    assert codes(receipt) == ["R006_signed_on_future"]


@given(DAYS, DAYS)
def test_signing_before_delivery_is_always_refused(delivered: date, signed: date) -> None:
    receipt = doc(
        delivered_on=delivered,
        signed_on=signed,
        cooling_off_ends_on=rules.cooling_off_ends(signed, 15),
        return_due_on=rules.return_due(signed),
    )
    assert ("R005_signed_before_delivery" in codes(receipt)) == (signed < delivered)


# ---- scans ----------------------------------------------------------------------------------


def test_sniffing_reads_the_content_not_the_name() -> None:
    assert rules.sniff_mime(b"\x89PNG\r\n\x1a\n...") == "image/png"
    assert rules.sniff_mime(b"\xff\xd8\xff\xdb...") == "image/jpeg"
    assert rules.sniff_mime(b"%PDF-1.4") == "application/pdf"
    assert rules.sniff_mime(b"GIF89a") is None and rules.sniff_mime(b"") is None
    assert rules.mime_for_name("回执.JPG") == "image/jpeg"
    assert rules.mime_for_name("scan.pdf") == "application/pdf"
    assert rules.mime_for_name("scan") == rules.mime_for_name("scan.tiff") == ""
    assert rules.check_scan(b"%PDF-1.4", "application/pdf") == []
    assert [p.code for p in rules.check_scan(b"%PDF-1.4", "image/png")] == ["R014_scan_type_mismatch"]
