"""Nothing half-done left lying around (issue 15 item 7), on a real SQLite profile: a new
proposal nobody typed into is dropped, drafts (proposals and cards) can be deleted with an
audit entry, and nothing finished or with history is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.clients.records import ClientDraft
from app.clients.search import ClientQuery
from app.context import AppContext
from app.errors import InvalidInput, NotFound
from app.profile.audit import events_for
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId
from local_db import models


def _audit(ctx: AppContext, entity: str, entity_id: str) -> list[str]:
    with ctx.store.sessions() as session:
        return [e.action for e in events_for(session, entity, entity_id)]


def _proposal_ids(ctx: AppContext) -> set[str]:
    return {row.id for row in ctx.proposal_records.page("all").rows}


def test_an_untouched_new_proposal_is_discarded_and_says_so_in_the_audit_log(ctx: AppContext) -> None:
    proposal_id = ctx.proposals.new_draft()
    assert proposal_id in _proposal_ids(ctx)

    assert ctx.proposals.discard_if_untouched(proposal_id) is True

    assert proposal_id not in _proposal_ids(ctx)
    with ctx.store.sessions() as session:
        assert session.get(models.Proposal, proposal_id) is None
        assert session.query(models.ProposalParty).filter_by(proposal_id=proposal_id).count() == 0
    assert _audit(ctx, "proposal", proposal_id) == ["create", "discard"]
    assert ctx.proposals.discard_if_untouched(proposal_id) is False  # gone already: nothing to do


def test_a_proposal_typed_into_or_linked_is_kept(ctx: AppContext) -> None:
    typed = ctx.proposals.new_draft()
    doc = ctx.proposals.doc(typed)
    ctx.proposals.save_draft(typed, replace(doc, product_name="国寿鑫享年金保险"))
    linked = ctx.proposals.new_draft()
    card = ctx.clients.save(ClientDraft(name="李四")).client_id
    ctx.proposals.link_party(linked, "policyholder", card)

    assert ctx.proposals.discard_if_untouched(typed) is False
    assert ctx.proposals.discard_if_untouched(linked) is False
    assert {typed, linked} <= _proposal_ids(ctx)


def test_a_draft_proposal_is_deleted_with_an_audit_entry(ctx: AppContext) -> None:
    proposal_id = ctx.proposals.new_draft()
    doc = ctx.proposals.doc(proposal_id)
    holder = replace(doc.policyholder, name="张三")
    ctx.proposals.save_draft(proposal_id, replace(doc, product_name="国寿鑫享年金保险", policyholder=holder))

    ctx.proposals.delete_draft(proposal_id)

    assert proposal_id not in _proposal_ids(ctx)
    with ctx.store.sessions() as session:
        events = events_for(session, "proposal", proposal_id)
    assert [e.action for e in events] == ["create", "edit", "delete"]
    assert events[-1].detail["policyholder"] == "张三"
    assert events[-1].detail["product_name"] == "国寿鑫享年金保险"
    with pytest.raises(NotFound):
        ctx.proposals.delete_draft(proposal_id)


def test_a_finished_proposal_is_never_deleted_nor_discarded(ctx: AppContext) -> None:
    proposal_id = ctx.proposals.new_draft()
    with ctx.store.sessions.begin() as session:
        session.get(models.Proposal, proposal_id).status = "finished"  # type: ignore[union-attr]

    with pytest.raises(InvalidInput) as refused:
        ctx.proposals.delete_draft(proposal_id)
    assert "更正" in refused.value.text("zh_CN")
    assert ctx.proposals.discard_if_untouched(proposal_id) is False
    assert proposal_id in _proposal_ids(ctx)


def test_a_new_proposal_carries_the_managers_settings(ctx: AppContext) -> None:
    from app.profile.settings import ManagerProfile, Setup

    ctx.settings.save_setup(Setup(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222")))
    doc = ctx.proposals.doc(ctx.proposals.new_draft())
    assert (doc.manager_name, doc.manager_code, doc.manager_phone) == ("王芳", "BJ0107", "13911112222")
    from app.rules.proposal_rules import check_proposal

    assert not [p for p in check_proposal(doc) if p.field.startswith("manager")]


def _listed(ctx: AppContext, name: str) -> list[ClientId]:
    return [row.id for row in ctx.clients.search(ClientQuery(text=name))]


def test_a_draft_card_is_deleted_from_lists_and_pickers_with_an_audit_entry(ctx: AppContext) -> None:
    saved = ctx.clients.save(ClientDraft(name="赵六", mobile="123"))  # a bad mobile keeps it a draft
    assert saved.status == "draft" and _listed(ctx, "赵六") == [saved.client_id]

    ctx.clients.delete_draft(saved.client_id)

    assert _listed(ctx, "赵六") == []
    with ctx.store.sessions() as session:
        events = events_for(session, "client", saved.client_id)
    assert [e.action for e in events][-1] == "delete"
    assert events[-1].detail == {"name": "赵六", "status": "draft"}


def test_a_valid_card_or_a_draft_with_history_is_not_deleted(ctx: AppContext) -> None:
    birth = date(1985, 6, 15)
    valid = ctx.clients.save(
        ClientDraft(
            name="孙七",
            gender="F",
            birth_date=birth,
            id_number=make_resident_id("310104", birth, 12, "F"),
            mobile="13912345678",
        )
    )
    assert valid.status == "valid"
    with pytest.raises(InvalidInput):
        ctx.clients.delete_draft(valid.client_id)

    draft = ctx.clients.save(ClientDraft(name="周八", mobile="123")).client_id
    proposal_id = ctx.proposals.new_draft()
    ctx.proposals.link_party(proposal_id, "policyholder", draft)
    with pytest.raises(InvalidInput) as refused:
        ctx.clients.delete_draft(draft)
    assert "合并" in refused.value.text("zh_CN")
    assert _listed(ctx, "孙七") == [valid.client_id] and _listed(ctx, "周八") == [draft]
