"""The Proposals page's list and the parties' links to client cards, on a real SQLite profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from app.clients.records import ClientDraft
from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.headoffice.status import StatusUpdate
from app.profile.settings import ManagerProfile
from app.proposals.records import ProposalRecords, ProposalRow
from app.proposals.service import ProposalService
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId, ProposalId
from local_db import models
from tests.test_proposals_service import SIGNED, sample_doc

HOLDER_ID = make_resident_id("110105", date(1980, 5, 1), 7, "M")


@pytest.fixture
def service(ctx: AppContext) -> ProposalService:
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    return ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: date(2026, 3, 16))


@pytest.fixture
def records(ctx: AppContext) -> ProposalRecords:
    return ctx.proposal_records


def draft_named(service: ProposalService, holder: str, insured: str, premium: int = 1000000) -> ProposalId:
    proposal_id = service.new_draft()
    doc = sample_doc(proposal_id)
    service.save_draft(proposal_id, replace(
        doc, premium_cents=premium, payment_account_holder=holder,
        policyholder=replace(doc.policyholder, name=holder), insured=replace(doc.insured, name=insured),
    ))  # fmt: skip
    return proposal_id


def spread_creation(ctx: AppContext, ids: Sequence[str]) -> None:
    """One second apart, in the order given, so 'newest first' is unambiguous."""
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with ctx.store.sessions.begin() as session:
        for n, proposal_id in enumerate(ids):
            session.execute(update(models.Proposal).where(models.Proposal.id == proposal_id)
                            .values(created_at=start + timedelta(seconds=n)))  # fmt: skip


def test_rows_carry_what_the_list_shows_and_no_id_or_phone(service: ProposalService, records: ProposalRecords) -> None:
    proposal_id = draft_named(service, "张伟", "张小雨", premium=1234567)
    (row,) = records.page().rows
    assert (row.id, row.version, row.status, row.application_date) == (proposal_id, 1, "draft", date(2026, 3, 16))
    assert (row.product_name, row.policyholder_name, row.insured_name) == ("鑫享未来少儿教育年金保险", "张伟", "张小雨")
    assert (row.premium_cents, row.hq_status, row.hq_policy_number) == (1234567, None, None)
    assert (row.open_problems, row.has_newer_version) == (0, False)
    names = {f.name for f in fields(ProposalRow)}
    assert not names & {"id_number", "mobile", "payment_account"}
    assert records.row(proposal_id) == row


def test_pages_newest_first_without_gaps_or_repeats(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    ids = [draft_named(service, f"客户{n:02d}", "被保险人") for n in range(23)]
    spread_creation(ctx, ids)
    seen: list[str] = []
    page = records.page(limit=10)
    sizes = [len(page.rows)]
    seen += [r.id for r in page.rows]
    while page.next is not None:
        page = records.page(after=page.next, limit=10)
        sizes.append(len(page.rows))
        seen += [r.id for r in page.rows]
    assert sizes == [10, 10, 3]
    assert seen == list(reversed(ids))
    # An exact multiple of the page size ends without an empty page after it.
    assert records.page(limit=23).next is None


def test_filters_by_status_and_by_either_partys_name(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    zhang = draft_named(service, "张伟", "张小雨")
    li = draft_named(service, "李娜", "王小明")
    finished = service.new_draft()
    service.save_draft(finished, sample_doc(finished))
    service.finish(finished, SIGNED)
    assert {r.id for r in records.page(status="draft").rows} == {zhang, li}
    assert [r.id for r in records.page(status="finished").rows] == [finished]
    assert {r.id for r in records.page(text="小明").rows} == {li}
    assert {r.id for r in records.page(text=" 张 ").rows} == {zhang, finished}
    assert {r.id for r in records.page(status="draft", text="张").rows} == {zhang}
    # LIKE's wildcards are matched literally, not as wildcards.
    assert records.page(text="%").rows == ()
    with pytest.raises(InvalidInput):
        records.page(status="sent")


def test_correction_and_problem_cases_show_on_the_row(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    proposal_id = service.new_draft()
    service.save_draft(proposal_id, sample_doc(proposal_id))
    service.finish(proposal_id, SIGNED)
    at = datetime(2026, 3, 18, 2, 0, tzinfo=UTC)
    ctx.hq_status.apply([
        StatusUpdate("proposal", proposal_id, "problem", at, problem_id="HQ-1", reason="补充体检报告"),
        StatusUpdate("proposal", proposal_id, "problem", at, problem_id="HQ-2", reason="受益人证件不清"),
    ])  # fmt: skip
    row = records.row(proposal_id)
    assert (row.hq_status, row.open_problems, row.has_newer_version) == ("problem", 2, False)
    first = ctx.hq_status.letters_for(proposal_id)[0]
    ctx.hq_status.resolve(first.id, "已补交")
    newer = service.correct(proposal_id, "受益人证件号码有误")
    old_row, new_row = records.row(proposal_id), records.row(newer)
    assert (old_row.open_problems, old_row.has_newer_version) == (1, True)
    assert (new_row.version, new_row.status, new_row.has_newer_version) == (2, "draft", False)


def test_unknown_row_is_not_found(records: ProposalRecords) -> None:
    with pytest.raises(NotFound):
        records.row(ProposalId("no-such-proposal"))


def save_client(ctx: AppContext) -> ClientId:
    return ctx.clients.save(ClientDraft(
        name="赵强", gender="M", birth_date=date(1980, 5, 1), id_number=HOLDER_ID,
        mobile="13800001111", address="北京市海淀区中关村大街 1 号", occupation="教师",
    )).client_id  # fmt: skip


def test_party_from_a_client_card(ctx: AppContext, records: ProposalRecords) -> None:
    party = records.party_from_client(save_client(ctx))
    assert (party.name, party.gender, party.birth_date, party.id_type) == ("赵强", "M", date(1980, 5, 1), "resident_id")
    assert (party.id_number, party.mobile, party.occupation) == (HOLDER_ID, "13800001111", "教师")
    assert party.address == "北京市海淀区中关村大街 1 号"
    assert (party.pregnancy_weeks, party.disabled) == (None, False)
    with pytest.raises(NotFound):
        records.party_from_client(ClientId("nobody"))


def test_link_party_is_kept_through_saves_and_corrections(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    client_id = save_client(ctx)
    proposal_id = service.new_draft()
    service.link_party(proposal_id, "policyholder", client_id)
    doc = sample_doc(proposal_id)
    service.save_draft(proposal_id, replace(doc, policyholder=records.party_from_client(client_id)))
    links = records.linked_clients(proposal_id)
    assert set(links) == {"policyholder"}
    assert (links["policyholder"].client_id, links["policyholder"].mobile_masked) == (client_id, "138****1111")
    service.link_party(proposal_id, "policyholder", None)
    assert records.linked_clients(proposal_id) == {}
    with pytest.raises(InvalidInput):
        service.link_party(proposal_id, "beneficiary", client_id)
    with pytest.raises(NotFound):
        service.link_party(proposal_id, "insured", ClientId("nobody"))
    # A finished proposal's parties are frozen, links included; its correction keeps them.
    service.link_party(proposal_id, "insured", client_id)
    service.save_draft(proposal_id, doc)
    service.finish(proposal_id, SIGNED)
    with pytest.raises(InvalidInput):
        service.link_party(proposal_id, "insured", None)
    newer = service.correct(proposal_id, "地址有误")
    assert records.linked_clients(newer)["insured"].client_id == client_id


def test_party_typed_inline_becomes_a_linked_card(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    proposal_id = service.new_draft()
    party = sample_doc(proposal_id).policyholder
    link = records.save_party_as_client(proposal_id, "policyholder", party)
    card = ctx.clients.get(link.client_id)
    assert (card.draft.name, card.draft.id_number, card.draft.mobile) == (party.name, party.id_number, party.mobile)
    assert card.status == "valid"
    assert records.linked_clients(proposal_id)["policyholder"] == link
    assert link.mobile_masked == "138****5678"


def test_party_without_a_name_is_refused_and_nothing_is_written(
    ctx: AppContext, service: ProposalService, records: ProposalRecords
) -> None:
    proposal_id = service.new_draft()
    nameless = replace(sample_doc(proposal_id).insured, name="  ")
    with pytest.raises(InvalidInput):
        records.save_party_as_client(proposal_id, "insured", nameless)
    service.save_draft(proposal_id, sample_doc(proposal_id))
    service.finish(proposal_id, SIGNED)
    # Refused by the link (a finished proposal), after the card was added: the card goes too.
    with pytest.raises(InvalidInput):
        records.save_party_as_client(proposal_id, "insured", sample_doc(proposal_id).insured)
    with ctx.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(models.Client)) == 0
