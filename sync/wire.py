"""The wire between a laptop and head office, defined once: paths, push envelopes, replies.

Pure: imports nothing of ours and nothing outside the standard library, so the laptop's core
(`app`), its sync client (`sync.http`) and the head-office server (`sync.headoffice`) all
import it; a change here is a change of protocol for both ends at once.

A push is the laptop's outbox payload, stored and sent byte for byte: the envelope below
written as canonical JSON (`app.rules.proposal.canonical_text`: keys sorted, compact
separators, Chinese kept as characters, UTF-8). `content_hash` is the SHA-256 of the canonical
text of the *document* (the envelope without `content_hash` and `scan_base64`; see
`app.rules.proposal.content_hash`), so it covers every signed byte and nothing added for
transport:

    POST /v1/proposals  {"proposal": <JSON form>, "signatures": [{"role", "strokes_json"}, ...],
                         "content_hash"}                 signatures sorted by role
    POST /v1/receipts   {"receipt": <JSON form>, "content_hash"[, "scan_base64"]}
                                                         scan_base64 only when receipt.scan is set

Head office acknowledges a push with HTTP 201 and `Accepted` (`accepted`), and a replay with
the same key and body gets that same answer again, byte for byte.

Several pushes travel in one request (issue 20):

    POST /v1/batch      {"items": [{"body": <the push's payload, verbatim>, "key": <Idempotency-Key>,
                                    "kind"}, ...]}       at most BATCH_MAX_ITEMS
                     -> {"results": [{"key", "status": <the single push's HTTP status>,
                                      "body": <its JSON answer>}, ...]}   in the same order

Any POST may be sent with `Content-Encoding: gzip`.

A scan or an attachment may travel on its own first, resumably, over tus 1.0.0 (core +
creation) at UPLOADS_PATH (issue 20), and the push then names it instead of carrying it:

    POST  /v1/uploads         Tus-Resumable: 1.0.0, Upload-Length: N (1..UPLOAD_MAX_BYTES),
                              Upload-Metadata: filename <b64>, filetype <b64>, sha256 <b64>
                           -> 201 + Location (4xx for bad metadata: UPLOAD_MIMES, 64 lower-case hex)
    HEAD  <Location>       -> Upload-Offset, Upload-Length; 404/410 unknown or expired: start anew
    PATCH <Location>          Content-Type: application/offset+octet-stream, Upload-Offset: k,
                              body = bytes [k, k + len), pieces of UPLOAD_PIECE_BYTES
                           -> 204 + Upload-Offset; 409 when k is not head office's offset
    The last piece: head office checks the SHA-256 of the whole file and files it by its
    SHA-256 (a file held already stays as it is); a mismatch deletes the upload and answers
    UPLOAD_SHA256_MISMATCH_STATUS with code UPLOAD_SHA256_MISMATCH.

    by reference:  a receipt without `scan_base64` (receipt.scan gives mime, size, sha256);
                   an attachment entry without ATTACHMENT_DATA_KEY (name, mime, size, sha256).
                   Not uploaded (or another size) -> 409 with code UPLOAD_MISSING, also as a
                   batch item's result: upload it again, then send the push again.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any, Final

PROPOSAL: Final = "proposal"
RECEIPT: Final = "receipt"
KINDS: Final = (PROPOSAL, RECEIPT)  # the hashed documents (content_hash)
# Issue 19: an answer to a letter or problem case, and a change/withdrawal request before issue.
ANSWER: Final = "answer"
REQUEST: Final = "request"
OUTBOX_KINDS: Final = (PROPOSAL, RECEIPT, ANSWER, REQUEST)  # the outbox's item kinds
PAPER: Final = "paper"  # a proposal's "source" when it was filled on paper at the counter

HEALTH_PATH: Final = "/health"
STATUS_PATH: Final = "/v1/status"
PUSH_PATHS: Final[Mapping[str, str]] = {
    PROPOSAL: "/v1/proposals",
    RECEIPT: "/v1/receipts",
    ANSWER: "/v1/answers",
    REQUEST: "/v1/requests",
}
BATCH_PATH: Final = "/v1/batch"
BATCH_MAX_ITEMS: Final = 100
# Reference data head office publishes (the holiday calendar, the product catalogue), by the
# name the path and `branchdesk-headoffice publish` use; each file's own "kind" is in
# REFERENCE_FILE_KINDS. GET answers the latest with a strong ETag; If-None-Match → 304.
CALENDAR: Final = "calendar"
PRODUCTS: Final = "products"
REFERENCE_PATHS: Final[Mapping[str, str]] = {CALENDAR: "/v1/reference/calendar", PRODUCTS: "/v1/reference/products"}
REFERENCE_FILE_KINDS: Final[Mapping[str, str]] = {CALENDAR: "holiday-calendar", PRODUCTS: "product-catalogue"}
# The laptop app's current version and its notes (issue 21): GET, {"version", "notes": {"zh_CN", "en"},
# "published_at"}; 404 not_published before head office announces one.
VERSION_PATH: Final = "/v1/version"

# The envelope's keys: the hashed document's, the hash, and the one a scanned receipt adds.
HASH_KEY: Final = "content_hash"
SCAN_KEY: Final = "scan_base64"
DOCUMENT_KEYS: Final[Mapping[str, tuple[str, ...]]] = {PROPOSAL: (PROPOSAL, "signatures"), RECEIPT: (RECEIPT,)}
PROPOSAL_KEYS: Final = (*DOCUMENT_KEYS[PROPOSAL], HASH_KEY)  # all required
RECEIPT_KEYS: Final = (*DOCUMENT_KEYS[RECEIPT], HASH_KEY)  # required; SCAN_KEY with a scan only
SIGNATURE_KEYS: Final = ("role", "strokes_json")  # one entry of a proposal's "signatures"

# Resumable uploads (tus 1.0.0) of scans and attachments, and what refers to them (issue 20).
UPLOADS_PATH: Final = "/v1/uploads"
TUS_VERSION: Final = "1.0.0"
UPLOAD_PIECE_BYTES: Final = 256 * 1024  # a PATCH body the laptop sends
UPLOAD_MAX_BYTES: Final = 16 * 1024 * 1024  # Upload-Length at most
UPLOAD_MIMES: Final = ("image/jpeg", "image/png", "application/pdf")  # the metadata's filetype
UPLOAD_METADATA_KEYS: Final = ("filename", "filetype", "sha256")  # each value base64 in Upload-Metadata
# Optional metadata: "encoding gzip" says the uploaded bytes are the file gzipped (a scan of white
# paper shrinks by a sixth); head office inflates them (to UPLOAD_MAX_BYTES at most) before the
# SHA-256, which is always the file's own.
UPLOAD_ENCODING_KEY: Final = "encoding"
UPLOAD_ENCODINGS: Final = ("gzip",)
ATTACHMENT_DATA_KEY: Final = "data_b64"  # an attachment entry's inline bytes; left out by reference
UPLOAD_MISSING: Final = "upload_missing"  # 409: the push names a file head office does not hold
UPLOAD_SHA256_MISMATCH: Final = "upload_sha256_mismatch"  # the last PATCH: the file is not its sha256
UPLOAD_SHA256_MISMATCH_STATUS: Final = 460  # tus's "checksum mismatch"

# Head office's answer to an accepted push (HTTP 201): its keys, in the order it writes them.
PUSH_CREATED: Final = 201
ACCEPTED_KEYS: Final = ("id", "kind", "status", "received_at", "seq")
RECEIVED: Final = "received"


def proposal_document(form: Mapping[str, Any], strokes_by_role: Mapping[str, str]) -> dict[str, Any]:
    """The hashed document of a finished proposal: its JSON form and every signature's stored
    strokes text (`strokes_by_role`: role -> strokes_json), sorted by role."""
    return {
        PROPOSAL: form,
        "signatures": [{"role": role, "strokes_json": strokes_by_role[role]} for role in sorted(strokes_by_role)],
    }


def paper_proposal_document(
    proposal_id: str,
    *,
    form_number: str,
    application_date: str,
    product_code: str,
    product_name: str,
    premium_cents: int,
    policyholder_name: str,
    insured_name: str,
    review: Mapping[str, bool],
    manager_code: str,
) -> dict[str, Any]:
    """The hashed document of a proposal filled on paper (issue 19), pushed like any proposal
    (`push_envelope(document, content_hash(document))` to /v1/proposals): no signatures, since
    the client signed the paper form; `application_date` ISO (YYYY-MM-DD); `review` the initial
    review checklist, every item true. Head office checks only these fields for paper."""
    return {
        PROPOSAL: {
            "id": proposal_id,
            "source": PAPER,
            "paper_form_number": form_number,
            "application_date": application_date,
            "product_code": product_code,
            "product_name": product_name,
            "premium_cents": premium_cents,
            "policyholder": {"name": policyholder_name},
            "insured": {"name": insured_name},
            "review": {item: bool(ticked) for item, ticked in sorted(review.items())},
            "manager_code": manager_code,
        },
        "signatures": [],
    }


def attachment_entry(name: str, mime: str, data: bytes, sha256: str) -> dict[str, Any]:
    """One attachment of an answer or a request: its bytes as base64 and their SHA-256 (hex),
    which head office checks."""
    return {"name": name, "mime": mime, "size": len(data), "sha256": sha256,
            "data_b64": base64.b64encode(data).decode("ascii")}  # fmt: skip


def answer_document(
    *,
    answer_id: str,
    proposal_id: str,
    letter_id: str,
    kind: str,
    text: str,
    answered_at: str,
    decision: str | None,
    signatures: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
) -> dict[str, Any]:
    """POST /v1/answers: an answer to head office's letter `letter_id` (head office's own id) of
    `kind`; `signatures` [{"role", "name", "png_b64", "sha256"}] for an underwriting decision."""
    return {"answer_id": answer_id, "proposal_id": proposal_id, "letter_id": letter_id, "kind": kind,
            "text": text, "answered_at": answered_at, "decision": decision,
            "signatures": signatures, "attachments": attachments}  # fmt: skip


def request_document(
    *,
    request_id: str,
    proposal_id: str,
    kind: str,
    reason: str,
    details: Mapping[str, str],
    requested_at: str,
    attachments: list[dict[str, Any]],
) -> dict[str, Any]:
    """POST /v1/requests: a change ("change", `details` field -> new value) or a withdrawal
    ("withdraw") of an application before issue."""
    return {"request_id": request_id, "proposal_id": proposal_id, "kind": kind, "reason": reason,
            "details": dict(details), "requested_at": requested_at, "attachments": attachments}  # fmt: skip


def receipt_document(form: Mapping[str, Any]) -> dict[str, Any]:
    """The hashed document of a signed receipt: its JSON form."""
    return {RECEIPT: form}


def push_envelope(document: Mapping[str, Any], digest: str, scan: bytes | None = None) -> dict[str, Any]:
    """What is pushed: the document, its `content_hash` and, for a scanned receipt, the scan's
    bytes as base64 (outside the hash: the form already holds the scan's size and SHA-256)."""
    envelope = {**document, HASH_KEY: digest}
    if scan is not None:
        envelope[SCAN_KEY] = base64.b64encode(scan).decode("ascii")
    return envelope


def hashed_part(kind: str, envelope: Mapping[str, Any]) -> dict[str, Any]:
    """The document inside a push envelope of `kind`: what its `content_hash` covers (keys
    missing from `envelope` are left out; whoever checks says they are missing)."""
    return {key: envelope[key] for key in DOCUMENT_KEYS[kind] if key in envelope}


def batch_text(items: list[tuple[str, str, str]]) -> bytes:
    """The body of POST /v1/batch for (kind, key, payload) items: each payload written in
    verbatim, so head office hashes and stores exactly the bytes a single push would carry."""
    entries = [
        b'{"body":' + payload.encode("utf-8") + b',"key":' + json.dumps(key).encode("ascii")
        + b',"kind":' + json.dumps(kind).encode("ascii") + b"}"
        for kind, key, payload in items
    ]  # fmt: skip
    return b'{"items":[' + b",".join(entries) + b"]}"


def batch_result_gaps(results: object, keys: list[str]) -> list[str]:
    """Why `results` (the answer's "results") is not one result per key sent, in order, each
    `{"key", "status": int, "body"}`; empty when it is."""
    if not isinstance(results, list):
        return ["no list of results"]
    if len(results) != len(keys):
        return [f"{len(results)} results for {len(keys)} items"]
    wrong: list[str] = []
    for index, (result, key) in enumerate(zip(results, keys, strict=True)):
        if not isinstance(result, dict) or result.get("key") != key:
            wrong.append(f"result {index} is not for item {key}")
        elif not isinstance(result.get("status"), int) or isinstance(result.get("status"), bool):
            wrong.append(f"result {index} has no status")
    return wrong


def accepted(record_id: str, kind: str, received_at: str, seq: int) -> dict[str, Any]:
    """Head office's acknowledgement of a push (`received_at` ISO 8601 UTC, `seq` its number)."""
    return {"id": record_id, "kind": kind, "status": RECEIVED, "received_at": received_at, "seq": seq}


def acknowledgement_gaps(status: int, body: object, kind: str, record_id: str) -> list[str]:
    """Why (`status`, `body`) is not head office's acknowledgement of the push of `kind`
    `record_id`, in plain English; empty when it is exactly that."""
    wrong: list[str] = []
    if status != PUSH_CREATED:
        wrong.append(f"HTTP {status} instead of {PUSH_CREATED}")
    if not isinstance(body, dict):
        wrong.append("no JSON object")
        return wrong
    expected = {"id": record_id, "kind": kind, "status": RECEIVED}
    wrong += [f"{name} {_shown(body.get(name))} instead of {value}" for name, value in expected.items()
              if body.get(name) != value]  # fmt: skip
    if not isinstance(body.get("received_at"), str):
        wrong.append("no received_at time")
    seq = body.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool):
        wrong.append("no seq number")
    return wrong


def _shown(value: object) -> str:
    """A value from the answer, short enough for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
