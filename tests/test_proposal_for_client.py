"""A new proposal for a client (from Today's client row): the policyholder comes from the card."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.clients.records import ClientDraft
from app.context import AppContext
from app.errors import NotFound
from app.profile.audit import events_for
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId
from local_db import models


@pytest.fixture
def card(ctx: AppContext) -> ClientId:
    born = date(1980, 5, 17)
    return ctx.clients.save(
        ClientDraft(
            name="张三",
            gender="M",
            birth_date=born,
            mobile="13812345678",
            id_number=make_resident_id("110105", born, 1, "M"),
            occupation="教师",
        )
    ).client_id


def test_the_policyholder_is_filled_from_the_card_and_linked_to_it(ctx: AppContext, card: ClientId) -> None:
    party = ctx.proposal_records.party_from_client(card)

    proposal_id = ctx.proposals.new_draft_for(card, party)

    doc = ctx.proposals.doc(proposal_id)
    holder = doc.policyholder
    assert (holder.name, holder.gender, holder.birth_date, holder.mobile, holder.occupation) == (
        "张三", "M", date(1980, 5, 17), "13812345678", "教师",
    )  # fmt: skip
    assert holder.id_number == party.id_number and len(holder.id_number) == 18
    assert doc.insured.name == ""  # the insured is chosen in the editor
    links = ctx.proposal_records.linked_clients(proposal_id)
    assert set(links) == {"policyholder"} and links["policyholder"].client_id == card
    assert ctx.proposals.get(proposal_id).status == "draft"


def test_closed_untouched_it_is_not_kept(ctx: AppContext, card: ClientId) -> None:
    proposal_id = ctx.proposals.new_draft_for(card, ctx.proposal_records.party_from_client(card))

    assert ctx.proposals.discard_if_untouched(proposal_id) is True

    with ctx.store.sessions() as session:
        actions = [e.action for e in events_for(session, "proposal", proposal_id)]
    assert actions == ["create", "discard"]


def test_a_missing_card_is_refused_and_nothing_is_made(ctx: AppContext, card: ClientId) -> None:
    party = ctx.proposal_records.party_from_client(card)
    with pytest.raises(NotFound) as refused:
        ctx.proposals.new_draft_for(ClientId("no-such-card"), party)
    assert "客户档案" in refused.value.text("zh_CN")
    with ctx.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(models.Proposal)) == 0
