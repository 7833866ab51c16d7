"""Proposals filled on paper at the counter (issue 19): registered, not typed in full.

The client signed the paper form, so a paper proposal has no signatures on the laptop; what the
laptop keeps is what head office checks for paper (`sync.wire.paper_proposal_document`): the form
number, the application date, the product, the premium, the policyholder's and the insured's
names, and the initial review (初审, `app.rules.paper_review`) with every item ticked. It is stored
as a finished proposal (`source` "paper") and queued to head office like one, so from then on it
is followed as the others are: head office's letters and issue, the receipt and delivery, the
handover list (投保资料交接清单).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput, NotFound
from app.headoffice.queue import enqueue
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.proposals.service import PARTY_COLUMNS, outbox_payload
from app.reference.products import current_catalogue
from app.rules import paper_review
from app.rules.ids import ClientId, OutletId, ProposalId
from app.rules.problem import Problem
from app.rules.product_catalogue import ProductCatalogue
from app.rules.proposal import SIGNER_ROLES, content_hash
from local_db import models
from local_db.base import new_uuid, utcnow
from local_db.engine import hold_write_lock
from sync import wire

FORM_NUMBER_MAX = 40
NAME_MAX = 50
PREMIUM_MAX_CENTS = 10**13  # 1,000 亿元: beyond any single premium, well inside the column
_FORM_NUMBER = re.compile(r"[A-Z0-9-]+")


class InvalidPaperProposal(InvalidInput):
    """Every reason a paper proposal was not registered, in both languages."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "The paper proposal was not registered: " + " ".join(p.en for p in problems),
            "Correct it and register again.",
            zh="纸质投保单未登记：" + "".join(p.zh_CN for p in problems),
            hint_zh="请更正后重新登记。",
        )


def normal_form_number(text: str) -> str:
    """The form number as printed on the paper: upper case, spaces dropped (full-width digits and
    letters read as ordinary ones), so "ab 0012" and "AB0012" are the same form."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)
    return re.sub(r"\s+", "", folded).upper()


def check_form_number(text: str) -> tuple[str, list[Problem]]:
    number = normal_form_number(text)
    if not number:
        return number, [Problem("form_number", "missing", "Type the number printed on the paper form.",
                                "请填写纸质投保单上印的单号。")]  # fmt: skip
    if len(number) > FORM_NUMBER_MAX or not _FORM_NUMBER.fullmatch(number):
        return number, [Problem("form_number", "bad", f"The form number holds letters, digits and hyphens only, "
                                f"at most {FORM_NUMBER_MAX}.",
                                f"投保单号只能由字母、数字和连字符组成，最多 {FORM_NUMBER_MAX} 位。")]  # fmt: skip
    return number, []


def _card_party(client: models.Client, name: str) -> dict[str, object]:
    """The party's columns from the card it was chosen from (as the editor fills them)."""
    values: dict[str, object] = {
        "name": name, "gender": client.gender, "birth_date": client.birth_date, "id_type": client.id_type,
        "id_number": client.id_number or "", "mobile": client.mobile, "address": client.address,
        "occupation": client.occupation, "pregnancy_weeks": None, "disabled": False,
    }  # fmt: skip
    return {column: values[column] for column in PARTY_COLUMNS}


class PaperProposalService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
        catalogue: Callable[[], ProductCatalogue] = current_catalogue,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._actor = actor
        self._today = today
        self._catalogue = catalogue

    def checklist(self) -> tuple[paper_review.ReviewItem, ...]:
        return paper_review.CHECKLIST

    def form_number_taken(self, form_number: str) -> bool:
        """Is a paper proposal with this form number already registered?"""
        with self._sessions() as session:
            return _taken(session, normal_form_number(form_number))

    def register(
        self,
        form_number: str,
        application_date: date | None,
        client_id: ClientId | None,
        policyholder_name: str,
        insured_name: str,
        product_code: str,
        premium_cents: int | None,
        review: Mapping[str, bool],
        *,
        insured_client_id: ClientId | None = None,
        outlet_id: OutletId | None = None,
    ) -> ProposalId:
        """Registers a paper proposal as finished and queues it for head office, all or nothing.

        `client_id` is the policyholder's card (linked; the name taken from it when none is
        typed), `insured_client_id` the insured's. Refused (InvalidPaperProposal, every reason
        at once) when the form number is missing or already registered, the date missing or
        in the future, the product not an insurance product of the catalogue held, the premium
        not above zero, a name missing, or a checklist item not ticked (each named)."""
        problems: list[Problem] = []
        number, found = check_form_number(form_number)
        problems += found
        if application_date is None:
            problems.append(Problem("application_date", "missing", "Give the application date on the form.",
                                    "请填写投保单上的投保日期。"))  # fmt: skip
        elif application_date > self._today():
            problems.append(Problem("application_date", "future", "The application date cannot be in the future.",
                                    "投保日期不能晚于今天。"))  # fmt: skip
        catalogue = self._catalogue()
        product = catalogue.find(product_code) if product_code.strip() else None
        if product is None or not product.is_insurance:
            problems.append(Problem("product", "missing", "Choose the product from the catalogue.",
                                    "请从产品目录中选择产品。"))  # fmt: skip
        if premium_cents is None or premium_cents <= 0:
            problems.append(Problem("premium", "missing", "The premium must be more than zero.",
                                    "保险费必须大于零。"))  # fmt: skip
        elif premium_cents > PREMIUM_MAX_CENTS:
            problems.append(Problem("premium", "too_large", "The premium is too large.", "保险费金额过大。"))
        unknown = paper_review.unknown_keys(review)
        if unknown:
            problems.append(Problem("review", "unknown", f"Unknown checklist items: {', '.join(unknown)}.",
                                    f"未知的初审项目：{len(unknown)} 项。"))  # fmt: skip
        missing = paper_review.unticked(review)
        if missing:
            problems.append(Problem(
                "review", "unticked",
                "Initial review not passed: " + "; ".join(item.en for item in missing) + ".",
                "初审未通过：" + "；".join(item.zh_CN for item in missing) + "。",
            ))  # fmt: skip
        proposal_id = ProposalId(new_uuid())
        manager = self._settings.manager()
        with self._sessions.begin() as session:
            hold_write_lock(session)  # the form number is checked and taken under one lock
            cards: dict[str, models.Client | None] = {}
            for role, card_id in (("policyholder", client_id), ("insured", insured_client_id)):
                cards[role] = session.get(models.Client, card_id) if card_id is not None else None
                if card_id is not None and cards[role] is None:
                    raise NotFound(f"No client card {card_id}.", zh="找不到该客户档案。")
            names: dict[str, str] = {}
            for role, typed, en, zh in (("policyholder", policyholder_name, "policyholder", "投保人"),
                                        ("insured", insured_name, "insured", "被保险人")):  # fmt: skip
                card = cards[role]
                name = typed.strip() or (card.name.strip() if card is not None else "")
                names[role] = name
                if not name:
                    problems.append(Problem(role, "missing", f"Type the {en}'s name.", f"请填写{zh}姓名。"))
                elif len(name) > NAME_MAX:
                    problems.append(Problem(role, "too_long", f"The {en}'s name is over {NAME_MAX} characters.",
                                            f"{zh}姓名超过 {NAME_MAX} 个字。"))  # fmt: skip
            if number and not found and _taken(session, number):
                problems.append(Problem("form_number", "taken",
                                        f"Paper proposal {number} is already registered.",
                                        f"纸质投保单 {number} 已经登记过。"))  # fmt: skip
            if problems:
                raise InvalidPaperProposal(problems)
            assert product is not None and premium_cents is not None and application_date is not None
            ticked = dict.fromkeys(paper_review.KEYS, True)
            now = utcnow()
            proposal = models.Proposal(
                id=proposal_id, status="finished", version=1, source=wire.PAPER, paper_form_number=number,
                review_json=json.dumps(ticked, sort_keys=True), application_date=application_date,
                product_code=product.code, product_name=product.name_zh, catalogue_version=catalogue.version,
                premium_cents=premium_cents, manager_name=manager.name, manager_code=manager.code,
                manager_phone=manager.phone, outlet_id=outlet_id, finished_at=now,
            )  # fmt: skip
            session.add(proposal)
            session.flush()
            for role in SIGNER_ROLES:
                card = cards[role]
                party = models.ProposalParty(id=new_uuid(), proposal_id=proposal_id, role=role,
                                             client_id=card.id if card is not None else None)  # fmt: skip
                if card is not None:
                    for column, value in _card_party(card, names[role]).items():
                        setattr(party, column, value)
                party.name = names[role]
                session.add(party)
            document = wire.paper_proposal_document(
                proposal_id, form_number=number, application_date=application_date.isoformat(),
                product_code=product.code, product_name=product.name_zh, premium_cents=premium_cents,
                policyholder_name=names["policyholder"], insured_name=names["insured"], review=ticked,
                manager_code=manager.code,
            )  # fmt: skip
            digest = content_hash(document)
            proposal.content_hash = digest
            item = enqueue(session, "proposal", proposal_id, outbox_payload(document, digest), None)
            record_event(session, actor=self._actor(), action="register", entity="proposal", entity_id=proposal_id,
                         detail={"source": wire.PAPER, "paper_form_number": number, "content_hash": digest,
                                 "outbox_seq": item.seq})  # fmt: skip
        return proposal_id


def _taken(session: Session, number: str) -> bool:
    return (
        session.scalar(
            select(models.Proposal.id)
            .where(models.Proposal.source == wire.PAPER, models.Proposal.paper_form_number == number)
            .limit(1)
        )
        is not None
    )
