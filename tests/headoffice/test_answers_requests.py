"""Answers to letters, change/withdrawal requests and paper proposals against the real server,
on SQLite and on PostgreSQL (issue 19): exactly once as the proposals, attachments' SHA-256
checked, replies fed back, and the `branchdesk-headoffice` commands that go with them."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime

import requests
from sqlalchemy import delete, select

from app.context import AppContext
from app.headoffice.queue import enqueue
from app.headoffice.status import StatusUpdate
from app.profile.settings import ManagerProfile
from app.rules import paper_review
from app.rules.proposal import canonical_text, content_hash
from local_db import models
from local_db.base import new_uuid, utcnow
from sync import wire
from sync.headoffice.db import Letter, make_engine
from sync.http import HeadOffice as Client
from sync.outbox import OutboxDrain
from tests.headoffice.laptop import Item, answer_item, letter_on_laptop, proposal_item, push, queued_inline
from tests.headoffice.server import HeadOffice

Manager = tuple[str, str]
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n" + b"%%EOF\n" * 50
PDF_SHA = hashlib.sha256(PDF).hexdigest()


def feed(office: HeadOffice, token: str) -> list[dict[str, object]]:
    answer = requests.get(f"{office.url}/v1/status", headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["events"])


def received_proposal(office: HeadOffice, ctx: AppContext, manager: Manager) -> Item:
    proposal = proposal_item(ctx, manager[0])
    assert push(office.url, manager[1], proposal).status_code == 201
    return proposal


def test_an_answer_lands_exactly_once_with_its_attachments(office: HeadOffice, manager: Manager,
                                                           ctx: AppContext) -> None:  # fmt: skip
    code, token = manager
    proposal = received_proposal(office, ctx, manager)
    event = office.command("letter", proposal.record_id, "medical_exam", "--reason", "请到指定医院体检",
                           "--field", "hospital=市第一医院", "--field", "exam_at=2026-05-01 09:30")  # fmt: skip
    assert event["fields"] == {"hospital": "市第一医院", "exam_at": "2026-05-01T09:30"}
    letter_id = letter_on_laptop(ctx, event)
    # Inline, as queued before issue 20 (by reference: tests/sync/test_uploads.py, tests/headoffice/test_uploads.py).
    item = queued_inline(ctx, answer_item(ctx, letter_id, "已预约体检", {"体检预约单.jpg": JPEG, "回执.pdf": PDF}))
    first = push(office.url, token, item)
    assert first.status_code == 201, first.text
    assert (first.json()["kind"], first.json()["id"]) == ("answer", item.record_id)
    again = [push(office.url, token, item) for _ in range(3)]
    assert {a.content for a in again} == {first.content}
    assert [r.id for r in office.records("answer")].count(item.record_id) == 1
    [held] = [a for a in office.answers() if a["id"] == item.record_id]
    assert (held["letter_id"], held["kind"], held["text"], held["manager_code"]) == (
        event["problem_id"],
        "medical_exam",
        "已预约体检",
        code,
    )
    assert [(f["name"], f["size"], f["sha256"]) for f in held["attachments"]] == [
        ("体检预约单.jpg", len(JPEG), hashlib.sha256(JPEG).hexdigest()),
        ("回执.pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
    ]
    listed = office.cli("answers", "--open")
    assert listed.returncode == 0 and item.record_id in listed.stdout and "体检预约单.jpg" in listed.stdout
    assert hashlib.sha256(JPEG).hexdigest() in listed.stdout

    reply = office.command("reply", item.record_id, "question", "--text", "请补充体检报告")
    assert (reply["kind"], reply["record_id"], reply["status"], reply["reason"]) == (
        "answer",
        item.record_id,
        "question",
        "请补充体检报告",
    )
    kinds = [(e["kind"], e["status"]) for e in feed(office, token)]
    assert kinds[-2:] == [("answer", "received"), ("answer", "question")]
    assert item.record_id not in office.cli("answers", "--open").stdout
    as_json = json.loads(office.cli("answers", "--json").stdout)
    assert [a["reply"] for a in as_json if a["id"] == item.record_id] == ["question"]


def test_answers_are_refused_field_by_field_and_keep_nothing(office: HeadOffice, manager: Manager,
                                                             ctx: AppContext) -> None:  # fmt: skip
    _code, token = manager
    proposal = proposal_item(ctx, manager[0])
    # The letter is raised on a proposal head office holds; the answer is pushed before it? Refused.
    assert push(office.url, token, proposal).status_code == 201
    event = office.command("letter", proposal.record_id, "problem", "--reason", "缺少收入证明")
    item = queued_inline(ctx, answer_item(ctx, letter_on_laptop(ctx, event), "已补交", {"收入证明.jpg": JPEG}))
    body = json.loads(item.payload)

    def refused(change: dict[str, object], field: str, rule: str, status: int = 422) -> None:
        answer = push(office.url, token, item, body=json.dumps({**body, **change}).encode())
        assert answer.status_code == status, answer.text
        errors = answer.json()["detail"].get("errors") or []
        assert (field, rule) in [(e["field"], e["rule"]) for e in errors], errors
        assert all(e["message_zh"] for e in errors)

    wrong_sha = [{**body["attachments"][0], "sha256": "0" * 64}]
    refused({"attachments": wrong_sha}, "attachments[0].data_b64", "attachment_mismatch")
    text_as_jpeg = base64.b64encode(b"not a photo").decode()
    fake = [{**body["attachments"][0], "data_b64": text_as_jpeg, "size": 11,
             "sha256": hashlib.sha256(b"not a photo").hexdigest()}]  # fmt: skip
    refused({"attachments": fake}, "attachments[0].data_b64", "attachment_type")
    refused({"letter_id": "HQ-NONE"}, "letter_id", "letter_unknown")
    refused({"kind": "review"}, "kind", "letter_kind")
    refused({"answer_id": "../../etc"}, "answer_id", "J005_bad_value")
    refused({"attachments": "x" * 10}, "attachments", "J003_wrong_type")
    refused({"extra": 1}, "extra", "J002_unknown_field")
    refused({"text": "", "attachments": []}, "text", "answer_empty")
    refused({"proposal_id": new_uuid()}, "proposal_id", "proposal_unknown")
    assert item.record_id not in {r.id for r in office.records()}
    assert push(office.url, token, item).status_code == 201  # the refusals kept nothing
    other = push(office.url, token, item, body=json.dumps({**body, "text": "changed"}).encode())
    assert (other.status_code, other.json()["detail"]["code"]) == (409, "idempotency_conflict")
    assert "Traceback" not in office.log_text()


def test_requests_and_paper_proposals(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    proposal = received_proposal(office, ctx, manager)
    request_id = new_uuid()
    with ctx.store.sessions.begin() as session:
        session.add(models.ProposalRequest(id=request_id, proposal_id=proposal.record_id, kind="withdraw",
                                           reason="客户改变主意", status="queued", queued_at=utcnow()))  # fmt: skip
        document = wire.request_document(
            request_id=request_id, proposal_id=proposal.record_id, kind="withdraw", reason="客户改变主意",
            details={}, requested_at=utcnow().isoformat(),
            attachments=[wire.attachment_entry("撤销申请书.pdf", "application/pdf", PDF, PDF_SHA)],
        )  # fmt: skip
        row = enqueue(session, wire.REQUEST, request_id, canonical_text(document), proposal.record_id)
        key = row.id
    item = Item(key, wire.REQUEST, request_id, canonical_text(document))
    assert push(office.url, token, item).status_code == 201
    assert push(office.url, token, item).status_code == 201
    [held] = json.loads(office.cli("requests", "--json").stdout)
    assert (held["id"], held["kind"], held["reason"]) == (request_id, "withdraw", "客户改变主意")
    assert held["attachments"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert office.cli("reply-request", request_id, "refused").returncode == 2  # a refusal says why
    reply = office.command("reply-request", request_id, "accepted", "--text", "同意撤件")
    assert (reply["kind"], reply["status"]) == ("request", "accepted")
    change = {**document, "kind": "change", "details": {}}
    refused = push(office.url, token, Item(new_uuid(), wire.REQUEST, request_id, json.dumps(change)))
    assert refused.status_code == 422 and refused.json()["detail"]["errors"][0]["rule"] == "change_empty"

    paper_id = new_uuid()
    paper = wire.paper_proposal_document(
        paper_id, form_number="ZH-0012345", application_date=date.today().isoformat(), product_code="P001",
        product_name="鑫享人生", premium_cents=1_000_000, policyholder_name="张三", insured_name="李四",
        review={"signed_by_policyholder": True, "id_copies": True}, manager_code=code,
    )  # fmt: skip
    envelope = canonical_text(wire.push_envelope(paper, content_hash(paper)))
    paper_item = Item(new_uuid(), wire.PROPOSAL, paper_id, envelope)
    assert push(office.url, token, paper_item).status_code == 201
    unticked = json.loads(envelope)
    unticked["proposal"]["review"]["id_copies"] = False
    unticked["content_hash"] = content_hash({k: unticked[k] for k in ("proposal", "signatures")})
    answer = push(office.url, token, Item(new_uuid(), wire.PROPOSAL, new_uuid(), json.dumps(unticked)))
    assert answer.status_code == 422 and answer.json()["detail"]["errors"][0]["rule"] == "review_incomplete"


def test_letter_and_reply_commands_refuse_bad_arguments(office: HeadOffice, manager: Manager,
                                                        ctx: AppContext) -> None:  # fmt: skip
    proposal = received_proposal(office, ctx, manager)
    for args in (
        ("letter", proposal.record_id, "bogus", "--reason", "x"),
        ("letter", proposal.record_id, "medical_exam", "--reason", "x", "--field", "colour=red"),
        ("letter", proposal.record_id, "medical_exam", "--reason", "x", "--field", "exam_at=tomorrow"),
        ("letter", proposal.record_id, "investigation", "--reason", "x", "--field", "no-equals"),
        ("letter", new_uuid(), "problem", "--reason", "x"),
        ("letter", proposal.record_id, "problem", "--reason", " "),
        ("reply", new_uuid(), "accepted"),
        ("reply", new_uuid(), "maybe"),
        ("reply-request", new_uuid(), "accepted"),
    ):
        done = office.cli(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.startswith(("branchdesk-headoffice: ", "usage:"))


def test_the_laptops_paper_proposal_and_withdrawal_request_go_through(
    office: HeadOffice, manager: Manager, ctx: AppContext
) -> None:
    """Built by the laptop's own services (app/proposals/paper.py, app/proposals/requests.py)."""
    code, token = manager
    ctx.settings.set_manager(ManagerProfile(name="王芳", code=code, phone="13911112222"))
    product = ctx.catalogue().insurance()[0].code
    paper_id = ctx.paper_proposals.register(
        "0012345", date.today(), None, "李娜", "王小明", product, 1_000_000, dict.fromkeys(paper_review.KEYS, True)
    )
    request = ctx.requests.draft(paper_id, "withdraw", "客户改变主意", {})
    ctx.requests.attach(request.id, "撤销投保申请书.pdf", PDF)
    ctx.requests.send(request.id)
    with ctx.store.sessions() as session:
        items = [Item(i.id, i.kind, i.record_id, i.payload_json) for i in
                 session.scalars(select(models.OutboxItem).order_by(models.OutboxItem.seq))]  # fmt: skip
    assert [i.kind for i in items] == ["proposal", "request"]
    # Through the laptop's own drain: the request's attachment is uploaded ahead of it (issue 20).
    client = Client(office.url, token)
    report = OutboxDrain(ctx.store.sessions, client).run()
    client.close()
    assert (report.sent, report.total, report.stopped) == (2, 2, None)
    assert {i.record_id for i in items} <= {r.id for r in office.records()}
    office.command("reply-request", request.id, "accepted", "--text", "同意撤件")
    [event] = [e for e in feed(office, token) if e["kind"] == "request" and e["status"] == "accepted"]
    at = datetime.fromisoformat(str(event["at"]))
    applied = ctx.hq_status.apply([StatusUpdate("request", request.id, "accepted", at, reason="同意撤件")])
    assert applied.changed == 1
    with ctx.store.sessions() as session:
        proposal = session.get(models.Proposal, paper_id)
        assert proposal is not None and proposal.withdrawn_at is not None


def test_a_problem_case_raised_before_letters_had_a_table_can_be_answered(
    office: HeadOffice, manager: Manager, ctx: AppContext
) -> None:
    _code, token = manager
    proposal = received_proposal(office, ctx, manager)
    event = office.decide(proposal.record_id, "problem", "--reason", "缺少身份证复印件")
    engine = make_engine(office.db_url)
    with engine.begin() as connection:  # as an older version left it: the feed event only
        connection.execute(delete(Letter).where(Letter.id == event["problem_id"]))
    engine.dispose()
    item = answer_item(ctx, letter_on_laptop(ctx, event), "已补交身份证复印件")
    answer = push(office.url, token, item)
    assert answer.status_code == 201, answer.text
    assert [a["letter_id"] for a in office.answers() if a["id"] == item.record_id] == [event["problem_id"]]
