"""Issue 19's paperwork loop in the demo book: what head office sent back and what went to it.

On the proposals head office received (and has not issued), written exactly as the services
write them: a problem case (问题件) answered, its answer sent and accepted (AnswerService.send);
a medical examination (体检通知函) booked as a Planner visit (LetterService.book_exam); an
underwriting decision (核保通知函, extra premium) for the client to decide; a health-evidence
letter due in a few days; a change request (投保单变更申请书) sent with its signed form and
accepted (RequestService.send). Besides: a paper proposal registered today with its initial
review (PaperProposalService.register), and the proposals sent 30 days ago and never issued
withdrawn as Today withdraws them. Letters' fields are as head office sends them, cleaned by
app/rules/letters.py; their due dates are its `due_on`.

Its own random source: the rest of the book is drawn as it was.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy import Table

from app.day.today import WITHDRAWN_AFTER_DAYS, WITHDRAWN_REASON
from app.demo import vocabulary as vocab
from app.demo.common import SHANGHAI_OFFSET, YUAN, DemoRandom, local_time, record
from app.demo.proposals import Event, Paperwork
from app.demo.signatures import make_strokes, render_png
from app.headoffice.attachments import check_file, reference_entry
from app.headoffice.letters import EXAM_CHECKLIST, EXAM_PURPOSE
from app.profile.settings import ManagerProfile
from app.proposals.requests import clean_details
from app.proposals.service import outbox_payload
from app.reference.products import shipped_catalogue
from app.rules import letters, paper_review
from app.rules.proposal import canonical_text, content_hash
from app.rules.working_days import is_working_day
from local_db.models import (
    Attachment,
    HeadOfficeLetter,
    LetterAnswer,
    Proposal,
    ProposalParty,
    ProposalRequest,
    Receipt,
    Visit,
    VisitChecklistItem,
)
from sync import wire

SYNCED_DAYS_AGO = 3  # the manager's last sync, at 18:00: what was finished since waits in the outbox
EXAM_MINUTES = 60
EXTRA_PREMIUM_SHARE = 0.2  # the decision's extra premium, of the premium


def local_day(moment: datetime) -> date:
    return (moment + SHANGHAI_OFFSET).date()


def last_sync(today: date) -> datetime:
    return local_time(today - timedelta(days=SYNCED_DAYS_AGO), 18 * 60)


def _defaults(model: type[Any]) -> dict[str, Any]:
    """Every column's plain default (None where it has none), for a row the services would add."""
    table: Table = model.__table__
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        scalar = default is not None and getattr(default, "is_scalar", False)
        found[column.key] = default.arg if scalar else None  # type: ignore[union-attr]
    return found


def fill_new_columns(paper: Paperwork) -> None:
    """The columns issue 19 added, on the rows written before it (bulk rows share one key set)."""
    for row in paper.rows[Proposal]:
        for key in ("source", "paper_form_number", "review_json", "withdrawn_at", "withdrawn_reason"):
            row.setdefault(key, _defaults(Proposal)[key])
    for row in paper.rows[Receipt]:
        row.setdefault("picked_up_from", None)
        row.setdefault("returned_to", "")


@dataclass
class Received:
    """A proposal head office has: its row and when the outbox sent it."""

    row: dict[str, Any]
    sent_at: datetime

    @property
    def sent_on(self) -> date:
        return local_day(self.sent_at)


class PaperworkLoop:
    def __init__(self, rng: DemoRandom, paper: Paperwork, today: date, manager: ManagerProfile) -> None:
        self._rng = rng
        self._paper = paper
        self._today = today
        self._manager = manager
        self.synced = last_sync(today)

    # ---- before the outbox is numbered -----------------------------------------------------

    def receipts(self) -> None:
        """Where each policy was picked up, and who took each signed receipt back at the counter."""
        rng = self._rng
        for receipt in self._paper.rows[Receipt]:
            if receipt["picked_up_on"] is not None:
                receipt["picked_up_from"] = "insurer" if rng.random() < 0.8 else "bank"
            if receipt["returned_on"] is not None:
                receipt["returned_to"] = rng.choice(vocab.RETURN_COUNTERS)

    def paper_proposal(self) -> None:
        """A paper proposal the client filled yesterday at the counter, registered this morning."""
        rng, paper, today = self._rng, self._paper, self._today
        owners = sorted(paper.owner_of.items())
        _, owner = rng.choice(owners)
        applied = today - timedelta(days=1)
        registered = local_time(today, 9 * 60 + rng.randint(0, 30))
        catalogue = shipped_catalogue()
        product = rng.choice([p for p in catalogue.insurance() if p.insured_age_fits(owner.person.birth, applied)])
        low, high = product.premium_min_cents or 0, product.premium_max_cents
        premium = max(low, rng.randrange(5000, 50_000, 100) * YUAN)
        premium = premium if high is None else min(premium, high)
        number = f"{vocab.PAPER_FORM_PREFIX}{applied:%Y}{rng.digits(8)}"
        ticked = dict.fromkeys(paper_review.KEYS, True)
        defaults = _defaults(Proposal)
        row = {key: defaults[key] for key in paper.rows[Proposal][0]}  # the keys every proposal row has
        row.update(record(
            rng.uuid(), registered, status="finished", version=1, source=wire.PAPER, paper_form_number=number,
            review_json=json.dumps(ticked, sort_keys=True), application_date=applied, product_code=product.code,
            product_name=product.name_zh, catalogue_version=catalogue.version, premium_cents=premium,
            manager_name=self._manager.name, manager_code=self._manager.code, manager_phone=self._manager.phone,
            outlet_id=owner.outlet.id, finished_at=registered, hq_message="", correction_reason="",
            withdrawn_reason="",
        ))  # fmt: skip
        person = owner.person
        for role in ("policyholder", "insured"):
            paper.rows[ProposalParty].append(record(
                rng.uuid(), registered, proposal_id=row["id"], role=role, client_id=owner.client_id,
                name=person.name, gender=person.gender, birth_date=person.birth, id_type="resident_id",
                id_number=person.id_number, mobile=owner.mobile, address=owner.address,
                occupation=owner.occupation, relation_to_policyholder=None, pregnancy_weeks=None, disabled=False,
            ))  # fmt: skip
        # Hashed and queued exactly as PaperProposalService.register does it.
        document = wire.paper_proposal_document(
            row["id"], form_number=number, application_date=applied.isoformat(), product_code=product.code,
            product_name=product.name_zh, premium_cents=premium, policyholder_name=person.name,
            insured_name=person.name, review=ticked, manager_code=self._manager.code,
        )  # fmt: skip
        row["content_hash"] = content_hash(document)
        paper.rows[Proposal].append(row)
        paper.owner_of[row["id"]] = owner
        paper.events.append(Event(registered, "proposal", row, outbox_payload(document, row["content_hash"]),
                                  row["id"]))  # fmt: skip

    def follow(self, received: list[Received]) -> None:
        """What happened after head office received these (none with a receipt): the letters,
        the answer and the request with their replies, and the withdrawals after 30 days."""
        waiting: list[Received] = []
        for item in sorted(received, key=lambda r: r.sent_at):
            if (self._today - item.sent_on).days >= WITHDRAWN_AFTER_DAYS:
                # As TodayService.withdraw_unissued does it on the 30th day.
                item.row.update(withdrawn_at=local_time(item.sent_on + timedelta(days=WITHDRAWN_AFTER_DAYS), 8 * 60),
                                withdrawn_reason=WITHDRAWN_REASON)  # fmt: skip
            else:
                waiting.append(item)
        today, synced_on = self._today, local_day(self.synced)
        # Each with the latest day it may have been sent, so what follows happened before the sync.
        plan = (
            (self._answered_problem, synced_on - timedelta(days=4)),
            (self._health_evidence, today - timedelta(days=8)),
            (self._change_request, synced_on - timedelta(days=3)),
            (self._medical_exam, synced_on - timedelta(days=1)),
            (self._decision, synced_on - timedelta(days=1)),
        )
        for make, latest in plan:
            # The newest that fits: head office's replies came with the last sync, so Today shows them.
            found = next((item for item in reversed(waiting) if item.sent_on <= latest), None)
            if found is not None:
                waiting.remove(found)
                make(found)

    # ---- the letters --------------------------------------------------------------------

    def _letter(self, item: Received, kind: str, reason: str, issued: date, fields: dict[str, str]) -> dict[str, Any]:
        """A letter as app/headoffice/status.py stores it when it arrives on the feed."""
        rng = self._rng
        row = record(
            rng.uuid(), local_time(issued, 10 * 60), proposal_id=item.row["id"],
            remote_id=f"HQL{issued:%Y%m%d}{rng.digits(6)}", kind=kind, reason=reason, issued_on=issued,
            due_on=letters.due_on(kind, issued), resolved_at=None, resolution_note="",
            fields_json=json.dumps(letters.check_fields(kind, fields), ensure_ascii=False, sort_keys=True),
            visit_id=None, decision=None, decided_at=None,
        )  # fmt: skip
        item.row.update(hq_status="problem", hq_status_at=row["created_at"], hq_message=reason)
        self._paper.rows[HeadOfficeLetter].append(row)
        return row

    def _answered_problem(self, item: Received) -> None:
        """Answered two days after it came, the answer sent that evening and accepted next day."""
        rng = self._rng
        kind, reason = vocab.LETTER_REASONS[0]
        issued = item.sent_on + timedelta(days=1)
        letter = self._letter(item, kind, reason, issued, {})
        queued = local_time(issued + timedelta(days=2), 16 * 60 + rng.randint(0, 60))
        answer = record(
            rng.uuid(), queued - timedelta(minutes=rng.randint(5, 20)), letter_id=letter["id"],
            text=vocab.ANSWER_TEXT, status="queued", queued_at=queued, hq_reply="accepted",
            hq_reply_text=vocab.ANSWER_REPLY, hq_reply_at=local_time(issued + timedelta(days=3), 10 * 60 + 30),
        )  # fmt: skip
        answer["updated_at"] = queued
        letter.update(resolved_at=queued, resolution_note=answer["text"], updated_at=queued)
        self._paper.rows[LetterAnswer].append(answer)
        # The payload AnswerService.send builds.
        document = wire.answer_document(
            answer_id=answer["id"], proposal_id=item.row["id"], letter_id=letter["remote_id"], kind=kind,
            text=answer["text"], answered_at=queued.isoformat(), decision=None, signatures=[], attachments=[],
        )  # fmt: skip
        sent = queued + timedelta(minutes=rng.randint(20, 120))
        self._paper.events.append(Event(queued, wire.ANSWER, answer, canonical_text(document), item.row["id"], sent))
        # Head office went on with the application once the answer was accepted.
        item.row.update(hq_status="accepted", hq_status_at=answer["hq_reply_at"], hq_message="")

    def _health_evidence(self, item: Received) -> None:
        """Open, due in three days."""
        kind, reason = vocab.LETTER_REASONS[1]
        self._letter(item, kind, reason, self._today - timedelta(days=7), {"documents": vocab.EVIDENCE_DOCUMENTS})

    def _medical_exam(self, item: Received) -> None:
        """Head office's appointment on the next working day, booked as LetterService.book_exam does."""
        rng = self._rng
        issued = max(item.sent_on + timedelta(days=1), self._today - timedelta(days=6))
        exam_day = self._today + timedelta(days=1)
        while not is_working_day(exam_day):
            exam_day += timedelta(days=1)
        starts = local_time(exam_day, 9 * 60)
        hospital = rng.choice(vocab.EXAM_HOSPITALS)
        fields = {"hospital": hospital, "items": vocab.EXAM_ITEMS, "exam_at": f"{exam_day:%Y-%m-%d} 09:00"}
        letter = self._letter(item, "medical_exam", vocab.EXAM_REASON, issued, fields)
        booked = self.synced + timedelta(minutes=rng.randint(30, 90))
        # The agenda LetterService.book_exam writes.
        agenda = (f"体检：{hospital}\n体检项目：{vocab.EXAM_ITEMS}\n"
                  f"体检通知函 {letter['remote_id']}：请客户携带身份证和照片。")  # fmt: skip
        owner = self._paper.owner_of[item.row["id"]]
        visit = record(
            rng.uuid(), booked, kind="client", client_id=owner.client_id, outlet_id=None, purpose=EXAM_PURPOSE,
            starts_at=starts, ends_at=starts + timedelta(minutes=EXAM_MINUTES), location=hospital[:200],
            status="planned", outcome=None, agenda=agenda, notes="", referrals_asked=0, series_id=None,
            occurrence_on=None, rescheduled_to_id=None,
        )  # fmt: skip
        self._paper.rows[Visit].append(visit)
        self._paper.rows[VisitChecklistItem].extend(
            record(rng.uuid(), booked, visit_id=visit["id"], phase=entry.phase, label=entry.label, done=False,
                   position=position)
            for position, entry in enumerate(EXAM_CHECKLIST)
        )  # fmt: skip
        letter.update(visit_id=visit["id"], updated_at=booked)

    def _decision(self, item: Received) -> None:
        """An extra premium, for the client to accept or decline (and both to sign)."""
        issued = max(item.sent_on + timedelta(days=1), self._today - timedelta(days=5))
        premium = item.row["premium_cents"] or 0
        extra = round(premium * EXTRA_PREMIUM_SHARE / (100 * YUAN)) * 100 * YUAN or 100 * YUAN
        fields = {"conclusion": letters.CONCLUSION_ZH["extra_premium"], "extra_premium_cents": str(extra),
                  "rated_sum_insured_cents": str(item.row["sum_insured_cents"] or "")}  # fmt: skip
        self._letter(item, "decision", vocab.DECISION_REASON, issued, fields)

    # ---- a request ----------------------------------------------------------------------

    def _change_request(self, item: Received) -> None:
        """A new phone for the policyholder, with the signed change form; accepted next day."""
        rng = self._rng
        at = local_time(item.sent_on + timedelta(days=2), 15 * 60 + rng.randint(0, 60))
        details = clean_details("change", {"policyholder_mobile": "139" + rng.digits(8)})
        data = _change_form(rng)
        mime, sha256 = check_file(vocab.CHANGE_FORM_NAME, data)
        request = record(
            rng.uuid(), at - timedelta(minutes=rng.randint(10, 30)), proposal_id=item.row["id"], kind="change",
            details_json=json.dumps(details, ensure_ascii=False, sort_keys=True), reason=vocab.CHANGE_REASON,
            status="queued", queued_at=at, hq_reply="accepted", hq_reply_text=vocab.CHANGE_REPLY,
            hq_reply_at=local_time(item.sent_on + timedelta(days=3), 11 * 60),
        )  # fmt: skip
        request["updated_at"] = at
        self._paper.rows[ProposalRequest].append(request)
        self._paper.rows[Attachment].append(record(
            rng.uuid(), request["created_at"], answer_id=None, request_id=request["id"],
            name=vocab.CHANGE_FORM_NAME, mime=mime, size=len(data), sha256=sha256, data=data,
        ))  # fmt: skip
        # The payload RequestService.send builds.
        document = wire.request_document(
            request_id=request["id"], proposal_id=item.row["id"], kind="change", reason=request["reason"],
            details=details, requested_at=at.isoformat(),
            attachments=[reference_entry(vocab.CHANGE_FORM_NAME, mime, len(data), sha256)],  # uploaded ahead
        )  # fmt: skip
        sent = at + timedelta(minutes=rng.randint(20, 120))
        self._paper.events.append(Event(at, wire.REQUEST, request, canonical_text(document), item.row["id"], sent))


def _change_form(rng: DemoRandom) -> bytes:
    """A photo of the signed change form: ruled fields and the two signatures at the foot."""
    page = Image.new("L", (600, 780), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((30, 30, 570, 750), outline=90, width=2)
    for y in range(110, 560, 50):
        draw.line((50, y, 550, y), fill=150, width=1)
    for x in (60, 330):
        signature = Image.open(io.BytesIO(render_png(make_strokes(rng)))).convert("L").resize((220, 73))
        page.paste(signature, (x, 620))
    out = io.BytesIO()
    page.save(out, format="PNG", optimize=True)
    return out.getvalue()
