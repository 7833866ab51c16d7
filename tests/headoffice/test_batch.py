"""POST /v1/batch and gzip bodies against the real server, on SQLite and on PostgreSQL (issue 20).

Each batch item must be answered exactly as its single endpoint answers the same body under the
same key (status and JSON), one bad item never failing the others; a malformed batch is a 400 or
422, never a 5xx, and stores nothing.  A gzip body counts against the size limit once inflated:
a bomb is 413, a broken stream 400, an unknown encoding 415.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests

from app.context import AppContext
from app.rules.ids import ProposalId
from sync.http import gzip_bytes
from sync.wire import BATCH_PATH, batch_text
from tests.headoffice.laptop import Item, proposal_item, push, receipt_item
from tests.headoffice.server import HeadOffice
from tests.headoffice.test_pushes import edited

Manager = tuple[str, str]  # code, token
MIB = 1024 * 1024
KEY = "e0000000-0000-4000-8000-00000000000"  # + one hex digit


def post_batch(office: HeadOffice, token: str, body: bytes, *, encoding: str | None = "gzip") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if encoding is not None:
        headers["Content-Encoding"] = encoding
        if encoding == "gzip":
            body = gzip_bytes(body)
    return requests.post(office.url + BATCH_PATH, data=body, headers=headers, timeout=60)


def batch_of(*items: tuple[Item, str | None, str | None]) -> bytes:
    """(item, key or None for its own, payload or None for its own) → a batch body."""
    return batch_text([(item.kind, key or item.key, payload or item.payload) for item, key, payload in items])


def results(response: requests.Response) -> list[tuple[str, int, dict[str, Any]]]:
    assert response.status_code == 200, response.text
    return [(r["key"], r["status"], r["body"]) for r in response.json()["results"]]


def test_each_item_is_answered_as_its_single_push_and_one_bad_item_fails_no_other(
    office: HeadOffice, manager: Manager, ctx: AppContext
) -> None:
    code, token = manager
    first, second, third = (proposal_item(ctx, code) for _ in range(3))
    receipt = receipt_item(ctx, ProposalId(first.record_id))
    tampered = edited(second, lambda p: p["proposal"].update(product_name="改过"), rehash=False)
    conflict_key = first.key  # the first item's key with another item's body: 409
    body = batch_of((first, None, None), (second, None, tampered.decode()), (third, conflict_key, None),
                    (third, None, None), (receipt, None, None))  # fmt: skip
    answered = results(post_batch(office, token, body))
    assert [(key, status) for key, status, _body in answered] == [
        (first.key, 201), (second.key, 422), (conflict_key, 409), (third.key, 201), (receipt.key, 201),
    ]  # fmt: skip
    assert answered[1][2]["detail"]["errors"][0]["field"] == "content_hash"
    assert answered[2][2]["detail"]["code"] == "idempotency_conflict"
    assert {r.id for r in office.records() if r.manager_code == code} == {
        first.record_id,
        third.record_id,
        receipt.record_id,
    }
    stored = {r.id: r for r in office.records()}
    assert stored[first.record_id].body == first.payload  # the item's bytes, cut out of the batch verbatim

    # The single endpoint gives each the very same answer: replays of what the batch stored,
    # and the same refusals.
    for item, payload, (_key, status, answer) in ((first, None, answered[0]), (receipt, None, answered[4]),
                                                   (second, tampered, answered[1])):  # fmt: skip
        single = push(office.url, token, item, body=payload)
        assert (single.status_code, single.json()) == (status, answer)
    # And the batch again: every answer the same (the 201s are replays, byte for byte the first).
    assert results(post_batch(office, token, body)) == answered
    # Now the second item fixed, alone in a batch, uncompressed: accepted.
    assert results(post_batch(office, token, batch_of((second, None, None)), encoding=None))[0][1] == 201


def test_malformed_batches_are_400_or_422_and_store_nothing(office: HeadOffice, manager: Manager,
                                                              ctx: AppContext) -> None:  # fmt: skip
    code, token = manager
    item = proposal_item(ctx, code)
    good = json.loads(batch_of((item, None, None)))["items"][0]
    many = [{**good, "key": f"{KEY}{n % 10}{n:04d}"} for n in range(101)]
    cases: list[tuple[str, bytes, int]] = [
        ("not JSON", b"{items: []}", 400),
        ("not UTF-8", b'{"items": ["\xff"]}', 400),
        ("empty", b"", 400),
        ("trailing data", batch_of((item, None, None)) + b" []", 400),
        ("a body cut short", b'{"items": [{"kind": "proposal", "key": "' + item.key.encode() + b'", "body": {"a"', 400),
        ("nested without end", b'{"items": [{"body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}", 400),
        ("a list", b"[]", 422),
        ("no items", b"{}", 422),
        ("items not a list", b'{"items": {}}', 422),
        ("items twice", b'{"items": [], "items": []}', 422),
        ("another key", b'{"items": [], "more": 1}', 422),
        ("101 items", json.dumps({"items": many}).encode(), 422),
        ("an item not an object", b'{"items": [1]}', 422),
        ("an unknown kind", json.dumps({"items": [{**good, "kind": "letter"}]}).encode(), 422),
        ("a bad key", json.dumps({"items": [{**good, "key": "short"}]}).encode(), 422),
        ("no body", json.dumps({"items": [{"kind": "proposal", "key": item.key}]}).encode(), 422),
        ("an extra field", json.dumps({"items": [{**good, "extra": 1}]}).encode(), 422),
        ("a key given twice", b'{"items": [{"kind": "proposal", "kind": "receipt", "key": "x", "body": {}}]}', 422),
    ]
    for name, body, status in cases:
        for encoding in (None, "gzip"):
            answer = post_batch(office, token, body, encoding=encoding)
            assert answer.status_code == status, (name, encoding, answer.text)
            detail = answer.json()["detail"]
            assert detail["code"] == ("malformed_json" if status == 400 else "invalid"), (name, detail)
    assert [r for r in office.records() if r.manager_code == code] == []
    # A batch of nothing is a batch: nothing to answer.
    assert results(post_batch(office, token, b'{"items": []}')) == []


def test_gzip_bodies_on_single_pushes(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    item = proposal_item(ctx, code)
    plain = item.payload.encode("utf-8")

    def send(data: bytes, encoding: str | None = "gzip", key: str | None = None) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                   "Idempotency-Key": key or item.key}  # fmt: skip
        if encoding is not None:
            headers["Content-Encoding"] = encoding
        return requests.post(office.url + item.path, data=data, headers=headers, timeout=60)

    packed = gzip.compress(plain)
    assert len(packed) < len(plain) / 2  # the form and its strokes compress well
    refusals: list[tuple[str, bytes, str | None, int, str]] = [
        ("a gzip bomb: 17 MiB of zeros in 17 kB", gzip.compress(b"0" * (17 * MIB)), "gzip", 413, "too_large"),
        ("a bomb of valid JSON", gzip.compress(b'{"a": "' + b" " * (17 * MIB) + b'"}'), "gzip", 413, "too_large"),
        ("not gzip at all", plain, "gzip", 400, "bad_encoding"),
        ("a stream cut short", packed[: len(packed) // 2], "gzip", 400, "bad_encoding"),
        ("bytes after the stream", packed + b"junk", "gzip", 400, "bad_encoding"),
        # Past one inflated piece, the trailing bytes stayed in zlib's tail: inflating looped for ever.
        ("bytes after a long stream", gzip.compress(b" " * (300 * 1024)) + b"junk", "gzip", 400, "bad_encoding"),
        ("a bad checksum", packed[:-8] + bytes([packed[-8] ^ 1]) + packed[-7:], "gzip", 400, "bad_encoding"),
        ("empty", b"", "gzip", 400, "bad_encoding"),
        ("brotli", packed, "br", 415, "unsupported_encoding"),
        ("two codings", gzip.compress(packed), "gzip, gzip", 415, "unsupported_encoding"),
        ("deflate", packed, "deflate", 415, "unsupported_encoding"),
    ]
    for name, data, encoding, status, detail in refusals:
        answer = send(data, encoding)
        assert (answer.status_code, answer.json()["detail"]["code"]) == (status, detail), (name, answer.text)
    assert [r for r in office.records() if r.manager_code == code] == []

    accepted = send(packed)
    assert accepted.status_code == 201, accepted.text
    # The same bytes, whichever way they travel: a plain replay is the same push.
    assert (send(plain, None).status_code, send(plain, None).json()) == (201, accepted.json())
    assert send(packed, "GZIP").json() == accepted.json()  # codings are case-insensitive
    (record,) = [r for r in office.records() if r.manager_code == code]
    assert record.body == item.payload


def test_a_batch_is_inflated_within_the_size_limit_only(office: HeadOffice, manager: Manager,
                                                         ctx: AppContext) -> None:  # fmt: skip
    """17 MiB of batch inflated from 17 kB is refused whole: 413, nothing stored."""
    code, token = manager
    item = proposal_item(ctx, code)
    padding = b" " * (17 * MIB)
    body = b'{"items": [' + batch_of((item, None, None))[len(b'{"items":[') : -2] + padding + b"]}"
    answer = post_batch(office, token, body)
    assert (answer.status_code, answer.json()["detail"]["code"]) == (413, "too_large")
    assert [r for r in office.records() if r.manager_code == code] == []
