"""Demo paperwork in flight: the outbox, head-office letters (问题件) and handover lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.clients import Profile
from app.demo.common import Batch, DemoRandom, IdentityMaker, canonical_json, local_time, record
from app.demo.outlets import OutletInfo
from app.demo.paperwork_loop import PaperworkLoop, Received, fill_new_columns
from app.demo.proposals import Paperwork, ProposalMaker
from app.demo.signatures import signature_row
from app.profile.settings import ManagerProfile
from app.rules.working_days import add_working_days
from local_db.models import (
    HandoverItem,
    HandoverList,
    OutboxItem,
    Proposal,
    Receipt,
    Signature,
    Visit,
)

HANDOVER_DOCUMENTS = 5


@dataclass(frozen=True)
class PaperworkCounts:
    proposals: int
    receipts: int
    outbox_items: int
    visits: int  # the medical examination's


def build_paperwork(
    rng: DemoRandom,
    identities: IdentityMaker,
    today: date,
    manager: ManagerProfile,
    owners: list[Profile],
    seed: int | str = 1,
) -> tuple[Batch, PaperworkCounts]:
    """Proposals for `owners`, receipts for some, and what the manager does with them next."""
    paper = ProposalMaker(rng, identities, today, manager).build(owners)
    # Issue 19's loop has its own random source: the rest of the paperwork is drawn as before.
    loop = PaperworkLoop(DemoRandom(f"{seed}:paperwork-loop"), paper, today, manager)
    _Delivery(rng, paper, today, manager, loop).run()
    rows = paper.rows
    counts = PaperworkCounts(len(rows[Proposal]), len(rows[Receipt]), len(rows[OutboxItem]), len(rows[Visit]))
    return list(rows.items()), counts


class _Delivery:
    def __init__(
        self, rng: DemoRandom, paper: Paperwork, today: date, manager: ManagerProfile, loop: PaperworkLoop
    ) -> None:
        self._rng = rng
        self._paper = paper
        self._today = today
        self._manager = manager
        self._loop = loop

    def run(self) -> None:
        fill_new_columns(self._paper)
        self._loop.receipts()
        self._loop.paper_proposal()
        received = self._sent()
        self._loop.follow([r for r in received if r.row["id"] not in self._paper.receipt_of])
        self._outbox()
        self._handovers()

    def _sent(self) -> list[Received]:
        """What the outbox sent at the manager's syncs, up to the last one; head office's
        acknowledgement of each proposal. Returns the proposals head office has received."""
        rng, synced = self._rng, self._loop.synced
        received = []
        for event in sorted(self._paper.events, key=lambda e: (e.at, e.kind)):
            if event.at < synced:
                event.sent_at = min(synced, event.at + timedelta(minutes=rng.randint(5, 240)))
                if event.kind == "proposal":
                    self._acknowledge(event.row, event.sent_at)
                    received.append(Received(event.row, event.sent_at))
        return received

    def _outbox(self) -> None:
        """One item per finished document, answer and request in the order they happened; what
        finished before the last sync was sent."""
        rng, paper = self._rng, self._paper
        paper.events.sort(key=lambda e: (e.at, e.kind))
        item_of: dict[str, str] = {}
        for seq, event in enumerate(paper.events, start=1):
            item_id = rng.uuid()
            if event.kind == "proposal":
                item_of[event.proposal_id] = item_id
            row = record(
                item_id, event.at, seq=seq, kind=event.kind, record_id=event.row["id"],
                payload_json=event.payload,
                # A receipt, an answer or a request waits until its proposal's item is acknowledged.
                depends_on_id=item_of[event.proposal_id] if event.kind != "proposal" else None,
                status="pending", attempts=0, last_error="", next_attempt_at=None, sent_at=None,
                server_reply_json="",
            )  # fmt: skip
            if event.sent_at is not None:
                reply = canonical_json({"status": "received", "id": item_id})
                row.update(
                    status="sent", attempts=1, sent_at=event.sent_at, updated_at=event.sent_at,
                    server_reply_json=reply,
                )  # fmt: skip
            paper.rows[OutboxItem].append(row)

    def _acknowledge(self, proposal: dict[str, Any], sent_at: datetime) -> None:
        """Accepted within two days; a policy whose receipt exists was issued before its pick-up
        (as far as the last sync could tell)."""
        receipt = self._paper.receipt_of.get(proposal["id"])
        accepted = min(self._loop.synced, sent_at + timedelta(hours=self._rng.randint(2, 48)))
        if receipt is None:
            proposal.update(hq_status="accepted", hq_status_at=accepted)
            return
        issued = local_time(receipt["picked_up_on"] - timedelta(days=1), 10 * 60)
        proposal.update(
            hq_status="issued",
            hq_status_at=max(accepted, min(issued, self._loop.synced)),
            hq_policy_number=receipt["policy_number"],
        )

    def _handovers(self) -> None:
        """A signed list of application papers, and a draft list of receipts still to hand back.

        Each list is for the outlet with the most such papers, as a list covers one outlet.
        """
        paper = self._paper
        finished = [p for p in paper.rows[Proposal] if p["status"] == "finished"]
        if finished:
            outlet, papers = self._busiest(finished, key="id")
            day = min(self._today, add_working_days(max(p["application_date"] for p in papers), 1))
            self._handover("application_materials", outlet, day, papers, signed=True)
        pending = [r for r in paper.rows[Receipt] if r["returned_on"] is None]
        if pending:
            outlet, receipts = self._busiest(pending, key="proposal_id")
            self._handover("policy_contracts", outlet, self._today, receipts, signed=False)

    def _busiest(self, documents: list[dict[str, Any]], key: str) -> tuple[OutletInfo, list[dict[str, Any]]]:
        """The outlet with the most of `documents` (`key` holds their proposal id), and those."""
        by_outlet: dict[str, list[dict[str, Any]]] = {}
        outlets: dict[str, OutletInfo] = {}
        for document in documents:
            outlet = self._paper.owner_of[document[key]].outlet
            outlets[outlet.id] = outlet
            by_outlet.setdefault(outlet.id, []).append(document)
        outlet_id, chosen = max(by_outlet.items(), key=lambda item: len(item[1]))
        return outlets[outlet_id], chosen[:HANDOVER_DOCUMENTS]

    def _handover(
        self,
        kind: str,
        outlet: OutletInfo,
        day: date,
        documents: list[dict[str, Any]],
        signed: bool,
    ) -> None:
        rng, rows = self._rng, self._paper.rows
        teller = outlet.tellers[0] if outlet.tellers else ""
        signed_at = local_time(day, 17 * 60)
        handover = record(
            rng.uuid(), local_time(day, 16 * 60), kind=kind, day=day, outlet_id=outlet.id,
            teller_name=teller, manager_name=self._manager.name,
            status="signed" if signed else "draft", signed_at=signed_at if signed else None,
        )  # fmt: skip
        rows[HandoverList].append(handover)
        is_receipt = kind == "policy_contracts"
        for document in documents:
            if is_receipt:
                description = f"{vocab.HANDOVER_RECEIPT} {document['policy_number']}"
            else:
                description = f"{vocab.HANDOVER_APPLICATION}（{document['product_name']}）"
            rows[HandoverItem].append(record(
                rng.uuid(), handover["created_at"], handover_list_id=handover["id"],
                proposal_id=document["proposal_id"] if is_receipt else document["id"],
                receipt_id=document["id"] if is_receipt else None, description=description,
                copies=1 if is_receipt else rng.randint(1, 2),
            ))  # fmt: skip
        if signed:
            for role, name in (("manager", self._manager.name), ("teller", teller)):
                rows[Signature].append(signature_row(rng, signed_at, role, name, handover_list_id=handover["id"]))
