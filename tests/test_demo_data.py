"""The demo-data generator: realistic, valid, deterministic, and never mixed into real data."""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.context import AppContext
from app.day.summaries import SummaryService
from app.day.today import WITHDRAWN_REASON
from app.demo import DemoSummary, generate
from app.demo.common import SHANGHAI_OFFSET
from app.demo.paperwork_loop import last_sync
from app.errors import BranchDeskError, Cancelled, InvalidInput
from app.headoffice.attachments import check_file, reference_entry
from app.headoffice.letters import EXAM_CHECKLIST, EXAM_PURPOSE
from app.headoffice.service import LAST_SUCCESS_KEY
from app.proposals.paper import check_form_number
from app.proposals.requests import CHANGE_FIELDS
from app.proposals.service import outbox_payload
from app.receipts.service import PICKED_UP_FROM
from app.reference.products import shipped_catalogue
from app.rules import letters as letter_rules
from app.rules import paper_review
from app.rules import receipt as receipt_rules
from app.rules.id_numbers import parse_resident_id
from app.rules.ids import ClientId, ProposalId
from app.rules.proposal import canonical_text, content_hash
from app.rules.proposal import from_json as proposal_from_json
from app.rules.proposal_rules import check_proposal
from app.rules.signature import check_signature
from app.rules.signature import from_json as signature_from_json
from app.rules.working_days import add_working_days, is_working_day
from app.sales_forms.calls import OUTCOME_ZH
from app.sales_forms.needs import NeedsInputs, figures
from local_db import models
from sync import wire

TODAY = date(2025, 6, 18)
CLIENTS = 2_000
SHANGHAI = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, DemoSummary]]:
    ctx = AppContext.open(tmp_path_factory.mktemp("demo") / "data")
    summary = generate(ctx.store, clients=CLIENTS, seed=3, today=TODAY, worklog_days=30)
    yield ctx, summary
    ctx.close()


def _rows(ctx: AppContext, sql: str, **params: Any) -> list[Any]:
    with ctx.store.engine.connect() as connection:
        return list(connection.execute(text(sql), params))


def _count(ctx: AppContext, model: type[Any]) -> int:
    with ctx.store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _dump(ctx: AppContext, tables: tuple[str, ...]) -> dict[str, list[Any]]:
    return {table: _rows(ctx, f"SELECT * FROM {table} ORDER BY id") for table in tables}


def test_summary_matches_what_was_written(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, summary = book
    assert summary.clients == _count(ctx, models.Client) == CLIENTS
    assert summary.outlets == _count(ctx, models.Outlet) == 3  # the minimum for a small book
    assert summary.visits == _count(ctx, models.Visit) > 0
    assert summary.worklog_entries == _count(ctx, models.WorkLogEntry) > 0
    assert summary.proposals == _count(ctx, models.Proposal) == 61  # 60 typed in and one on paper
    assert summary.receipts == _count(ctx, models.Receipt) > 0
    # The 41 finished proposals, the receipts, one answer to a letter and one change request.
    assert summary.outbox_items == _count(ctx, models.OutboxItem) == 41 + summary.receipts + 2
    for model in (
        models.FamilyMember,
        models.ProductHolding,
        models.ImportantDate,
        models.ClientTag,
        models.OutletStaff,
        models.Competitor,
        models.OutletStockItem,
        models.VisitSeries,
        models.DailyPlan,
        models.Signature,
        models.HandoverList,
        models.HeadOfficeLetter,
        models.LetterAnswer,
        models.ProposalRequest,
        models.Attachment,
    ):
        assert _count(ctx, model) > 0, model.__tablename__
    manager = ctx.settings.manager()
    assert manager.name and manager.code and manager.phone
    assert _rows(ctx, "SELECT 1 FROM outlets WHERE code = :code", code=manager.outlet_code)


def test_every_resident_id_is_valid_and_matches_the_card(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    rows = _rows(ctx, "SELECT id_type, id_number, birth_date, gender FROM clients")
    residents = [r for r in rows if r.id_type == "resident_id"]
    assert len(residents) > CLIENTS * 0.97
    assert {r.id_type for r in rows} <= {"resident_id", "passport"}
    for row in residents:
        parsed = parse_resident_id(row.id_number)
        assert (parsed.birth_date.isoformat(), parsed.gender) == (row.birth_date, row.gender)
    parties = _rows(ctx, "SELECT id_number, birth_date, gender FROM proposal_parties")
    for row in parties:
        parsed = parse_resident_id(row.id_number)
        assert (parsed.birth_date.isoformat(), parsed.gender) == (row.birth_date, row.gender)


def test_ids_and_mobiles_are_unique_and_well_formed(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    rows = _rows(ctx, "SELECT id, id_number, mobile, name, name_pinyin, name_initials FROM clients")
    assert len({r.id_number for r in rows}) == len(rows)
    assert len({r.mobile for r in rows}) == len(rows)
    assert all(re.fullmatch(r"1[3-9]\d{9}", r.mobile) for r in rows)
    assert all(uuid.UUID(r.id).version == 4 for r in rows)
    for row in rows:
        assert re.fullmatch(r"[a-z]+", row.name_pinyin), row
        assert re.fullmatch(r"[a-z]+", row.name_initials) and len(row.name_initials) == len(row.name)
    assert any(r.name_pinyin == "wang" + r.name_pinyin[4:] for r in rows if r.name.startswith("王"))


def test_tiers_and_assets_are_consistent(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    tiers = {
        r.tier: r for r in _rows(ctx, "SELECT tier, COUNT(*) AS n, MIN(assets_cents) AS low FROM clients GROUP BY tier")
    }
    assert 0.6 < tiers["ordinary"].n / CLIENTS < 0.8
    assert tiers["private"].low >= 800_000_000  # private banking starts at 8,000,000 CNY
    blacklisted = _rows(ctx, "SELECT blacklist_reason FROM clients WHERE blacklisted")
    assert 0 < len(blacklisted) < CLIENTS * 0.03 and all(r.blacklist_reason for r in blacklisted)


def test_next_maturity_is_the_earliest_future_product_maturity(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    mismatched = _rows(
        ctx,
        """
        SELECT c.id FROM clients c
        WHERE c.next_maturity_on IS NOT (
            SELECT MIN(p.maturity_on) FROM client_products p
            WHERE p.client_id = c.id AND p.maturity_on >= :today)
    """,
        today=TODAY.isoformat(),
    )
    assert mismatched == []


def test_beneficiary_shares_add_up_per_order(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    shares: dict[tuple[str, int], int] = defaultdict(int)
    for row in _rows(
        ctx,
        "SELECT proposal_id, benefit_order, share_basis_points, legal_heirs FROM proposal_beneficiaries",
    ):
        if row.legal_heirs:
            continue
        shares[(row.proposal_id, row.benefit_order)] += row.share_basis_points
    assert shares and set(shares.values()) == {10000}
    without = _rows(
        ctx,
        "SELECT id FROM proposals WHERE source = 'app' AND id NOT IN (SELECT proposal_id FROM proposal_beneficiaries)",
    )
    assert without == []


def test_proposal_parties_follow_the_application_rules(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    parties = _rows(
        ctx,
        """
        SELECT p.application_date, h.birth_date AS holder_birth, i.birth_date AS insured_birth,
               i.relation_to_policyholder AS relation, h.client_id
        FROM proposals p
        JOIN proposal_parties h ON h.proposal_id = p.id AND h.role = 'policyholder'
        JOIN proposal_parties i ON i.proposal_id = p.id AND i.role = 'insured'
        WHERE p.source = 'app'
    """,
    )
    assert len(parties) == 60
    for row in parties:
        applied = date.fromisoformat(row.application_date)
        assert _age(date.fromisoformat(row.holder_birth), applied) >= 18 and row.client_id
        if row.relation != "self":
            insured_birth = date.fromisoformat(row.insured_birth)
            assert applied - insured_birth >= timedelta(days=28)
            assert _age(insured_birth, applied) <= 65


def test_finished_proposals_are_hashed_signed_and_queued(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    proposals = _rows(ctx, "SELECT id, status, content_hash, finished_at FROM proposals WHERE source = 'app'")
    finished = [p for p in proposals if p.status == "finished"]
    assert len(finished) == 40 and all(p.content_hash is None for p in proposals if p.status == "draft")
    items = {r.record_id: r for r in _rows(ctx, "SELECT * FROM outbox")}
    for proposal in finished:
        item = items[proposal.id]
        assert item.kind == "proposal" and item.depends_on_id is None
        # The same document, hash and payload the app's own finish writes, and a valid form.
        payload = json.loads(item.payload_json)
        assert payload.pop("content_hash") == proposal.content_hash
        assert content_hash(payload) == proposal.content_hash
        doc, problems = proposal_from_json(payload["proposal"])
        assert problems == [] and doc is not None and doc.id == proposal.id
        assert check_proposal(doc, shipped_catalogue()) == []  # the catalogue's rules too
    signatures = _rows(
        ctx,
        "SELECT proposal_id, signer_role, strokes_json, png FROM signatures WHERE proposal_id IS NOT NULL",
    )
    assert {(s.proposal_id, s.signer_role) for s in signatures} == {
        (p.id, role) for p in finished for role in ("policyholder", "insured")
    }
    for signature in signatures:
        assert signature.png.startswith(b"\x89PNG")
        strokes = signature_from_json(signature.strokes_json)
        assert check_signature(strokes) == [] and strokes.strokes[0].device == "pen"


def test_receipts_follow_cooling_off_and_return_rules(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    items = {r.record_id: r for r in _rows(ctx, "SELECT * FROM outbox")}
    products = dict(_rows(ctx, "SELECT id, product_code FROM proposals"))
    for receipt in _rows(ctx, "SELECT * FROM receipts"):
        signed = date.fromisoformat(receipt.signed_on)
        assert TODAY - timedelta(days=9) <= signed <= TODAY and receipt.status == "signed"
        days = receipt_rules.cooling_off_days(products[receipt.proposal_id], shipped_catalogue())
        assert receipt.cooling_off_days == days
        # The period starts the day after signing, so it ends exactly `days` after it.
        assert date.fromisoformat(receipt.cooling_off_ends_on) == signed + timedelta(days=days)
        assert date.fromisoformat(receipt.return_due_on) == add_working_days(signed, 3)
        item = items[receipt.id]
        assert item.kind == "receipt" and item.depends_on_id == items[receipt.proposal_id].id
        assert item.seq > items[receipt.proposal_id].seq
        # The document ReceiptService.sign would write, and one the rules accept.
        payload = json.loads(item.payload_json)
        assert payload.pop("content_hash") == receipt.content_hash == content_hash(payload)
        doc, problems = receipt_rules.from_json(payload["receipt"])
        assert problems == [] and doc is not None
        assert receipt_rules.check_receipt(doc, TODAY) == []


def test_outbox_is_in_creation_order_with_what_came_before_the_last_sync_sent(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        items = session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq)).all()
    assert [i.seq for i in items] == list(range(1, len(items) + 1))
    assert [i.created_at for i in items] == sorted(i.created_at for i in items)
    statuses = [i.status for i in items]
    sent = statuses.count("sent")
    assert 0 < sent < len(items) and statuses == ["sent"] * sent + ["pending"] * (len(items) - sent)
    synced = last_sync(TODAY)
    assert ctx.settings.get(LAST_SUCCESS_KEY) == synced.isoformat()  # the status bar's last sync
    for item in items:
        assert (item.status == "sent") == (item.created_at < synced)
        assert item.sent_at is None or item.created_at <= item.sent_at <= synced


def test_visits_and_log_sit_in_working_hours_on_working_days(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        visits = session.scalars(select(models.Visit)).all()
        log = session.scalars(select(models.WorkLogEntry)).all()
        effective_calls = {
            c.worklog_id
            for c in session.scalars(select(models.CallRecord))
            if c.status == "done" and c.outcome in ("appointment", "clear_answer")
        }
        item = models.VisitChecklistItem
        checklists: dict[str, int] = dict(
            session.execute(select(item.visit_id, func.count()).group_by(item.visit_id)).tuples().all()
        )
    for visit in visits:
        start, end = visit.starts_at.astimezone(SHANGHAI), visit.ends_at.astimezone(SHANGHAI)
        assert start.tzinfo is not None and start.date() == end.date()
        assert 9 * 60 <= start.hour * 60 + start.minute < end.hour * 60 + end.minute <= 17 * 60
        assert TODAY - timedelta(days=21) <= start.date() <= TODAY + timedelta(days=14)
        assert (visit.status == "planned") == (start.date() >= TODAY)
        assert 3 <= checklists[visit.id] <= 6
        assert is_working_day(start.date()) or visit.series_id is not None
    assert {v.occurrence_on.isoweekday() for v in visits if v.occurrence_on} == {2}
    assert {e.kind for e in log} >= {"visit", "call", "sms", "leaflets", "prospect", "meeting"}
    for entry in log:
        assert entry.at.astimezone(SHANGHAI).date() == entry.day and is_working_day(entry.day)
        if entry.kind == "call":  # a call record decides (有效电话); no call reaches a sales step
            assert entry.sales_step is None and entry.effective == (entry.id in effective_calls)
        else:
            assert entry.effective == (entry.sales_step == "close")
        if entry.kind == "leaflets":
            assert 10 <= entry.quantity <= 60
    plans = _rows(ctx, "SELECT day, closed_at FROM daily_plans")
    assert all((p.closed_at is None) == (p.day == TODAY.isoformat()) for p in plans)


def test_same_seed_and_day_give_identical_rows_and_another_seed_differs(tmp_path: Path) -> None:
    tables = (
        "clients",
        "client_family",
        "proposals",
        "proposal_beneficiaries",
        "signatures",
        "receipts",
        "outbox",
        "worklog",
        "visits",
        "call_records",
        "needs_interviews",
        "closing_interviews",
        "morning_notes",
        "news_excerpts",
        "line_targets",
        "daily_plans",
        "hq_letters",
        "letter_answers",
        "proposal_requests",
        "attachments",
    )
    dumps = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        ctx = AppContext.open(tmp_path / name)
        try:
            generate(ctx.store, clients=300, seed=seed, today=TODAY, worklog_days=10)
            dumps.append(_dump(ctx, tables))
        finally:
            ctx.close()
    assert dumps[0] == dumps[1]
    assert dumps[0]["clients"] != dumps[2]["clients"]


def test_refuses_a_profile_that_already_has_clients(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    tables = ("clients", "outlets", "outbox", "settings")
    before = _dump(ctx, tables)
    with pytest.raises(InvalidInput, match="already has data"):
        generate(ctx.store, clients=10, seed=99, today=TODAY, worklog_days=1)
    assert _dump(ctx, tables) == before


@pytest.mark.parametrize("clients", [0, -5, 1_000_001, 2.5, True])
def test_rejects_bad_client_counts(tmp_path: Path, clients: Any) -> None:
    ctx = AppContext.open(tmp_path / "data")
    try:
        with pytest.raises(InvalidInput, match="between 1 and 1,000,000"):
            generate(ctx.store, clients=clients, today=TODAY)
        assert ctx.overview.is_empty()
    finally:
        ctx.close()


def test_cancel_rolls_everything_back(tmp_path: Path) -> None:
    ctx = AppContext.open(tmp_path / "data")
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:  # outlets and the first clients are already written by now
            cancel.set()

    try:
        with pytest.raises(Cancelled) as raised:
            generate(
                ctx.store,
                clients=6_000,
                today=TODAY,
                worklog_days=5,
                progress=progress,
                cancel=cancel,
            )
        assert isinstance(raised.value, BranchDeskError)
        assert seen[-1][0] == 2
        assert _count(ctx, models.Client) == _count(ctx, models.Outlet) == 0
        assert ctx.settings.manager().name == ""
    finally:
        ctx.close()


def test_progress_reaches_its_total_and_a_single_client_book_works(tmp_path: Path) -> None:
    ctx = AppContext.open(tmp_path / "data")
    seen: list[tuple[int, int]] = []
    try:
        summary = generate(
            ctx.store,
            clients=1,
            today=TODAY,
            worklog_days=3,
            progress=lambda done, total: seen.append((done, total)),
        )
        # The card's own proposal and one it signed on paper.
        assert summary.clients == 1 and summary.proposals == 2 and summary.outlets == 3
        assert [d for d, _ in seen] == list(range(1, len(seen) + 1)) and seen[-1][0] == seen[-1][1]
    finally:
        ctx.close()


def test_stamps_are_aware_utc_and_derived_from_today(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        latest = session.scalar(select(func.max(models.Client.created_at)))
    assert isinstance(latest, datetime) and latest.tzinfo == UTC
    assert latest.date() < TODAY


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# ---- the manuals' sales forms (issue 17) ----------------------------------------------------------


def _summaries(ctx: AppContext) -> SummaryService:
    return SummaryService(ctx.store.sessions, ctx.settings, ctx.actor, zone=SHANGHAI)


def _next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def test_the_forms_of_the_last_weeks_exist(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    catalogue = shipped_catalogue()
    with ctx.store.sessions() as session:
        calls = session.scalars(select(models.CallRecord)).all()
        needs = session.scalars(select(models.NeedsInterview)).all()
        closings = session.scalars(select(models.ClosingInterview)).all()
        notes = session.scalars(select(models.MorningNote)).all()
        news = session.scalars(select(models.NewsExcerpt)).all()
        targets = session.scalars(select(models.LineTarget)).all()
    first = TODAY - timedelta(days=30)  # the book's work log covers 30 days
    done = [c for c in calls if c.status == "done"]
    assert {c.outcome for c in done} == {"appointment", "clear_answer", "call_back", "no_answer", "refused"}
    assert all(first <= c.call_on <= TODAY and c.called_at is not None for c in done)
    assert all(c.created_at < c.called_at for c in done if c.called_at)  # prepared the evening before
    assert any(c.review_prepared for c in done) and any(c.notes for c in done)
    prepared = [c for c in calls if c.status == "prepared"]
    assert {c.call_on for c in prepared} == {TODAY, _next_working_day(TODAY)}
    assert all(c.worklog_id is None and c.outcome is None and c.script for c in prepared)
    assert sum(n.status == "done" for n in needs) >= 5 and all(first <= n.held_on <= TODAY for n in needs)
    for interview in needs:
        goals = json.loads(interview.goals_json)
        assert goals and set(goals) <= {"education", "pension", "health", "wealth", "protection"}
        if interview.status == "done":
            result = figures(NeedsInputs.from_json(interview.inputs_json))
            assert not result.problems and result.protection is not None and result.protection.gap_cents >= 0
            assert ("education" in goals) == (result.education is not None)
            assert ("pension" in goals) == (result.pension is not None)
    assert {c.outcome for c in closings} == {"closed", "follow_up", "declined"}
    for closing in closings:
        assert closing.status == "done" and catalogue.find(closing.product_code) is not None
        assert closing.premium_cents and closing.premium_cents > 0
        assert (closing.follow_up_on is not None) == (closing.outcome == "follow_up")
        for objection in json.loads(closing.objections_json):
            assert objection["objection"] and objection["handling"]
    linked = [c for c in closings if c.proposal_id]
    assert linked and all(c.outcome == "closed" for c in linked)
    assert len(notes) > 10 and all(2 <= len(n.points.splitlines()) <= 4 for n in notes)
    assert news and all(json.loads(n.product_codes_json) for n in news)
    assert all(catalogue.find(code) for n in news for code in json.loads(n.product_codes_json))
    lines = {"all", "life", "endowment", "annuity", "critical_illness", "health", "accident"}
    assert {(t.period, t.line) for t in targets} == {(p, line) for p in ("month", "quarter", "year") for line in lines}
    assert {t.starts_on for t in targets} == {date(2025, 6, 1), date(2025, 4, 1), date(2025, 1, 1)}
    for period in ("month", "quarter", "year"):
        rows = [t for t in targets if t.period == period]
        total = next(t for t in rows if t.line == "all")
        assert total.premium_cents == sum(t.premium_cents for t in rows if t.line != "all") > 0


def test_each_done_form_links_one_entry_written_as_the_services_write_it(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        entries = {e.id: e for e in session.scalars(select(models.WorkLogEntry))}
        visits = {v.id: v for v in session.scalars(select(models.Visit))}
        calls = session.scalars(select(models.CallRecord)).all()
        needs = session.scalars(select(models.NeedsInterview)).all()
        closings = session.scalars(select(models.ClosingInterview)).all()
        proposals = {p.id: p for p in session.scalars(select(models.Proposal))}
        holders = {
            p.proposal_id: p.client_id
            for p in session.scalars(select(models.ProposalParty).where(models.ProposalParty.role == "policyholder"))
        }
    linked: list[str] = []
    for call in calls:
        if call.status != "done":
            continue
        entry = entries[call.worklog_id or ""]
        linked.append(entry.id)
        assert (entry.kind, entry.quantity, entry.client_id, entry.day) == ("call", 1, call.client_id, call.call_on)
        assert entry.at == call.called_at and entry.visit_id is None and entry.outlet_id is None
        assert entry.effective == (call.outcome in ("appointment", "clear_answer"))
        assert entry.outcome == OUTCOME_ZH[call.outcome or ""]
        if call.outcome == "appointment":
            visit = visits[call.visit_id or ""]
            assert visit.purpose == "needs_interview" and visit.client_id == call.client_id
            assert visit.starts_at == call.agreed_at and visit.location == call.agreed_place
            assert call.called_at and visit.created_at > call.called_at  # booked on the call
        else:
            assert call.visit_id is None and call.agreed_at is None
    steps = ("identify", "need", "present", "objection", "close")
    for interview in needs:
        if interview.status != "done":
            assert interview.worklog_id is None
            continue
        entry = entries[interview.worklog_id or ""]
        linked.append(entry.id)
        assert (entry.kind, entry.client_id, entry.day) == ("visit", interview.client_id, interview.held_on)
        assert steps.index(entry.sales_step or "identify") >= steps.index("need")
        assert entry.visit_id == interview.visit_id
        if interview.visit_id:
            assert visits[interview.visit_id].status == "done"
    for closing in closings:
        entry = entries[closing.worklog_id or ""]
        linked.append(entry.id)
        assert (entry.kind, entry.client_id, entry.day) == ("visit", closing.client_id, closing.held_on)
        assert entry.sales_step == "close" and entry.effective
        assert entry.visit_id == closing.visit_id
        if closing.proposal_id:
            proposal = proposals[closing.proposal_id]
            assert proposal.status == "finished" and holders[proposal.id] == closing.client_id
            assert (proposal.product_code, proposal.premium_cents) == (closing.product_code, closing.premium_cents)
        if closing.follow_up_visit_id:
            follow = visits[closing.follow_up_visit_id]
            assert follow.status == "planned" and follow.purpose == "closing" and follow.client_id == closing.client_id
            assert follow.starts_at.astimezone(SHANGHAI).date() == closing.follow_up_on
    assert len(linked) == len(set(linked))  # no entry counts two forms


def test_the_services_count_exactly_what_the_forms_say(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        calls = session.scalars(select(models.CallRecord).where(models.CallRecord.status == "done")).all()
        needs = session.scalars(select(models.NeedsInterview).where(models.NeedsInterview.status == "done")).all()
        closings = session.scalars(select(models.ClosingInterview)).all()
        loose = session.scalar(
            select(func.count())
            .select_from(models.WorkLogEntry)
            .where(models.WorkLogEntry.kind == "call", models.WorkLogEntry.effective.is_(True))
        )
        sold = session.execute(
            select(models.Proposal.finished_at, models.Proposal.premium_cents).where(
                models.Proposal.status == "finished"
            )
        ).all()
    # Every effective call entry is a call record's: the records alone say what counts.
    assert loose == sum(c.outcome in ("appointment", "clear_answer") for c in calls)
    expected: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for call in calls:
        expected[call.call_on][0] += call.outcome in ("appointment", "clear_answer")
    for interview in needs:
        expected[interview.held_on][1] += 1
    for closing in closings:
        expected[closing.held_on][2] += closing.status == "done"
    for finished_at, premium in sold:
        expected[finished_at.astimezone(SHANGHAI).date()][3] += premium or 0
    summaries = _summaries(ctx)
    day = TODAY - timedelta(days=30)
    totals = [0, 0, 0, 0]
    while day <= TODAY:
        lines, _ = summaries.day_measures(day)
        actual = {line.measure: line.actual for line in lines}
        wanted = expected.get(day, [0, 0, 0, 0])
        got = [actual["calls"], actual["needs_interviews"], actual["closing_interviews"], actual["sales_cents"]]
        assert got == wanted, day
        totals = [a + b for a, b in zip(totals, got, strict=True)]
        day += timedelta(days=1)
    assert all(t > 0 for t in totals), totals
    month = summaries.month(TODAY)
    in_month = [v for d, v in expected.items() if d.month == TODAY.month and d.year == TODAY.year]
    assert month.measure("calls").actual == sum(v[0] for v in in_month) > 0
    assert month.measure("needs_interviews").actual == sum(v[1] for v in in_month) > 0
    assert month.measure("closing_interviews").actual == sum(v[2] for v in in_month) > 0
    assert month.measure("sales_cents").actual == sum(v[3] for v in in_month) > 0
    assert month.step_analysis  # 各环节成败分析与总结 on the closed days
    progress = _summaries(ctx).target_progress(TODAY)
    assert len(progress.rows) == 21 and any(r.actual_cents > 0 and r.percent_cents for r in progress.rows)


def test_a_clients_history_lists_each_of_its_forms_once(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    with ctx.store.sessions() as session:
        closing = session.scalars(
            select(models.ClosingInterview).where(models.ClosingInterview.proposal_id.is_not(None))
        ).first()
        assert closing is not None and closing.client_id is not None
        client_id = closing.client_id
        ids = {
            "call_record": sorted(
                session.scalars(select(models.CallRecord.id).where(models.CallRecord.client_id == client_id))
            ),
            "needs_interview": sorted(
                session.scalars(select(models.NeedsInterview.id).where(models.NeedsInterview.client_id == client_id))
            ),
            "closing_interview": sorted(
                session.scalars(
                    select(models.ClosingInterview.id).where(models.ClosingInterview.client_id == client_id)
                )
            ),
        }
        entry_ids = {
            *session.scalars(select(models.CallRecord.worklog_id).where(models.CallRecord.client_id == client_id)),
            *session.scalars(
                select(models.NeedsInterview.worklog_id).where(models.NeedsInterview.client_id == client_id)
            ),
            *session.scalars(
                select(models.ClosingInterview.worklog_id).where(models.ClosingInterview.client_id == client_id)
            ),
        } - {None}
    history = ctx.clients.history(ClientId(client_id))
    for kind, wanted in ids.items():
        assert sorted(h.record_id for h in history if h.kind == kind) == wanted
    assert ids["closing_interview"]
    assert not [h for h in history if h.kind == "worklog" and h.record_id in entry_ids]  # shown once, as the form


# ---- issue 19: the paperwork loop -------------------------------------------------------------


def _letters_by_kind(ctx: AppContext) -> dict[str, models.HeadOfficeLetter]:
    with ctx.store.sessions() as session:
        return {letter.kind: letter for letter in session.scalars(select(models.HeadOfficeLetter))}


def _item_of(ctx: AppContext, record_id: str) -> models.OutboxItem:
    with ctx.store.sessions() as session:
        item = session.scalars(select(models.OutboxItem).where(models.OutboxItem.record_id == record_id)).one()
        return item


def test_each_letter_has_its_kinds_fields_and_due_date(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    found = _letters_by_kind(ctx)
    assert set(found) == {"problem", "medical_exam", "decision", "health_evidence"}
    synced_on = (last_sync(TODAY) + timedelta(hours=8)).date()
    for kind, letter in found.items():
        fields = json.loads(letter.fields_json)
        # As head office's feed stores them: cleaned, and cleaning again changes nothing.
        assert letter_rules.check_fields(kind, fields) == fields and set(fields) <= set(letter_rules.FIELDS[kind])
        assert letter.due_on == letter_rules.due_on(kind, letter.issued_on)
        assert letter.issued_on <= synced_on  # it came with a sync
        (proposal,) = _rows(ctx, "SELECT withdrawn_at FROM proposals WHERE id = :p", p=letter.proposal_id)
        sent = _item_of(ctx, letter.proposal_id)
        assert sent.status == "sent" and sent.sent_at is not None
        assert letter.issued_on > sent.sent_at.astimezone(SHANGHAI).date() and proposal.withdrawn_at is None
        view = ctx.letters.view(letter.id)
        assert view.kind == kind and view.fields == fields and view.policyholder_name
    assert found["medical_exam"].resolved_at is None and found["decision"].resolved_at is None
    evidence = found["health_evidence"]
    assert evidence.resolved_at is None and 1 <= (evidence.due_on - TODAY).days <= 5
    assert json.loads(evidence.fields_json)["documents"]


def test_the_problem_case_was_answered_as_answers_send_does_and_head_office_accepted(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    letter = _letters_by_kind(ctx)["problem"]
    answers = ctx.answers.for_letter(letter.id)
    assert len(answers) == 1
    answer = answers[0]
    assert answer.status == "queued" and answer.text and answer.queued_at is not None
    assert answer.hq_reply == "accepted" and answer.hq_reply_text and answer.hq_reply_at is not None
    assert letter.resolved_at == answer.queued_at and letter.resolution_note == answer.text
    item = _item_of(ctx, answer.id)
    assert item.kind == "answer" and item.status == "sent" and item.sent_at is not None
    assert item.depends_on_id == _item_of(ctx, letter.proposal_id).id
    assert answer.queued_at <= item.sent_at < answer.hq_reply_at <= last_sync(TODAY)
    document = wire.answer_document(
        answer_id=answer.id, proposal_id=letter.proposal_id, letter_id=letter.remote_id, kind="problem",
        text=answer.text, answered_at=answer.queued_at.isoformat(), decision=None, signatures=[], attachments=[],
    )  # fmt: skip
    assert item.payload_json == canonical_text(document)
    # A new draft is refused: the letter is answered.
    with pytest.raises(InvalidInput):
        ctx.answers.draft(letter.id)


def test_the_medical_examination_is_booked_on_the_planner(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    letter = _letters_by_kind(ctx)["medical_exam"]
    view = ctx.letters.view(letter.id)
    assert view.visit_id is not None and view.visit_minutes == 60
    assert set(view.fields) == {"hospital", "items", "exam_at"}
    assert view.visit_starts_at is not None
    # The exam time is written in Shanghai time, as the whole demo is.
    shanghai = view.visit_starts_at.astimezone(timezone(SHANGHAI_OFFSET))
    assert shanghai.replace(tzinfo=None) == letter_rules.parse_when(view.fields["exam_at"])
    assert TODAY < shanghai.date() <= view.due_on
    visit = ctx.planner.get(view.visit_id)
    assert visit.view.purpose == EXAM_PURPOSE and visit.view.status == "planned"
    assert visit.view.location == view.fields["hospital"] and visit.view.minutes == 60
    assert view.fields["hospital"] in visit.agenda and letter.remote_id in visit.agenda
    assert [(c.phase, c.label) for c in visit.checklist] == [(c.phase, c.label) for c in EXAM_CHECKLIST]
    holder = _rows(ctx, "SELECT client_id FROM proposal_parties WHERE proposal_id = :p AND role = 'policyholder'",
                   p=letter.proposal_id)  # fmt: skip
    assert visit.view.client_id == holder[0].client_id


def test_the_underwriting_decision_waits_for_the_client(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    letter = _letters_by_kind(ctx)["decision"]
    view = ctx.letters.view(letter.id)
    assert view.decision is None and view.signatures == () and view.due_on >= TODAY
    assert view.fields["conclusion"] == "extra_premium" and int(view.fields["extra_premium_cents"]) > 0
    # Not sendable until the client has decided and both have signed.
    answer = ctx.answers.draft(letter.id)
    ctx.answers.save(answer.id, "客户接受加费承保")
    with pytest.raises(InvalidInput):
        ctx.answers.send(answer.id)


def test_a_change_request_went_with_its_signed_form_and_was_accepted(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    (row,) = _rows(ctx, "SELECT id, proposal_id FROM proposal_requests")
    (request,) = ctx.requests.for_proposal(ProposalId(row.proposal_id))
    assert request.kind == "change" and request.status == "queued" and request.reason
    assert request.details and set(request.details) <= set(CHANGE_FIELDS)
    assert request.hq_reply == "accepted" and request.hq_reply_text and request.hq_reply_at is not None
    (attachment,) = request.attachments
    with ctx.store.sessions() as session:
        data = session.get(models.Attachment, attachment.id).data  # type: ignore[union-attr]
    assert attachment.mime == "image/png" and check_file(attachment.name, data) == ("image/png", attachment.sha256)
    item = _item_of(ctx, request.id)
    assert item.kind == "request" and item.status == "sent" and item.depends_on_id == _item_of(ctx, row.proposal_id).id
    assert request.queued_at is not None and item.sent_at is not None
    document = wire.request_document(
        request_id=request.id, proposal_id=row.proposal_id, kind="change", reason=request.reason,
        details=request.details, requested_at=request.queued_at.isoformat(),
        attachments=[reference_entry(attachment.name, attachment.mime, len(data), attachment.sha256)],
    )  # fmt: skip
    assert item.payload_json == canonical_text(document)
    assert request.queued_at <= item.sent_at < request.hq_reply_at <= last_sync(TODAY)
    (proposal,) = _rows(ctx, "SELECT withdrawn_at, hq_status FROM proposals WHERE id = :p", p=row.proposal_id)
    assert proposal.withdrawn_at is None and proposal.hq_status != "issued"


def test_a_paper_proposal_is_registered_with_its_review_and_queued(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    (paper,) = _rows(ctx, "SELECT * FROM proposals WHERE source = 'paper'")
    assert paper.status == "finished" and check_form_number(paper.paper_form_number) == (paper.paper_form_number, [])
    assert ctx.paper_proposals.form_number_taken(paper.paper_form_number)
    review = json.loads(paper.review_json)
    assert set(review) == set(paper_review.KEYS) and paper_review.unticked(review) == ()
    parties = {p.role: p for p in _rows(ctx, "SELECT * FROM proposal_parties WHERE proposal_id = :p", p=paper.id)}
    assert set(parties) == {"policyholder", "insured"} and parties["policyholder"].client_id
    item = _item_of(ctx, paper.id)
    assert item.kind == "proposal" and item.status == "pending" and item.depends_on_id is None
    manager = ctx.settings.manager()
    document = wire.paper_proposal_document(
        paper.id, form_number=paper.paper_form_number, application_date=paper.application_date,
        product_code=paper.product_code, product_name=paper.product_name, premium_cents=paper.premium_cents,
        policyholder_name=parties["policyholder"].name, insured_name=parties["insured"].name, review=review,
        manager_code=manager.code,
    )  # fmt: skip
    assert paper.content_hash == content_hash(document)
    assert item.payload_json == outbox_payload(document, paper.content_hash)
    assert not _rows(ctx, "SELECT 1 FROM signatures WHERE proposal_id = :p", p=paper.id)


def test_receipts_record_the_pick_up_and_the_return_to_the_counter(book: tuple[AppContext, DemoSummary]) -> None:
    ctx, _ = book
    receipts = _rows(ctx, "SELECT * FROM receipts")
    assert receipts and all(r.picked_up_from in PICKED_UP_FROM for r in receipts if r.picked_up_on)
    assert all(bool(r.returned_to) == (r.returned_on is not None) for r in receipts)
    assert any(r.returned_to for r in receipts)
    # Head office issued each before its pick-up (as far as the last sync told).
    for receipt in receipts:
        (proposal,) = _rows(ctx, "SELECT hq_status, hq_policy_number FROM proposals WHERE id = :p",
                            p=receipt.proposal_id)  # fmt: skip
        assert proposal.hq_status == "issued" and proposal.hq_policy_number == receipt.policy_number


def test_today_warns_of_an_unissued_proposal_and_has_nothing_left_to_withdraw(
    book: tuple[AppContext, DemoSummary],
) -> None:
    ctx, _ = book
    # The generator withdrew what the 30 days withdraw, as the service does; nothing is left to do.
    assert ctx.today.withdraw_unissued(TODAY, SHANGHAI) == []
    withdrawn = _rows(ctx, "SELECT withdrawn_reason FROM proposals WHERE withdrawn_at IS NOT NULL")
    assert {w.withdrawn_reason for w in withdrawn} <= {WITHDRAWN_REASON}
    reminders = ctx.today.build(TODAY, SHANGHAI, limit=10_000).reminders
    kinds = {r.kind for r in reminders}
    assert "issue_overdue" in kinds
    letters = {r.letter_kind for r in reminders if r.kind == "letter_due"}
    assert {"medical_exam", "decision", "health_evidence"} <= letters and "problem" not in letters
    # Head office's replies of the last sync: to the problem case's answer and to the change request.
    replies = [(r.letter_kind, r.reply, r.group) for r in reminders if r.kind == "hq_reply"]
    assert sorted(replies, key=str) == [("problem", "accepted", "today"), (None, "accepted", "today")]
