"""What a pushed proposal or receipt must be before head office accepts it.

The body is the laptop's outbox payload, in the envelope both ends take from `sync.wire`:

    proposal: {"proposal": <JSON form>, "signatures": [{"role", "strokes_json"}], "content_hash"}
    receipt:  {"receipt": <JSON form>, "content_hash"[, "scan_base64"]}

A receipt whose scan was uploaded first (tus, sync/headoffice/uploads.py) comes without
`scan_base64`: its bytes are taken from `uploaded_files` by the form's scan SHA-256 and size
(`lookup`) and checked exactly as inline ones; one not uploaded is 409 `upload_missing`.

Checked with the laptop's own pure rules (`app.rules.*`), so a form the laptop accepted is
never refused here for a rule the laptop knew: the JSON form and its limits (`from_json`,
codes J…, `app.rules.limits`; the body itself was read with `app.rules.wire_json`), the
proposal rules (`check_proposal`, P…), the receipt rules (`check_receipt`, R…), signatures
(`check_signature`) and the scan (`check_scan`).  `content_hash` is recomputed over the
received document with the laptop's canonical JSON (keys sorted, compact separators,
Chinese kept as characters, UTF-8, SHA-256).

Field paths are relative to the form (`policyholder.birth_date`, `policy_number`), so the
laptop can put each error beside its field; envelope keys keep their own names
(`signatures[0].strokes_json`, `content_hash`, `scan_base64`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from app.rules import proposal as proposal_form
from app.rules import receipt as receipt_form
from app.rules import signature as signature_rules
from app.rules.limits import count_problem, shown
from app.rules.problem import Problem
from app.rules.proposal import SIGNER_ROLES, content_hash, required_roles
from app.rules.proposal_rules import check_proposal
from sync import wire
from sync.wire import PROPOSAL_KEYS, RECEIPT_KEYS, SCAN_KEY

if TYPE_CHECKING:
    from app.rules.product_catalogue import ProductCatalogue
    from sync.headoffice.transport import ApiError

Doc = TypeVar("Doc")  # the form a from_json reads: ProposalDoc or ReceiptDoc
SHA256_HEX = set("0123456789abcdef")
# The bytes of an uploaded file by (sha256, size), or None when head office holds none.
Lookup = Callable[[str, int], bytes | None]


@dataclass(frozen=True)
class FieldError:
    field: str
    rule: str
    message_en: str
    message_zh: str


class Invalid(Exception):
    """The body is JSON but not an acceptable document; `errors` say why, field by field."""

    def __init__(self, message: str, errors: list[FieldError]) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors


@dataclass(frozen=True)
class Checked:
    kind: str  # proposal | receipt
    record_id: str
    content_hash: str
    manager_code: str | None  # a proposal's manager; a receipt's comes from its proposal
    proposal_id: str | None  # the proposal a receipt (answer, request) delivers or concerns
    # An answer's or request's body and its checked attachments (sync/headoffice/followups.py).
    document: dict[str, Any] | None = None
    files: tuple[dict[str, Any], ...] = ()


def upload_missing(fields: Iterable[str]) -> ApiError:
    """409 for a push naming files (by SHA-256) head office does not hold: upload them, push again."""
    # Here, not at the top: the transport needs uvicorn, and the CLI must still say how to
    # install it when it is missing (tests/test_two_installs.py).
    from sync.headoffice.transport import ApiError

    en = "The file is named by its SHA-256 but was not uploaded (or has another size): upload it, then send again."
    zh = "该文件尚未上传到总部（或大小不符），请先上传文件再重新发送。"
    errors = [{"field": name, "rule": wire.UPLOAD_MISSING, "message_en": en, "message_zh": zh} for name in fields]
    return ApiError(409, wire.UPLOAD_MISSING, en, errors=errors)


def latest_today() -> date:
    """The latest calendar day anywhere on Earth (UTC+14): a laptop's own "today" is never in
    head office's future, whichever zone either is in."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def _from_problem(problem: Problem) -> FieldError:
    return FieldError(problem.field, problem.code, problem.en, problem.zh_CN)


def _envelope(data: object, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[FieldError]:
    if not isinstance(data, dict):
        raise Invalid(
            "The body must be a JSON object.",
            [FieldError("", "J003_wrong_type", "The body must be a JSON object.", "请求体应为 JSON 对象。")],
        )
    errors = [
        FieldError(key, "J002_unknown_field", f"{key} is not a field of this document.", f"{key} 不是该文档的字段。")
        for key in [shown(key) for key in data if key not in keys + optional]
    ]
    errors += [FieldError(key, "J001_missing_field", f"{key} is missing.", f"缺少 {key}。")
               for key in keys if key not in data]  # fmt: skip
    return errors


def _parsed(data: dict[str, Any], key: str, from_json: Callable[[dict[str, Any]], tuple[Doc | None, Sequence[Problem]]],
            errors: list[FieldError]) -> Doc | None:  # fmt: skip
    """The form under `key` read with `from_json`; what is wrong with it is added to `errors`."""
    if key not in data:
        return None  # _envelope has said it is missing
    form = data[key]
    if not isinstance(form, dict):
        errors.append(FieldError(key, "J003_wrong_type", f"{key} must be an object.", f"{key} 应为对象。"))
        return None
    doc, problems = from_json(form)
    errors += [_from_problem(p) for p in problems]
    return doc


def _hash_errors(given: object, computed: str) -> list[FieldError]:
    if not isinstance(given, str) or len(given) != 64 or not set(given) <= SHA256_HEX:
        return [
            FieldError(
                "content_hash",
                "content_hash",
                "content_hash must be 64 lower-case hex digits.",
                "content_hash 应为 64 位小写十六进制数。",
            )
        ]
    if given != computed:
        return [
            FieldError(
                "content_hash",
                "content_hash",
                "content_hash does not match the document: it changed after it was signed, or was sent incomplete.",
                "content_hash 与文档不符：文档在签署后被改动，或传输不完整。",
            )
        ]
    return []


def _signature_errors(raw: str, field: str) -> list[FieldError]:
    try:
        signature = signature_rules.from_json(raw)
    except ValueError:  # wire_json's refusals (1e400, nesting, ...) included
        return [
            FieldError(field, "signature_unreadable", "The signature's strokes cannot be read.", "无法读取签名笔迹。")
        ]
    return [FieldError(field, p.code, p.en, p.zh_CN) for p in signature_rules.check_signature(signature)]


def _proposal_signatures(value: object, doc: proposal_form.ProposalDoc | None) -> list[FieldError]:
    if not isinstance(value, list):
        return [FieldError("signatures", "J003_wrong_type", "signatures must be an array.", "signatures 应为数组。")]
    too_many = count_problem(len(value), "signatures", len(SIGNER_ROLES), ("signatures", "签名"))
    if too_many is not None:
        return [_from_problem(too_many)]  # not one error per entry of a list that long
    errors: list[FieldError] = []
    roles: list[str] = []
    for i, entry in enumerate(value):
        path = f"signatures[{i}]"
        if not isinstance(entry, dict) or set(entry) != set(wire.SIGNATURE_KEYS):
            errors.append(
                FieldError(
                    path,
                    "J003_wrong_type",
                    f'{path} must be {{"role", "strokes_json"}}.',
                    f'{path} 应为 {{"role", "strokes_json"}} 对象。',
                )
            )
            continue
        role, strokes = entry["role"], entry["strokes_json"]
        if role not in SIGNER_ROLES or role in roles:
            errors.append(
                FieldError(
                    f"{path}.role",
                    "J005_bad_value",
                    f"{path}.role must be policyholder or insured, each once.",
                    f"{path}.role 应为 policyholder 或 insured，且各只一次。",
                )
            )
            continue
        roles.append(role)
        if not isinstance(strokes, str):
            errors.append(
                FieldError(
                    f"{path}.strokes_json",
                    "J003_wrong_type",
                    f"{path}.strokes_json must be text.",
                    f"{path}.strokes_json 应为文本。",
                )
            )
            continue
        errors += _signature_errors(strokes, f"{path}.strokes_json")
    required = required_roles(doc) if doc is not None else SIGNER_ROLES
    for role in required:
        if role not in roles:
            errors.append(
                FieldError(
                    "signatures",
                    f"signature.{role}:missing",
                    f"The {role}'s signature is missing.",
                    f"缺少{'投保人' if role == 'policyholder' else '被保险人'}签名。",
                )
            )
    return errors


def check_proposal_push(data: object, catalogues: Callable[[int], ProductCatalogue | None] | None = None) -> Checked:
    """The pushed proposal, or `Invalid` listing every problem found.

    `catalogues` gives the catalogue of a version number (every version head office ever
    published, and the shipped one; sync/headoffice/references.py): the proposal is checked
    against the version it was filled under, so an older version's products stay acceptable
    under their own rules.  A version head office does not know is refused (422, never a 500).
    Without `catalogues`, only the form's own rules are checked (no product rules)."""
    errors = _envelope(data, PROPOSAL_KEYS)
    assert isinstance(data, dict)  # _envelope refused anything else
    doc = _parsed(data, wire.PROPOSAL, proposal_form.from_json, errors)
    if doc is not None:
        errors += _catalogue_errors(doc, catalogues)
    if "signatures" in data:
        errors += _proposal_signatures(data["signatures"], doc)
    if all(key in data for key in PROPOSAL_KEYS):
        errors += _hash_errors(data[wire.HASH_KEY], content_hash(wire.hashed_part(wire.PROPOSAL, data)))
    if errors or doc is None:
        raise Invalid(f"The proposal was refused: {len(errors)} problem(s).", errors)
    return Checked(wire.PROPOSAL, doc.id, data[wire.HASH_KEY], doc.manager_code, None)


def _catalogue_errors(doc: proposal_form.ProposalDoc,
                      catalogues: Callable[[int], ProductCatalogue | None] | None) -> list[FieldError]:  # fmt: skip
    """The proposal's rules under the catalogue version it names.  The rules alone when it names
    none (filled before the catalogue) or no catalogues are given (a caller outside the server
    checking the form's own rules)."""
    version = doc.catalogue_version
    if version is None or catalogues is None:
        return [_from_problem(p) for p in check_proposal(doc)]
    catalogue = catalogues(version)
    if catalogue is None:
        return [FieldError(
            "catalogue_version", "catalogue_version_unknown",
            f"The proposal was filled under product catalogue version {version}, which head office never "
            "published: it cannot be checked.",
            f"投保单依据的产品目录版本 {version} 不是总公司发布过的版本，无法审核。",
        )]  # fmt: skip
    return [_from_problem(p) for p in check_proposal(doc, catalogue)]


def _scan_errors(scan: receipt_form.ScanRef | None, data: dict[str, Any], lookup: Lookup | None,
                 missing: list[str]) -> list[FieldError]:  # fmt: skip
    """What is wrong with the scan's bytes, inline or (without scan_base64, given `lookup`)
    uploaded; a scan not uploaded goes to `missing`."""
    encoded = data.get(SCAN_KEY)
    if scan is None:
        if SCAN_KEY in data:
            return [
                FieldError(
                    "scan_base64",
                    "J002_unknown_field",
                    "scan_base64 is sent only with a scan.",
                    "只有附扫描件时才发送 scan_base64。",
                )
            ]
        return []
    if SCAN_KEY not in data and lookup is not None:
        uploaded = lookup(scan.sha256, scan.size)
        if uploaded is None:
            missing.append("receipt.scan")
            return []
        raw = uploaded
    elif not isinstance(encoded, str):
        return [
            FieldError(
                "scan_base64",
                "J001_missing_field",
                "The scan's bytes (scan_base64) are missing.",
                "缺少扫描件内容（scan_base64）。",
            )
        ]
    else:
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            return [FieldError("scan_base64", "J003_wrong_type", "scan_base64 is not base64.",
                               "scan_base64 不是 base64 编码。")]  # fmt: skip
    if len(raw) != scan.size or hashlib.sha256(raw).hexdigest() != scan.sha256:
        return [
            FieldError(
                "scan_base64",
                "scan_mismatch",
                "The scan's bytes do not match its size and SHA-256.",
                "扫描件内容与其大小或 SHA-256 不符。",
            )
        ]
    return [_from_problem(p) for p in receipt_form.check_scan(raw, scan.mime)]


def check_receipt_push(data: object, today: date, lookup: Lookup | None = None) -> Checked:
    """The pushed receipt, or `Invalid`; dates are checked against `today` (see latest_today).
    With `lookup`, a scan may be named (no scan_base64) instead of carried: ApiError 409
    upload_missing when it was not uploaded and nothing else is wrong."""
    errors = _envelope(data, RECEIPT_KEYS, optional=(SCAN_KEY,))
    missing: list[str] = []
    assert isinstance(data, dict)
    doc = _parsed(data, wire.RECEIPT, receipt_form.from_json, errors)
    if doc is not None:
        errors += [_from_problem(p) for p in receipt_form.check_receipt(doc, today)]
        if doc.signature is not None:
            errors += _signature_errors(doc.signature.strokes_json, "signature.strokes_json")
        errors += _scan_errors(doc.scan, data, lookup, missing)
    if all(key in data for key in RECEIPT_KEYS):
        errors += _hash_errors(data[wire.HASH_KEY], content_hash(wire.hashed_part(wire.RECEIPT, data)))
    if errors or doc is None:
        raise Invalid(f"The receipt was refused: {len(errors)} problem(s).", errors)
    if missing:
        raise upload_missing(missing)
    return Checked(wire.RECEIPT, doc.id, data[wire.HASH_KEY], None, doc.proposal_id)
