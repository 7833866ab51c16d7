"""Head office's letters handled as the manual says (issue 19 item 2): the pure rules first
(each kind's due date and fields), then LetterService on a real profile."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.clients.records import ClientDraft
from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.headoffice.status import StatusUpdate
from app.rules import letters as rules
from app.rules.ids import ProposalId
from local_db import models
from tests.paperwork_helpers import PNG, finished_proposal, tiny, zigzag


@pytest.mark.parametrize("kind", rules.KINDS)
def test_every_kind_is_due_ten_days_after_issue(kind: str) -> None:
    assert rules.due_on(kind, date(2026, 4, 25)) == date(2026, 5, 5)
    assert rules.due_on(kind, date(2026, 12, 28)) == date(2027, 1, 7)


def test_an_unknown_kind_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.due_on("postcard", date(2026, 4, 25))
    assert "postcard" in caught.value.text("en")
    assert "未知的函件类型" in caught.value.text("zh_CN")
    with pytest.raises(InvalidInput):
        rules.check_fields("postcard", {})


def test_every_kind_has_its_own_fields() -> None:
    assert set(rules.FIELDS) == set(rules.KINDS)
    assert rules.FIELDS["medical_exam"] == ("hospital", "items", "exam_at")
    assert rules.FIELDS["investigation"] == ("investigator", "phone", "visit_at")
    assert rules.FIELDS["decision"] == ("conclusion", "extra_premium_cents", "exclusions", "rated_sum_insured_cents")
    assert rules.FIELDS["financial_evidence"] == rules.FIELDS["health_evidence"] == ("documents",)


def test_medical_exam_fields_are_cleaned_and_unknown_keys_dropped() -> None:
    cleaned = rules.check_fields(
        "medical_exam",
        {"hospital": "  市第一人民医院体检中心 ", "items": "血常规、心电图", "exam_at": "2026-05-02 9:30",
         "investigator": "not a medical field", "colour": "blue"},
    )  # fmt: skip
    assert cleaned == {"hospital": "市第一人民医院体检中心", "items": "血常规、心电图", "exam_at": "2026-05-02T09:30"}


def test_investigation_and_decision_fields_are_cleaned() -> None:
    assert rules.check_fields(
        "investigation", {"investigator": "王调查", "phone": "138 0013 8000", "visit_at": "2026-05-03T14:00:00"}
    ) == {"investigator": "王调查", "phone": "13800138000", "visit_at": "2026-05-03T14:00"}
    assert rules.check_fields(
        "decision",
        {"conclusion": "加费承保", "extra_premium_cents": "120,000", "exclusions": "", "rated_sum_insured_cents": "0"},
    ) == {"conclusion": "extra_premium", "extra_premium_cents": "120000", "rated_sum_insured_cents": "0"}
    assert rules.check_fields("decision", {"conclusion": "Standard"}) == {"conclusion": "standard"}
    assert rules.check_fields("problem", {"hospital": "x"}) == {}


@pytest.mark.parametrize(
    ("kind", "fields", "en", "zh"),
    [
        ("medical_exam", {"exam_at": "next Tuesday"}, "exam at", "体检时间"),
        ("medical_exam", {"exam_at": "2026-05-02"}, "date and time", "日期时间"),
        ("investigation", {"phone": "12345"}, "phone", "联系电话"),
        ("decision", {"extra_premium_cents": "-5"}, "extra premium cents", "加费金额"),
        ("decision", {"rated_sum_insured_cents": "12.5"}, "whole number", "非负整数"),
        ("decision", {"conclusion": "maybe"}, "conclusion", "核保结论"),
        ("financial_evidence", {"documents": "x" * 2001}, "longer than", "字符"),
        ("medical_exam", {"hospital": "bad\x00name"}, "control", "控制字符"),
    ],
)
def test_bad_values_are_refused_in_both_languages(kind: str, fields: dict[str, str], en: str, zh: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.check_fields(kind, fields)
    assert en in caught.value.text("en")
    assert zh in caught.value.text("zh_CN")


# ---- LetterService on a real profile -------------------------------------------------------

BEIJING = timezone(timedelta(hours=8))
ISSUED = datetime(2026, 4, 25, 2, 0, tzinfo=UTC)  # 10:00 in Beijing
EXAM = {"hospital": "市第一人民医院体检中心", "items": "血常规、心电图", "exam_at": "2026-04-28 09:00"}
DECISION = {"conclusion": "extra_premium", "extra_premium_cents": "120000", "exclusions": "既往症除外",
            "rated_sum_insured_cents": "50000000"}  # fmt: skip


def raise_letter(ctx: AppContext, proposal_id: ProposalId, kind: str, fields: dict[str, str]) -> str:
    """A letter raised on the status feed, as head office sends it; returns its laptop id."""
    remote_id = f"HQ-{kind}-{len(fields)}-{proposal_id[:6]}"
    extra = {"fields": fields} if "fields" in {f.name for f in dataclasses.fields(StatusUpdate)} else {}
    ctx.hq_status.apply(
        [StatusUpdate("proposal", proposal_id, "problem", ISSUED, problem_id=remote_id, problem_kind=kind,
                      reason="请按函件办理", **extra)]  # type: ignore[arg-type]
    )  # fmt: skip
    with ctx.store.sessions.begin() as session:
        letter = session.scalars(
            select(models.HeadOfficeLetter).where(models.HeadOfficeLetter.remote_id == remote_id)
        ).one()
        if not extra:  # the feed does not carry fields yet: store them as it would, checked
            letter.fields_json = json.dumps(rules.check_fields(kind, fields), ensure_ascii=False)
        return letter.id


@pytest.fixture
def linked_proposal(ctx: AppContext) -> ProposalId:
    """A finished proposal whose policyholder is linked to a client card (the insured is not)."""
    client_id = ctx.clients.save(ClientDraft(name="张伟", gender="M", mobile="13912345678")).client_id
    assert client_id is not None
    proposal_id = finished_proposal(ctx)
    with ctx.store.sessions.begin() as session:
        party = session.scalars(
            select(models.ProposalParty).where(
                models.ProposalParty.proposal_id == proposal_id, models.ProposalParty.role == "policyholder"
            )
        ).one()
        party.client_id = client_id
    return proposal_id


def test_a_letter_is_viewed_with_its_own_fields(ctx: AppContext, linked_proposal: ProposalId) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "decision", {**DECISION, "colour": "blue"})
    view = ctx.letters.view(letter_id)
    assert view.kind == "decision"
    assert view.fields == DECISION
    assert view.due_on == view.issued_on + timedelta(days=10)
    assert view.policyholder_name and view.insured_name
    assert view.decision is None and view.signatures == ()
    with pytest.raises(NotFound):
        ctx.letters.view("no-such-letter")


def _visits_of(ctx: AppContext, client_id: str) -> list[models.Visit]:
    with ctx.store.sessions() as session:
        rows = session.scalars(select(models.Visit).where(models.Visit.client_id == client_id)).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def _party_client(ctx: AppContext, proposal_id: str, role: str) -> str | None:
    with ctx.store.sessions() as session:
        return session.scalars(
            select(models.ProposalParty.client_id).where(
                models.ProposalParty.proposal_id == proposal_id, models.ProposalParty.role == role
            )
        ).one()


def test_booking_an_exam_makes_one_planner_visit_and_booking_again_moves_it(
    ctx: AppContext, linked_proposal: ProposalId
) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    client_id = _party_client(ctx, linked_proposal, "policyholder")
    assert client_id is not None
    starts = datetime(2026, 4, 28, 9, 0, tzinfo=BEIJING)
    visit_id = ctx.letters.book_exam(letter_id, starts, 90)

    visits = _visits_of(ctx, client_id)
    assert [v.id for v in visits] == [visit_id]
    assert visits[0].location == EXAM["hospital"]
    assert "体检" in visits[0].agenda and EXAM["hospital"] in visits[0].agenda
    # On the Planner and on that day's agenda
    planned = ctx.planner.between(date(2026, 4, 28), date(2026, 4, 28))
    assert [(v.id, v.minutes, v.starts_at.astimezone(BEIJING).hour) for v in planned] == [(visit_id, 90, 9)]
    view = ctx.letters.view(letter_id)
    assert view.visit_id == visit_id and view.visit_minutes == 90
    assert view.visit_starts_at == starts

    later = datetime(2026, 4, 30, 14, 30, tzinfo=BEIJING)
    assert ctx.letters.book_exam(letter_id, later, 60) == visit_id
    visits = _visits_of(ctx, client_id)
    assert len(visits) == 1
    assert visits[0].starts_at == later.astimezone(UTC) and visits[0].ends_at == (later + timedelta(hours=1))
    assert ctx.planner.between(date(2026, 4, 28), date(2026, 4, 28)) == []


def test_the_exam_goes_on_the_insureds_card_when_linked(ctx: AppContext, linked_proposal: ProposalId) -> None:
    insured = ctx.clients.save(ClientDraft(name="张小伟", gender="M", mobile="13812345678")).client_id
    with ctx.store.sessions.begin() as session:
        party = session.scalars(
            select(models.ProposalParty).where(
                models.ProposalParty.proposal_id == linked_proposal, models.ProposalParty.role == "insured"
            )
        ).one()
        party.client_id = insured
    letter_id = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    visit_id = ctx.letters.book_exam(letter_id, datetime(2026, 4, 28, 9, 0, tzinfo=BEIJING))
    assert insured is not None
    assert [v.id for v in _visits_of(ctx, insured)] == [visit_id]


def test_an_exam_is_refused_for_other_kinds_bad_times_and_unlinked_clients(
    ctx: AppContext, linked_proposal: ProposalId
) -> None:
    review = raise_letter(ctx, linked_proposal, "review", {"points": "签名确认"})
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.book_exam(review, datetime(2026, 4, 28, 9, 0, tzinfo=BEIJING))
    assert "体检通知函" in caught.value.text("zh_CN")
    exam = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    with pytest.raises(InvalidInput):
        ctx.letters.book_exam(exam, datetime(2026, 4, 28, 9, 0))  # no time zone
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.book_exam(exam, datetime(2026, 4, 28, 9, 0, tzinfo=BEIJING), 5)
    assert "分钟" in caught.value.text("zh_CN")
    unlinked = finished_proposal(ctx)
    orphan = raise_letter(ctx, unlinked, "medical_exam", EXAM)
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.book_exam(orphan, datetime(2026, 4, 28, 9, 0, tzinfo=BEIJING))
    assert "客户档案" in caught.value.text("zh_CN")
    assert ctx.letters.view(orphan).visit_id is None


def test_a_decision_is_signed_by_both_and_then_cannot_change(ctx: AppContext, linked_proposal: ProposalId) -> None:
    letter_id = raise_letter(ctx, linked_proposal, "decision", DECISION)
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.decide(letter_id, "accepted", (zigzag(), PNG), (tiny(), PNG))
    assert "被保险人" in caught.value.text("zh_CN")
    with pytest.raises(InvalidInput):
        ctx.letters.decide(letter_id, "maybe", (zigzag(), PNG), (zigzag(24), PNG))
    assert ctx.letters.view(letter_id).decision is None

    ctx.letters.decide(letter_id, "accepted", (zigzag(), PNG), (zigzag(24), PNG))
    view = ctx.letters.view(letter_id)
    assert view.decision == "accepted" and view.decided_at is not None
    assert view.signatures == ("policyholder", "insured")
    with ctx.store.sessions() as session:
        rows = session.scalars(select(models.Signature).where(models.Signature.letter_id == letter_id)).all()
        assert sorted((r.signer_role, r.signer_name) for r in rows) == sorted(
            [("policyholder", view.policyholder_name), ("insured", view.insured_name)]
        )
        assert all(r.proposal_id is None for r in rows)  # not mixed with the proposal's own signatures
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.decide(letter_id, "declined", (zigzag(), PNG), (zigzag(24), PNG))
    assert "不能更改" in caught.value.text("zh_CN")
    assert ctx.letters.view(letter_id).decision == "accepted"

    # the answer goes out with both signatures in its payload
    answer = ctx.answers.draft(letter_id)
    ctx.answers.save(answer.id, "客户接受核保结论")
    item_id = ctx.answers.send(answer.id)
    with ctx.store.sessions() as session:
        item = session.get(models.OutboxItem, item_id)
        assert item is not None
        payload = json.loads(item.payload_json)
    body = payload.get("document", payload)
    assert body["decision"] == "accepted"
    assert sorted(s["role"] for s in body["signatures"]) == ["insured", "policyholder"]


def test_a_decision_is_refused_on_another_kind(ctx: AppContext, linked_proposal: ProposalId) -> None:
    exam = raise_letter(ctx, linked_proposal, "medical_exam", EXAM)
    with pytest.raises(InvalidInput) as caught:
        ctx.letters.decide(exam, "accepted", (zigzag(), PNG), (zigzag(24), PNG))
    assert "核保通知函" in caught.value.text("zh_CN")
    with ctx.store.sessions() as session:
        assert session.scalars(select(models.Signature).where(models.Signature.letter_id == exam)).all() == []
