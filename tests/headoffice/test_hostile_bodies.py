"""Hostile bodies against the real server, on SQLite and on PostgreSQL.

Each body is a real outbox payload (made by the laptop's services) with one thing broken and
its content_hash recomputed as the laptop hashes, so the break reaches the rule it targets.
Every one must be answered 400 (`malformed_json`, the body is not acceptable JSON: the J code
leads the message) or 422 (`invalid`, the exact field and rule) — never a 5xx — and leave
nothing stored: the unbroken payload under the same Idempotency-Key is then accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from app.context import AppContext
from app.rules.ids import ProposalId
from app.rules.proposal import content_hash
from tests.headoffice.laptop import (
    Item,
    answer_item,
    letter_on_laptop,
    proposal_item,
    push,
    queued_inline,
    receipt_item,
)
from tests.headoffice.server import HeadOffice

Manager = tuple[str, str]  # code, token
Payload = dict[str, Any]
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Payload], None] = lambda _payload: None  # on the payload, which is then re-hashed
    text: Callable[[bytes], bytes] = lambda body: body  # on the body as sent, after the change
    rule: str = ""  # the J code leading a 400's message, or the rule of a 422's one error
    field: str | None = None  # None: a 400 for the body; otherwise the 422's field

    @property
    def status(self) -> int:
        return 400 if self.field is None else 422


def body(payload: Payload, case: Case) -> bytes:
    """The payload broken by `case` and re-hashed; ASCII JSON, so a lone surrogate travels as \\ud800."""
    payload = json.loads(json.dumps(payload))
    case.change(payload)
    document = {key: value for key, value in payload.items() if key not in ("content_hash", "scan_base64")}
    payload["content_hash"] = content_hash(document)
    return case.text(json.dumps(payload, ensure_ascii=True).encode("ascii"))


def form(payload: Payload) -> Payload:
    return dict(payload["proposal"] if "proposal" in payload else payload["receipt"])


def set_in(path: str, value: object) -> Callable[[Payload], None]:
    """Sets the form's value at a dotted path (`beneficiaries.1.name`)."""

    def change(payload: Payload) -> None:
        *parents, last = path.split(".")
        target: Any = payload["proposal"] if "proposal" in payload else payload["receipt"]
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value

    return change


def strokes(pattern: str, replacement: str) -> Callable[[Payload], None]:
    """Rewrites the first signature's stored strokes, as a forger would."""

    def change(payload: Payload) -> None:
        holder = payload["signatures"][0] if "signatures" in payload else payload["receipt"]["signature"]
        holder["strokes_json"], count = re.subn(pattern, replacement, holder["strokes_json"], count=1)
        assert count == 1

    return change


def replaced(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(sent: bytes) -> bytes:
        assert old in sent
        return sent.replace(old, new, 1)

    return change


FIRST_T = (r"\[(-?[\d.]+),(-?[\d.]+),\d+,", r"[\1,\2,1e400,")  # the first point's time
PROPOSAL_CASES = [
    Case("surrogate in a name", set_in("policyholder.name", "张\ud800"), rule="J006_bad_text"),
    Case("surrogate in a beneficiary", set_in("beneficiaries.1.id_number", "\udfff"), rule="J006_bad_text"),
    Case("surrogate in a health answer key", set_in("health_answers", {"q1\ud800": True}), rule="J006_bad_text"),
    Case("surrogate in an envelope key", lambda p: p.update({"\ud800": 1}), rule="J006_bad_text"),
    Case("surrogate in the strokes", lambda p: p["signatures"][0].update(strokes_json="\ud83d"), rule="J006_bad_text"),
    Case("surrogate in content_hash",
         text=lambda b: re.sub(rb'"content_hash": "\w+"', rb'"content_hash": "\\ud800"', b), rule="J006_bad_text"),
    Case("surrogate as UTF-8 bytes", text=replaced(b"\\u5f20\\u4f1f", "张".encode() + b"\xed\xa0\x80"),
         rule="J006_bad_text"),
    Case("w = 1e400 in the strokes", strokes(r'"w":\d+', '"w":1e400'), field="signatures[0].strokes_json",
         rule="signature_unreadable"),
    Case("h = 1e400 in the strokes", strokes(r'"h":\d+', '"h":1e400'), field="signatures[0].strokes_json",
         rule="signature_unreadable"),
    Case("t = 1e400 in the strokes", strokes(*FIRST_T), field="signatures[0].strokes_json",
         rule="signature_unreadable"),
    Case("a pad 10**15 px wide", strokes(r'"w":\d+', '"w":1000000000000000'), field="signatures[0].strokes_json",
         rule="out_of_range"),
    Case("10,000 signatures", lambda p: p["signatures"].extend([{"role": "insured", "strokes_json": ""}] * 9_998),
         field="signatures", rule="J009_too_many"),
    Case("id over 64 characters", set_in("id", "a" * 65), field="id", rule="J008_too_long"),
    Case("id of 200 characters", set_in("id", "6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c91" * 5 + "x" * 20), field="id",
         rule="J008_too_long"),
    Case("id with NUL", set_in("id", "6f1c2a4e-9b7d-4c3e-8a15-2d0f4b6e8c9\x00"), rule="J006_bad_text"),
    Case("id empty", set_in("id", ""), field="id", rule="J005_bad_value"),
    Case("id a path", set_in("id", "../../../../etc/passwd"), field="id", rule="J005_bad_value"),
    Case("premium 10**4299", set_in("premium_cents", 10**4299), rule="J007_out_of_range"),
    Case("premium of 5,000 digits", text=replaced(b'"premium_cents": 1000000', b'"premium_cents": 1' + b"0" * 4999),
         rule="J007_out_of_range"),
    Case("premium 1e400", text=replaced(b'"premium_cents": 1000000', b'"premium_cents": 1e400'),
         rule="J007_out_of_range"),
    Case("premium NaN", text=replaced(b'"premium_cents": 1000000', b'"premium_cents": NaN'),
         rule="J000_malformed_json"),
    Case("premium 100 billion yuan", set_in("premium_cents", 10**13), field="premium_cents", rule="J007_out_of_range"),
    Case("payment_years 10**18", set_in("payment_years", 10**18), rule="J007_out_of_range"),
    Case("payment_years 101", set_in("payment_years", 101), field="payment_years", rule="J007_out_of_range"),
    Case("pregnancy week 1000", set_in("insured.pregnancy_weeks", 1000), field="insured.pregnancy_weeks",
         rule="J007_out_of_range"),
    Case("applied on 9999-12-31", set_in("application_date", "9999-12-31"), field="application_date",
         rule="J007_out_of_range"),
    Case("a 1 MB name", set_in("policyholder.name", "张" * MIB), field="policyholder.name", rule="J008_too_long"),
    Case("10,000 beneficiaries", lambda p: p["proposal"].update(beneficiaries=p["proposal"]["beneficiaries"] * 5_000),
         field="beneficiaries", rule="J009_too_many"),
    Case("1,000 health answers", set_in("health_answers", {f"q{i}": False for i in range(1_000)}),
         field="health_answers", rule="J009_too_many"),
    Case("a key twice", text=replaced(b'"relation": "child"', b'"relation": "child", "relation": "self"'),
         rule="J010_duplicate_key"),
    Case("nested 40 deep in a field", set_in("product_code", json.loads("[" * 40 + "]" * 40)), rule="J011_too_deep"),
    Case("15 MiB of [", text=lambda _body: b"[" * (15 * MIB), rule="J011_too_deep"),
]  # fmt: skip
RECEIPT_CASES = [
    Case("signed on 9999-12-31", set_in("signed_on", "9999-12-31"), field="signed_on", rule="J007_out_of_range"),
    Case("delivered in 1899", set_in("delivered_on", "1899-12-31"), field="delivered_on", rule="J007_out_of_range"),
    Case("10**9 cooling-off days", set_in("cooling_off_days", 10**9), field="cooling_off_days",
         rule="J007_out_of_range"),
    Case("receipt id a path", set_in("id", "../../../../etc/passwd"), field="id", rule="J005_bad_value"),
    Case("proposal_id over 64 characters", set_in("proposal_id", "p" * 65), field="proposal_id", rule="J008_too_long"),
    Case("proposal_id with NUL", set_in("proposal_id", "\x00"), rule="J006_bad_text"),
    Case("policy number of 1 MB", set_in("policy_number", "P" * MIB), field="policy_number", rule="J008_too_long"),
    Case("surrogate in the policy number", set_in("policy_number", "P\ud800"), rule="J006_bad_text"),
    Case("t = 1e400 in the strokes", strokes(*FIRST_T), field="signature.strokes_json", rule="signature_unreadable"),
    Case("201 strokes", strokes(r'"strokes":\[(\{.*?\})\]', r'"strokes":[' + ",".join([r"\1"] * 201) + "]"),
         field="signature.strokes_json", rule="too_large"),
]  # fmt: skip


def unhashed(payload: Payload, case: Case) -> bytes:
    """An answer's payload broken by `case` (answers carry no content_hash: each attachment its SHA-256)."""
    payload = json.loads(json.dumps(payload))
    case.change(payload)
    return case.text(json.dumps(payload, ensure_ascii=True).encode("ascii"))


def attachment(**changes: object) -> Callable[[Payload], None]:
    return lambda p: p["attachments"][0].update(changes)


ANSWER_CASES = [
    Case("surrogate in the text", lambda p: p.update(text="答\ud800"), rule="J006_bad_text"),
    Case("a 1 MB text", lambda p: p.update(text="答" * MIB), field="text", rule="J008_too_long"),
    Case("letter_id of 1 MB", lambda p: p.update(letter_id="L" * MIB), field="letter_id", rule="J008_too_long"),
    Case("answer id a path", lambda p: p.update(answer_id="../../../../etc/passwd"), field="answer_id",
         rule="J005_bad_value"),
    Case("10,000 attachments", lambda p: p.update(attachments=p["attachments"] * 10_000), field="attachments",
         rule="J009_too_many"),
    Case("size 10**15", attachment(size=10**15), field="attachments[0].size", rule="J007_out_of_range"),
    Case("size 10**4299", attachment(size=10**4299), rule="J007_out_of_range"),
    Case("sha256 of another file", attachment(sha256="ab" * 32), field="attachments[0].data_b64",
         rule="attachment_mismatch"),
    Case("data not base64", attachment(data_b64="%%%"), field="attachments[0].data_b64", rule="J003_wrong_type"),
    Case("an executable called .pdf", attachment(mime="application/x-msdownload"), field="attachments[0].mime",
         rule="J005_bad_value"),
    Case("a name with NUL", attachment(name="a\x00.pdf"), rule="J006_bad_text"),
    Case("100 signatures", lambda p: p.update(signatures=[{}] * 100), field="signatures", rule="J009_too_many"),
    Case("a key twice", text=replaced(b'"decision": null', b'"decision": null, "decision": "accepted"'),
         rule="J010_duplicate_key"),
    Case("nested 40 deep in the text", lambda p: p.update(text=json.loads("[" * 40 + "]" * 40)),
         rule="J011_too_deep"),
    Case("15 MiB of [", text=lambda _body: b"[" * (15 * MIB), rule="J011_too_deep"),
]  # fmt: skip


def refused(office: HeadOffice, token: str, item: Item, case: Case,
            build: Callable[[Payload, Case], bytes] = body) -> None:  # fmt: skip
    """Pushes the broken payload; asserts the answer and that nothing of it was stored."""
    answer = push(office.url, token, item, body=build(json.loads(item.payload), case))
    assert answer.status_code == case.status, answer.text[:500]
    detail = answer.json()["detail"]
    if case.field is None:
        assert detail["code"] == "malformed_json" and detail["message"].startswith(f"{case.rule}: "), detail
        assert [e["rule"] for e in detail["errors"]] == [case.rule]
    else:
        assert detail["code"] == "invalid"
        assert [(e["field"], e["rule"]) for e in detail["errors"]] == [(case.field, case.rule)]
    assert all(e["message_en"] and e["message_zh"] for e in detail["errors"])
    assert item.record_id not in {r.id for r in office.records()}
    accepted = push(office.url, token, item)  # the same key: the refusal kept nothing, not even it
    assert accepted.status_code == 201, accepted.text
    assert "Traceback" not in office.log_text()


@pytest.mark.parametrize("case", PROPOSAL_CASES, ids=[c.name for c in PROPOSAL_CASES])
def test_hostile_proposals_are_refused_with_a_rule(office: HeadOffice, manager: Manager, ctx: AppContext,
                                                   case: Case) -> None:  # fmt: skip
    code, token = manager
    refused(office, token, proposal_item(ctx, code), case)


@pytest.mark.parametrize("case", RECEIPT_CASES, ids=[c.name for c in RECEIPT_CASES])
def test_hostile_receipts_are_refused_with_a_rule(office: HeadOffice, manager: Manager, ctx: AppContext,
                                                  case: Case) -> None:  # fmt: skip
    code, token = manager
    proposal = proposal_item(ctx, code)
    assert push(office.url, token, proposal).status_code == 201
    refused(office, token, receipt_item(ctx, ProposalId(proposal.record_id)), case)


@pytest.mark.parametrize("case", ANSWER_CASES, ids=[c.name for c in ANSWER_CASES])
def test_hostile_answers_are_refused_with_a_rule(office: HeadOffice, manager: Manager, ctx: AppContext,
                                                 case: Case) -> None:  # fmt: skip
    code, token = manager
    proposal = proposal_item(ctx, code)
    assert push(office.url, token, proposal).status_code == 201
    event = office.command("letter", proposal.record_id, "problem", "--reason", "缺少收入证明")
    item = queued_inline(
        ctx, answer_item(ctx, letter_on_laptop(ctx, event), "已补交", {"收入证明.pdf": b"%PDF-1.7\n%%EOF\n"})
    )
    refused(office, token, item, case, unhashed)
