"""Demo proposals (投保单) with parties, death beneficiaries and signatures, and their receipts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.clients import Profile
from app.demo.common import (
    YUAN,
    DemoRandom,
    IdentityMaker,
    Person,
    age_on,
    canonical_json,
    local_time,
    record,
)
from app.demo.signatures import signature_row
from app.profile.settings import ManagerProfile
from app.proposals.service import doc_from_records, finished_document, outbox_payload
from app.reference.products import shipped_catalogue
from app.rules import receipt as receipt_rules
from app.rules.proposal import content_hash
from local_db.models import (
    Attachment,
    Beneficiary,
    HandoverItem,
    HandoverList,
    HeadOfficeLetter,
    LetterAnswer,
    OutboxItem,
    Proposal,
    ProposalParty,
    ProposalRequest,
    Receipt,
    Signature,
    Visit,
    VisitChecklistItem,
)
from sync import wire

# Sum insured as a multiple of the premium: the demo's own products, else by the product's line.
SUM_MULTIPLES = {code: multiple for code, _name, multiple in vocab.INSURANCE_PRODUCTS}
LINE_MULTIPLES = {"life": 15, "endowment": 8, "annuity": 5, "critical_illness": 20, "health": 200, "accident": 100}


def _within(cents: int, low: int | None, high: int | None) -> int:
    """`cents` moved into the product's limits."""
    if low is not None:
        cents = max(cents, low)
    return cents if high is None else min(cents, high)


SHARE_SPLITS = {
    1: ((10000,),),
    2: ((5000, 5000), (6000, 4000), (7000, 3000)),
    3: ((4000, 3000, 3000), (3334, 3333, 3333), (5000, 2500, 2500)),
}
HEALTH_ANSWERS = canonical_json({
    "q1_hospitalised": False, "q2_chronic_disease": False, "q3_pregnant": False,
    "q4_disability": False,
})  # fmt: skip
# Insert order: a row's foreign keys point only to tables earlier in this list.
TABLES = (Proposal, ProposalParty, Beneficiary, Receipt, HandoverList, HandoverItem, Signature, Visit,
          VisitChecklistItem, HeadOfficeLetter, LetterAnswer, ProposalRequest, Attachment, OutboxItem)  # fmt: skip


@dataclass
class Event:
    """A finished document that puts an item in the outbox, at the moment it was finished."""

    at: datetime
    kind: str  # proposal | receipt | answer | request (the outbox's kinds)
    row: dict[str, Any]
    payload: str
    proposal_id: str
    sent_at: datetime | None = None  # when the outbox sent it; None while it waits


@dataclass
class Paperwork:
    rows: dict[type[Any], list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    events: list[Event] = field(default_factory=list)
    receipt_of: dict[str, dict[str, Any]] = field(default_factory=dict)  # by proposal id
    owner_of: dict[str, Profile] = field(default_factory=dict)  # by proposal id


class ProposalMaker:
    def __init__(self, rng: DemoRandom, identities: IdentityMaker, today: date, manager: ManagerProfile) -> None:
        self._rng = rng
        self._ids = identities
        self._today = today
        self._manager = manager
        self._paper = Paperwork()

    def build(self, owners: list[Profile]) -> Paperwork:
        for position, owner in enumerate(owners):
            # Every third proposal is still a draft being filled in.
            self._proposal(owner, finished=position % 3 != 2)
        return self._paper

    def _proposal(self, owner: Profile, finished: bool) -> None:
        rng, today = self._rng, self._today
        with_receipt = finished and rng.random() < 0.5
        signed_on = today - timedelta(days=rng.randint(0, 9))
        if with_receipt:
            applied = signed_on - timedelta(days=rng.randint(10, 30))
        else:
            # Finished without a receipt: still with head office, sent within its 30 days (a book
            # where a third of them were withdrawn would be no one's normal week).
            applied = today - timedelta(days=rng.randint(3, 21) if finished else rng.randint(0, 14))
        finished_at = local_time(applied, rng.randint(10 * 60, 17 * 60))
        # A catalogue product whose age range takes the insured, its terms and limits kept.
        insured, relation = self._insured(owner, applied)
        catalogue = shipped_catalogue()
        product = rng.choice([p for p in catalogue.insurance() if p.insured_age_fits(insured.birth, applied)])
        single = "regular" not in product.payment_modes or ("single" in product.payment_modes and rng.random() < 0.3)
        premium = rng.randrange(50_000, 1_000_000, 1000) if single else rng.randrange(5000, 200_000, 100)
        premium = _within(premium * YUAN, product.premium_min_cents, product.premium_max_cents)
        multiple = SUM_MULTIPLES.get(product.code, LINE_MULTIPLES[product.line])
        sum_insured = _within(premium * multiple, product.sum_insured_min_cents, product.sum_insured_max_cents)
        blank = not finished and rng.random() < 0.5  # a half-filled draft has no premium yet
        row = record(
            rng.uuid(), local_time(applied, 9 * 60 + rng.randint(0, 60)),
            status="finished" if finished else "draft", version=1, previous_id=None,
            correction_reason="", application_date=applied, product_code=product.code,
            product_name=product.name_zh, catalogue_version=catalogue.version,
            sum_insured_cents=None if blank else sum_insured,
            premium_cents=None if blank else premium,
            payment_mode=None if blank else ("single" if single else "regular"),
            payment_years=None if blank or single else rng.choice(product.payment_years),
            payment_bank=owner.outlet.bank, payment_account="62" + rng.digits(17),
            payment_account_holder=owner.person.name, health_answers_json=HEALTH_ANSWERS,
            manager_name=self._manager.name, manager_code=self._manager.code,
            manager_phone=self._manager.phone, outlet_id=owner.outlet.id, content_hash=None,
            finished_at=None, hq_status=None, hq_status_at=None, hq_policy_number=None,
            hq_message="",
        )  # fmt: skip
        self._paper.rows[Proposal].append(row)
        self._paper.owner_of[row["id"]] = owner
        parties = [
            self._party(row, "policyholder", owner, owner.person, None),
            self._party(row, "insured", owner, insured, relation),
        ]
        beneficiaries = self._beneficiaries(row, owner, insured, relation, applied)
        if not finished:
            return
        signatures = [
            signature_row(rng, finished_at, role, person.name, proposal_id=row["id"])
            for role, person in (("policyholder", owner.person), ("insured", insured))
        ]
        self._paper.rows[Signature].extend(signatures)
        # Hashed and queued exactly as ProposalService.finish does it.
        doc = doc_from_records(
            SimpleNamespace(**row), {p["role"]: SimpleNamespace(**p) for p in parties},
            [SimpleNamespace(**b) for b in beneficiaries],
        )  # fmt: skip
        document = finished_document(doc, {s["signer_role"]: s["strokes_json"] for s in signatures})
        digest = content_hash(document)
        payload = outbox_payload(document, digest)
        row.update(content_hash=digest, finished_at=finished_at, updated_at=finished_at)
        self._paper.events.append(Event(finished_at, "proposal", row, payload, row["id"]))
        if with_receipt:
            self._receipt(row, owner, signed_on)

    def _insured(self, owner: Profile, applied: date) -> tuple[Person, str]:
        """The policyholder, or family whose age the rules accept: 28 days to 65 years."""
        options = [(owner.spouse, "spouse")] if owner.spouse else []
        options += [(child, "child") for child in owner.children]
        allowed = [
            (person, relation)
            for person, relation in options
            if applied - person.birth >= timedelta(days=28) and age_on(person.birth, applied) <= 65
        ]
        if allowed and self._rng.random() < 0.4:
            return self._rng.choice(allowed)
        return owner.person, "self"

    def _party(
        self,
        proposal: dict[str, Any],
        role: str,
        owner: Profile,
        person: Person,
        relation: str | None,
    ) -> dict[str, Any]:
        is_owner = person is owner.person
        if not person.id_number:
            person.id_number = self._ids.resident_id(person)
        age = age_on(person.birth, proposal["application_date"])
        if is_owner:  # noqa: SIM108 - one conditional, not three nested
            occupation = owner.occupation
        else:
            occupation = "学龄前儿童" if age < 6 else "学生" if age < 23 else "职员"
        row = record(
            self._rng.uuid(), proposal["created_at"], proposal_id=proposal["id"], role=role,
            client_id=owner.client_id if is_owner else None, name=person.name,
            gender=person.gender, birth_date=person.birth, id_type="resident_id",
            id_number=person.id_number,
            # A child is reached through the parent's phone.
            mobile=owner.mobile if is_owner or age < 18 else self._ids.mobile(),
            address=owner.address, occupation=occupation, relation_to_policyholder=relation,
            pregnancy_weeks=None, disabled=False,
        )  # fmt: skip
        self._paper.rows[ProposalParty].append(row)
        return row

    def _beneficiaries(
        self,
        proposal: dict[str, Any],
        owner: Profile,
        insured: Person,
        relation: str,
        applied: date,
    ) -> list[dict[str, Any]]:
        rng = self._rng
        children = [(child, "child") for child in owner.children]
        orders: list[list[tuple[Person, str]]]
        if age_on(insured.birth, applied) < 18:  # a minor's death beneficiary can only be a parent
            orders = [[(owner.person, "parent")]]
        elif rng.random() < 0.2:
            orders = []  # legal heirs (法定继承人)
        elif relation == "self":
            orders = _by_order(rng, [(owner.spouse, "spouse")] if owner.spouse else [], children)
        elif relation == "spouse":
            orders = _by_order(rng, [(owner.person, "spouse")], children)
        else:
            orders = [[(owner.person, "parent")]]
        rows = [] if orders else [self._beneficiary(proposal, None, None, 1, 10000, 0)]
        for order, people in enumerate(orders, start=1):
            shares = rng.choice(SHARE_SPLITS[len(people)])
            for (person, relation_to_insured), share in zip(people, shares, strict=True):
                if not person.id_number:
                    person.id_number = self._ids.resident_id(person)
                rows.append(self._beneficiary(proposal, person, relation_to_insured, order, share, len(rows)))
        return rows

    def _beneficiary(
        self,
        proposal: dict[str, Any],
        person: Person | None,
        relation: str | None,
        order: int,
        share: int,
        position: int,
    ) -> dict[str, Any]:
        row = record(
            self._rng.uuid(), proposal["created_at"], proposal_id=proposal["id"],
            legal_heirs=person is None, name=person.name if person else "法定继承人",
            relation_to_insured=relation, id_type="resident_id" if person else "other",
            id_number=person.id_number if person else "", benefit_order=order,
            share_basis_points=share, position=position,
        )  # fmt: skip
        self._paper.rows[Beneficiary].append(row)
        return row

    def _receipt(self, proposal: dict[str, Any], owner: Profile, signed_on: date) -> None:
        rng, today = self._rng, self._today
        due = receipt_rules.return_due(signed_on)
        days = receipt_rules.cooling_off_days(proposal["product_code"], shipped_catalogue())
        returned = rng.day_between(signed_on, due) if due < today and rng.random() < 0.8 else None
        finished_at = local_time(signed_on, rng.randint(10 * 60, 19 * 60))
        row = record(
            rng.uuid(), finished_at, proposal_id=proposal["id"], status="signed",
            policy_number=f"P{signed_on.year}{rng.digits(12)}",
            picked_up_on=signed_on - timedelta(days=rng.randint(0, 2)), delivered_on=signed_on,
            signed_on=signed_on, cooling_off_days=days,
            cooling_off_ends_on=receipt_rules.cooling_off_ends(signed_on, days),
            return_due_on=due, returned_on=returned, scan=None, scan_mime=None,
            content_hash=None, finished_at=finished_at,
        )  # fmt: skip
        self._paper.rows[Receipt].append(row)
        self._paper.receipt_of[proposal["id"]] = row
        signature = signature_row(rng, finished_at, "client", owner.person.name, receipt_id=row["id"])
        self._paper.rows[Signature].append(signature)
        # Hashed and queued exactly as ReceiptService.sign does it.
        doc = receipt_rules.ReceiptDoc(
            id=row["id"], proposal_id=proposal["id"], policy_number=row["policy_number"],
            delivered_on=row["delivered_on"], signed_on=signed_on, cooling_off_days=days,
            cooling_off_ends_on=row["cooling_off_ends_on"], return_due_on=due,
            signature=receipt_rules.SignatureRef(receipt_rules.SIGNER_ROLE, signature["strokes_json"]),
            scan=None,
        )  # fmt: skip
        document = wire.receipt_document(receipt_rules.to_json(doc))
        row["content_hash"] = content_hash(document)
        payload = outbox_payload(document, row["content_hash"])
        self._paper.events.append(Event(finished_at, "receipt", row, payload, proposal["id"]))


def _by_order(
    rng: DemoRandom, first: list[tuple[Person, str]], second: list[tuple[Person, str]]
) -> list[list[tuple[Person, str]]]:
    """Beneficiary orders: spouse first and children second, or everyone sharing one order."""
    if first and second and rng.random() < 0.4:
        return [first, second]
    everyone = first + second
    return [rng.sample(everyone, min(3, len(everyone)))] if everyone else []
