"""The HTTP edges (size, media type, malformed JSON, headers), scans, OpenAPI, logging and
restarts, against the real server on SQLite.  (What depends on the database runs on
PostgreSQL too, in test_pushes.py.)"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests

from app.context import AppContext
from app.rules.ids import ProposalId
from app.rules.limits import MAX_BODY_BYTES
from app.rules.proposal import BeneficiaryDoc, PartyDoc, ProposalDoc
from app.rules.receipt import MAX_SCAN_BYTES, ReceiptDoc
from sync.headoffice.documents import FieldError, Invalid, check_proposal_push, check_receipt_push
from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.headoffice.laptop import proposal_item, push, queued_inline, receipt_item
from tests.headoffice.server import HeadOffice

MB = 1024 * 1024
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 50


def code(response: requests.Response) -> str:
    return str(response.json()["detail"]["code"])


def test_bodies_over_the_limit_get_413(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    item = proposal_item(ctx, SAMPLE_MANAGER)
    over = MAX_BODY_BYTES // MB + 1
    declared = push(headoffice.url, headoffice_token, item, body=b"x" * (over * MB))
    assert (declared.status_code, code(declared)) == (413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        for _ in range(over):
            yield b" " * MB

    streamed = requests.post(
        f"{headoffice.url}/v1/proposals",
        data=chunks(),
        timeout=30,
        headers={
            "Authorization": f"Bearer {headoffice_token}",
            "Idempotency-Key": item.key,
            "Content-Type": "application/json",
        },
    )
    assert (streamed.status_code, code(streamed)) == (413, "too_large")
    assert push(headoffice.url, headoffice_token, item).status_code == 201  # the connection pool still works
    assert headoffice.records() and headoffice.records()[0].id == item.record_id


def test_the_limit_follows_the_environment(tmp_path: Path, ctx: AppContext) -> None:
    with HeadOffice(f"sqlite:///{tmp_path / 'small.db'}", tmp_path, env={"BRANCHDESK_MAX_BODY": "2048"}) as office:
        token = office.add_manager(SAMPLE_MANAGER)
        item = proposal_item(ctx, SAMPLE_MANAGER)
        assert len(item.payload.encode()) > 2048
        assert push(office.url, token, item).status_code == 413
        assert push(office.url, token, item, body=b"{}").status_code == 422  # small bodies get through


def test_media_type_and_malformed_bodies(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    item = proposal_item(ctx, SAMPLE_MANAGER)
    url, token = headoffice.url, headoffice_token
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1", ""):
        answer = push(url, token, item, content_type=content_type)
        assert (answer.status_code, code(answer)) == (415, "unsupported_media_type"), content_type
    assert push(url, token, item, content_type="application/json; charset=UTF-8").status_code == 201
    nested = b"[" * 100_000 + b"]" * 100_000
    for n, bad in enumerate((b"{", b'{"a": 1, "a": 2}', b'{"a": NaN}', b'{"a": "\xff"}', b"\xef\xbb\xbf{}", nested)):
        answer = push(url, token, item, key=f"c0000000-0000-4000-8000-00000000000{n}", body=bad)
        assert (answer.status_code, code(answer)) == (400, "malformed_json"), bad
    array = push(url, token, item, key="c0000000-0000-4000-8000-0000000000aa", body=b"[]")
    assert (array.status_code, code(array)) == (422, "invalid")
    for key in ("", "short", "bad key with spaces"):
        answer = requests.post(
            f"{url}/v1/proposals",
            data=item.payload.encode(),
            timeout=5,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                **({"Idempotency-Key": key} if key else {}),
            },
        )
        assert (answer.status_code, code(answer)) == (400, "bad_request"), key
    assert requests.get(f"{url}/v1/nothing", timeout=5).json()["detail"]["code"] == "not_found"
    assert [r.id for r in headoffice.records()] == [item.record_id]


def test_scanned_receipt(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    proposal = proposal_item(ctx, SAMPLE_MANAGER)
    receipt = queued_inline(ctx, receipt_item(ctx, ProposalId(proposal.record_id), scan=PDF))  # inline, as before
    assert push(headoffice.url, headoffice_token, proposal).status_code == 201
    payload = json.loads(receipt.payload)
    assert base64.b64decode(payload["scan_base64"]) == PDF
    payload["scan_base64"] = base64.b64encode(PDF + b"x").decode()
    swapped = push(headoffice.url, headoffice_token, receipt, body=json.dumps(payload).encode())
    assert swapped.status_code == 422
    assert [(e["field"], e["rule"]) for e in swapped.json()["detail"]["errors"]] == [("scan_base64", "scan_mismatch")]
    assert push(headoffice.url, headoffice_token, receipt).status_code == 201
    assert headoffice.records("receipt")[0].body == receipt.payload


def test_a_receipt_with_the_largest_scan_fits_the_default_limit(
    headoffice: HeadOffice, headoffice_token: str, ctx: AppContext
) -> None:
    # The laptop accepts scans up to MAX_SCAN_BYTES; as base64 in JSON that is ~13.4 MiB.
    biggest = PDF + b"0" * (MAX_SCAN_BYTES - len(PDF))
    proposal = proposal_item(ctx, SAMPLE_MANAGER)
    receipt = queued_inline(ctx, receipt_item(ctx, ProposalId(proposal.record_id), scan=biggest))
    assert len(receipt.payload) > 13 * 1024 * 1024
    assert push(headoffice.url, headoffice_token, proposal).status_code == 201
    assert push(headoffice.url, headoffice_token, receipt).status_code == 201


def test_state_lives_in_the_database(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    item = proposal_item(ctx, SAMPLE_MANAGER)
    first = push(headoffice.url, headoffice_token, item)
    headoffice.kill()  # a crash, not a clean stop
    headoffice.start()
    assert push(headoffice.url, headoffice_token, item).content == first.content
    assert len(headoffice.records()) == 1


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_openapi_documents_the_contract(headoffice: HeadOffice) -> None:
    spec = requests.get(f"{headoffice.url}/openapi.json", timeout=5).json()
    assert {"/health", "/v1/proposals", "/v1/receipts", "/v1/status"} <= set(spec["paths"])
    push_op = spec["paths"]["/v1/proposals"]["post"]
    for path in ("/v1/proposals", "/v1/receipts"):
        [key] = [p for p in spec["paths"][path]["post"]["parameters"] if p["name"] == "Idempotency-Key"]
        assert (key["in"], key["required"], key["schema"]["pattern"]) == ("header", True, "^[A-Za-z0-9._:-]{8,200}$")
        assert {"201", "400", "401", "403", "408", "409", "413", "415", "422", "503"} <= set(
            spec["paths"][path]["post"]["responses"]
        )
    assert "Retry-After" in push_op["responses"]["503"]["headers"]
    assert push_op["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ProposalPush"
    }
    assert {"200", "503"} <= set(spec["paths"]["/health"]["get"]["responses"])
    assert push_op["security"] and spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    status_params = {p["name"] for p in spec["paths"]["/v1/status"]["get"]["parameters"]}
    assert {"after", "limit"} <= status_params
    schemas = spec["components"]["schemas"]
    # The documented forms stay the laptop's forms, field for field.
    assert set(schemas["ProposalForm"]["properties"]) == _fields(ProposalDoc)
    assert set(schemas["Party"]["properties"]) == _fields(PartyDoc)
    assert set(schemas["Beneficiary"]["properties"]) == _fields(BeneficiaryDoc)
    assert set(schemas["ReceiptForm"]["properties"]) == _fields(ReceiptDoc)
    assert set(schemas["ProposalPush"]["properties"]) == {"proposal", "signatures", "content_hash"}
    assert schemas["ProposalForm"]["additionalProperties"] is False


def test_a_method_not_allowed_says_which_are(headoffice: HeadOffice, headoffice_token: str) -> None:
    headers = {"Authorization": f"Bearer {headoffice_token}"}
    for method, path, allowed in (("GET", "/v1/proposals", "POST"), ("PUT", "/v1/receipts", "POST"),
                                  ("DELETE", "/health", "GET"), ("POST", "/v1/status", "GET")):  # fmt: skip
        answer = requests.request(method, headoffice.url + path, headers=headers, timeout=5)
        assert (answer.status_code, answer.headers.get("Allow"), code(answer)) == (405, allowed, "method_not_allowed")


def test_log_has_requests_but_no_token_or_body(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    item = proposal_item(ctx, SAMPLE_MANAGER)
    push(headoffice.url, headoffice_token, item)
    push(headoffice.url, headoffice_token + "x", item)
    requests.get(
        f"{headoffice.url}/v1/status?after=0", headers={"Authorization": f"Bearer {headoffice_token}"}, timeout=5
    )
    headoffice.stop()  # flushes the log
    log = headoffice.log_text()
    assert re.search(rf"POST /v1/proposals 201 manager={SAMPLE_MANAGER} \d+\.\dms$", log, re.M)
    assert re.search(r"POST /v1/proposals 401 manager=- \d+\.\dms$", log, re.M)
    assert re.search(rf"GET /v1/status 200 manager={SAMPLE_MANAGER} \d+\.\dms$", log, re.M)
    payload = json.loads(item.payload)["proposal"]
    for secret in (headoffice_token, item.key, payload["policyholder"]["name"], payload["policyholder"]["id_number"]):
        assert secret not in log


def test_a_form_that_is_not_an_object_is_named() -> None:
    """Without the server: the proposal or receipt inside a push must be a JSON object."""
    for check, key in ((check_proposal_push, "proposal"),
                       (lambda body: check_receipt_push(body, date(2026, 11, 23)), "receipt")):  # fmt: skip
        body = {
            key: ["not", "a", "form"],
            "content_hash": "0" * 64,
            **({"signatures": []} if key == "proposal" else {}),
        }
        with pytest.raises(Invalid) as refused:
            check(body)
        assert (
            FieldError(key, "J003_wrong_type", f"{key} must be an object.", f"{key} 应为对象。") in refused.value.errors
        )
