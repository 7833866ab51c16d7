"""Both ends take the wire from `sync.wire`; the server's documentation models say the same."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from starlette.routing import Route

from app.rules.proposal import canonical_text, content_hash
from sync import wire
from sync.headoffice import schemas
from sync.headoffice.app import create_app
from sync.headoffice.documents import Invalid, check_proposal_push


def test_the_openapi_models_have_the_wire_s_keys() -> None:
    assert tuple(schemas.ProposalPush.model_fields) == wire.PROPOSAL_KEYS
    assert tuple(schemas.ReceiptPush.model_fields) == (*wire.RECEIPT_KEYS, wire.SCAN_KEY)
    assert tuple(schemas.SignatureEntry.model_fields) == wire.SIGNATURE_KEYS
    assert tuple(schemas.Accepted.model_fields) == wire.ACCEPTED_KEYS
    assert set(schemas.BatchItem.model_fields) == {"kind", "key", "body"}
    assert schemas.BatchPush.model_json_schema()["properties"]["items"]["maxItems"] == wire.BATCH_MAX_ITEMS


def test_a_batch_carries_each_payload_verbatim_and_its_results_are_checked_item_by_item() -> None:
    payload = '{"content_hash":"x","proposal":{"name":"张伟"}}'
    text = wire.batch_text([(wire.PROPOSAL, "k-00000001", payload), (wire.RECEIPT, "k-00000002", "{}")])
    assert payload.encode("utf-8") in text
    assert json.loads(text) == {"items": [
        {"body": json.loads(payload), "key": "k-00000001", "kind": "proposal"},
        {"body": {}, "key": "k-00000002", "kind": "receipt"},
    ]}  # fmt: skip
    keys = ["k-00000001", "k-00000002"]
    good = [{"key": key, "status": 201, "body": {}} for key in keys]
    assert wire.batch_result_gaps(good, keys) == []
    assert wire.batch_result_gaps(good[:1], keys) == ["1 results for 2 items"]
    assert wire.batch_result_gaps(good[::-1], keys) == ["result 0 is not for item k-00000001",
                                                        "result 1 is not for item k-00000002"]  # fmt: skip
    assert wire.batch_result_gaps([{"key": keys[0], "status": True}, good[1]], keys) == ["result 0 has no status"]
    assert wire.batch_result_gaps({"results": good}, keys) == ["no list of results"]


def test_the_server_serves_the_wire_s_paths(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'hq.db'}")
    served = {route.path for route in app.routes if isinstance(route, Route) and route.include_in_schema}
    assert served == {wire.HEALTH_PATH, wire.STATUS_PATH, *wire.PUSH_PATHS.values(), *wire.REFERENCE_PATHS.values(),
                      wire.BATCH_PATH, wire.VERSION_PATH}  # fmt: skip
    assert set(wire.PUSH_PATHS) == set(wire.OUTBOX_KINDS)


def test_the_server_s_answer_is_what_the_laptop_takes_as_an_acknowledgement() -> None:
    answer = wire.accepted("r-1", wire.RECEIPT, "2026-01-05T08:00:00.000000Z", 7)
    assert tuple(answer) == wire.ACCEPTED_KEYS
    assert wire.acknowledgement_gaps(wire.PUSH_CREATED, answer, wire.RECEIPT, "r-1") == []
    assert wire.acknowledgement_gaps(wire.PUSH_CREATED, answer, wire.PROPOSAL, "r-1") == [
        'kind "receipt" instead of proposal'
    ]


def test_the_hash_covers_the_document_not_what_transport_adds() -> None:
    document = wire.receipt_document({"id": "r-1", "scan": {"size": 3}})
    envelope = wire.push_envelope(document, content_hash(document), b"abc")
    assert envelope[wire.SCAN_KEY] == base64.b64encode(b"abc").decode("ascii")
    assert wire.hashed_part(wire.RECEIPT, envelope) == document
    assert content_hash(wire.hashed_part(wire.RECEIPT, envelope)) == envelope[wire.HASH_KEY]
    assert wire.SCAN_KEY not in wire.push_envelope(document, "0" * 64)


def test_signatures_go_sorted_by_role_and_the_server_reads_the_envelope_it_gets() -> None:
    document = wire.proposal_document({"id": "p-1"}, {"policyholder": "[]", "insured": "[[1]]"})
    assert [entry["role"] for entry in document["signatures"]] == ["insured", "policyholder"]
    assert canonical_text(wire.push_envelope(document, "x")).startswith('{"content_hash":"x","proposal":')
    with pytest.raises(Invalid) as caught:  # the form is a stub: only the envelope must pass
        check_proposal_push(wire.push_envelope(document, content_hash(document)))
    assert [e for e in caught.value.errors if e.field in wire.PROPOSAL_KEYS and e.field != "signatures"] == []
    assert "J001_missing_field" in {e.rule for e in caught.value.errors}  # the stub's form, not the envelope
