"""What head office checks in what follows a proposal (issue 19): answers to its letters, change
and withdrawal requests, and proposals filled on paper.

The bodies are the laptop's outbox payloads, built with `sync.wire` (`answer_document`,
`request_document`, `paper_proposal_document`).  Every problem is reported field by field
(`FieldError`, 422) and never as a 500: wrong types, unknown or missing keys, ids that are not
the laptop's UUIDs, text that is not text or too long, and attachments whose bytes are not what
they claim (size, SHA-256, JPEG/PNG/PDF by their first bytes).  An attachment uploaded first
(tus, sync/headoffice/uploads.py) comes without `data_b64`: its bytes are taken from
`uploaded_files` by SHA-256 and size and checked as inline ones; one not uploaded is 409
`upload_missing` (when nothing else is wrong).  Whether the proposal and the
letter are this manager's is the store's part (sync/headoffice/store.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.rules.limits import UUID_TEXT, is_text
from app.rules.proposal import content_hash
from sync import wire
from sync.headoffice.documents import Checked, FieldError, Invalid, Lookup, latest_today, upload_missing

ANSWER_KEYS = ("answer_id", "proposal_id", "letter_id", "kind", "text", "answered_at", "decision", "signatures",
               "attachments")  # fmt: skip
REQUEST_KEYS = ("request_id", "proposal_id", "kind", "reason", "details", "requested_at", "attachments")
PAPER_KEYS = ("id", "source", "paper_form_number", "application_date", "product_code", "product_name",
              "premium_cents", "policyholder", "insured", "review", "manager_code")  # fmt: skip
ATTACHMENT_KEYS = ("name", "mime", "size", "sha256", wire.ATTACHMENT_DATA_KEY)
ATTACHMENT_REF_KEYS = ATTACHMENT_KEYS[:-1]  # an uploaded attachment, named by its SHA-256
ANSWER_SIGNATURE_KEYS = ("role", "name", "png_b64", "sha256")
LETTER_KINDS = ("review", "medical_exam", "investigation", "financial_evidence", "health_evidence",
                "decision", "problem")  # fmt: skip
REQUEST_KINDS = ("change", "withdraw")
DECISIONS = ("accepted", "declined")
SIGNER_ROLES = ("policyholder", "insured")
MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n", "application/pdf": b"%PDF-"}
ATTACHMENT_MAX = 10 * 1024 * 1024
ATTACHMENTS_MAX = 20
TEXT_MAX = 4000
NAME_MAX = 200
DETAILS_MAX = 30
DETAIL_KEY_MAX = 64
DETAIL_VALUE_MAX = 2000
SHORT_MAX = 100
REVIEW_MAX = 50
PREMIUM_MAX = 10**11  # fen: a billion yuan
EARLIEST = date(2000, 1, 1)
HEX = set("0123456789abcdef")


def _error(field: str, rule: str, en: str, zh: str) -> FieldError:
    return FieldError(field, rule, en, zh)


def _object(data: object, keys: tuple[str, ...], path: str, errors: list[FieldError]) -> dict[str, Any] | None:
    """`data` when it is an object with exactly `keys`; otherwise what is wrong goes to `errors`."""
    where = path or "The body"
    if not isinstance(data, dict):
        errors.append(_error(path, "J003_wrong_type", f"{where} must be a JSON object.", f"{where} 应为 JSON 对象。"))
        return None
    prefix = f"{path}." if path else ""
    unknown = [key for key in data if key not in keys]
    errors += [_error(f"{prefix}{key[:40]}", "J002_unknown_field", f"{key[:40]} is not a field here.",
                      f"{key[:40]} 不是此处的字段。") for key in unknown[:10]]  # fmt: skip
    errors += [_error(f"{prefix}{key}", "J001_missing_field", f"{key} is missing.", f"缺少 {key}。")
               for key in keys if key not in data]  # fmt: skip
    return data


def _text(data: dict[str, Any], key: str, path: str, most: int, errors: list[FieldError], *,
          required: bool = False) -> str | None:  # fmt: skip
    if key not in data:
        return None
    value = data[key]
    field = f"{path}.{key}" if path else key
    if not isinstance(value, str):
        errors.append(_error(field, "J003_wrong_type", f"{field} must be text.", f"{field} 应为文本。"))
        return None
    if not is_text(value):
        errors.append(_error(field, "J006_bad_text", f"{field} holds characters that are not text.",
                             f"{field} 含有非文字字符。"))  # fmt: skip
        return None
    if len(value) > most:
        errors.append(_error(field, "J008_too_long", f"{field} is longer than {most} characters.",
                             f"{field} 超过 {most} 个字符。"))  # fmt: skip
        return None
    if required and not value.strip():
        errors.append(_error(field, "J005_bad_value", f"{field} is empty.", f"{field} 为空。"))
        return None
    return value


def _uuid(data: dict[str, Any], key: str, errors: list[FieldError]) -> str | None:
    value = _text(data, key, "", 64, errors)
    if value is not None and not UUID_TEXT.fullmatch(value):
        errors.append(_error(key, "J005_bad_value", f"{key} must be a lower-case UUID.", f"{key} 应为小写 UUID。"))
        return None
    return value


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], errors: list[FieldError],
            path: str = "") -> str | None:  # fmt: skip
    if key not in data:
        return None
    value = data[key]
    field = f"{path}.{key}" if path else key
    if not isinstance(value, str) or value not in choices:
        errors.append(_error(field, "J005_bad_value", f"{field} must be one of {', '.join(choices)}.",
                             f"{field} 应为 {', '.join(choices)} 之一。"))  # fmt: skip
        return None
    return value


def _moment(data: dict[str, Any], key: str, errors: list[FieldError]) -> None:
    value = _text(data, key, "", 40, errors)
    if value is None:
        return
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.utcoffset() is None:
            raise ValueError
    except ValueError:
        errors.append(_error(key, "J005_bad_value", f"{key} must be an ISO 8601 time with its zone.",
                             f"{key} 应为带时区的 ISO 8601 时间。"))  # fmt: skip


def _bytes_of(encoded: object, field: str, errors: list[FieldError]) -> bytes | None:
    if not isinstance(encoded, str):
        errors.append(_error(field, "J003_wrong_type", f"{field} must be base64 text.", f"{field} 应为 base64 文本。"))
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        errors.append(_error(field, "J003_wrong_type", f"{field} is not base64.", f"{field} 不是 base64 编码。"))
        return None


def _sha_of(value: object, field: str, errors: list[FieldError]) -> str | None:
    if not isinstance(value, str) or len(value) != 64 or not set(value) <= HEX:
        errors.append(_error(field, "J005_bad_value", f"{field} must be 64 lower-case hex digits.",
                             f"{field} 应为 64 位小写十六进制数。"))  # fmt: skip
        return None
    return value


def attachment_files(value: object, errors: list[FieldError], lookup: Lookup | None = None,
                     missing: list[str] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """The attachments, each checked: [{"name", "mime", "size", "sha256", "data"}] (data decoded,
    or with `lookup` taken from the uploaded files when the entry has no data_b64; an entry not
    uploaded is added to `missing`)."""
    if not isinstance(value, list):
        errors.append(_error("attachments", "J003_wrong_type", "attachments must be an array.",
                             "attachments 应为数组。"))  # fmt: skip
        return []
    if len(value) > ATTACHMENTS_MAX:
        errors.append(_error("attachments", "J009_too_many", f"At most {ATTACHMENTS_MAX} attachments.",
                             f"附件最多 {ATTACHMENTS_MAX} 个。"))  # fmt: skip
        return []
    files: list[dict[str, Any]] = []
    for i, raw in enumerate(value):
        path = f"attachments[{i}]"
        before = len(errors)
        by_reference = lookup is not None and isinstance(raw, dict) and wire.ATTACHMENT_DATA_KEY not in raw
        entry = _object(raw, ATTACHMENT_REF_KEYS if by_reference else ATTACHMENT_KEYS, path, errors)
        if entry is None or len(errors) > before:
            continue
        name = _text(entry, "name", path, NAME_MAX, errors, required=True)
        mime = _choice(entry, "mime", tuple(MAGIC), errors, path)
        size = entry["size"]
        if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= ATTACHMENT_MAX:
            errors.append(_error(f"{path}.size", "J007_out_of_range", f"{path}.size must be 1 to {ATTACHMENT_MAX}.",
                                 f"{path}.size 应为 1 至 {ATTACHMENT_MAX}。"))  # fmt: skip
            continue
        digest = _sha_of(entry["sha256"], f"{path}.sha256", errors)
        if by_reference:
            assert lookup is not None
            data = lookup(digest, size) if digest is not None else None
            if data is None:
                if digest is not None and missing is not None:
                    missing.append(path)
                continue
        else:
            data = _bytes_of(entry["data_b64"], f"{path}.data_b64", errors)
        if name is None or mime is None or digest is None or data is None:
            continue
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            errors.append(_error(f"{path}.data_b64", "attachment_mismatch",
                                 "The attachment's bytes do not match its size and SHA-256.",
                                 "附件内容与其大小或 SHA-256 不符。"))  # fmt: skip
            continue
        if not data.startswith(MAGIC[mime]):
            errors.append(_error(f"{path}.data_b64", "attachment_type", f"The attachment is not a {mime} file.",
                                 f"附件不是 {mime} 文件。"))  # fmt: skip
            continue
        files.append({"name": name, "mime": mime, "size": size, "sha256": digest, "data": data})
    return files


def _answer_signatures(value: object, errors: list[FieldError]) -> list[str]:
    """The roles of the decision's signatures, each checked."""
    if not isinstance(value, list):
        errors.append(_error("signatures", "J003_wrong_type", "signatures must be an array.", "signatures 应为数组。"))
        return []
    if len(value) > len(SIGNER_ROLES):
        errors.append(_error("signatures", "J009_too_many", "At most two signatures.", "签名最多两个。"))
        return []
    roles: list[str] = []
    for i, raw in enumerate(value):
        path = f"signatures[{i}]"
        before = len(errors)
        entry = _object(raw, ANSWER_SIGNATURE_KEYS, path, errors)
        if entry is None or len(errors) > before:
            continue
        role = _choice(entry, "role", SIGNER_ROLES, errors, path)
        _text(entry, "name", path, SHORT_MAX, errors)
        digest = _sha_of(entry["sha256"], f"{path}.sha256", errors)
        png = _bytes_of(entry["png_b64"], f"{path}.png_b64", errors)
        if role is None or digest is None or png is None:
            continue
        if role in roles:
            errors.append(_error(f"{path}.role", "J005_bad_value", "Each role signs once.", "每个角色只签一次。"))
        elif hashlib.sha256(png).hexdigest() != digest or not png.startswith(MAGIC["image/png"]):
            errors.append(_error(f"{path}.png_b64", "signature_mismatch",
                                 "The signature image does not match its SHA-256, or is not a PNG.",
                                 "签名图片与其 SHA-256 不符，或不是 PNG。"))  # fmt: skip
        else:
            roles.append(role)
    return roles


def _refuse(what: str, errors: list[FieldError]) -> None:
    if errors:
        raise Invalid(f"The {what} was refused: {len(errors)} problem(s).", errors)


def check_answer_push(data: object, lookup: Lookup | None = None) -> Checked:
    """An answer to a letter (POST /v1/answers), or `Invalid` listing every problem; with
    `lookup`, attachments may be named instead of carried (ApiError 409 upload_missing)."""
    errors: list[FieldError] = []
    missing: list[str] = []
    body = _object(data, ANSWER_KEYS, "", errors)
    if body is None:
        _refuse("answer", errors)
        raise AssertionError  # unreachable: _refuse raised
    answer_id = _uuid(body, "answer_id", errors)
    proposal_id = _uuid(body, "proposal_id", errors)
    _text(body, "letter_id", "", 64, errors, required=True)
    kind = _choice(body, "kind", LETTER_KINDS, errors)
    text = _text(body, "text", "", TEXT_MAX, errors)
    _moment(body, "answered_at", errors)
    decision = body.get("decision")
    if decision is not None and decision not in DECISIONS:
        errors.append(_error("decision", "J005_bad_value", "decision must be null, accepted or declined.",
                             "decision 应为 null、accepted 或 declined。"))  # fmt: skip
    roles = _answer_signatures(body.get("signatures", []), errors)
    files = attachment_files(body.get("attachments", []), errors, lookup, missing)
    if kind == "decision" and not errors:
        if decision not in DECISIONS:
            errors.append(_error("decision", "decision_missing", "An underwriting decision is accepted or declined.",
                                 "核保结论须注明接受或拒绝。"))  # fmt: skip
        missing = [role for role in SIGNER_ROLES if role not in roles]
        if missing:
            errors.append(_error("signatures", "signature_missing",
                                 f"The decision lacks the {' and the '.join(missing)}'s signature.",
                                 "核保结论须由投保人和被保险人签名。"))  # fmt: skip
    if not errors and not (text or "").strip() and not files and not missing:
        errors.append(_error("text", "answer_empty", "The answer has neither text nor an attachment.",
                             "答复既无文字也无附件。"))  # fmt: skip
    _refuse("answer", errors)
    if missing:
        raise upload_missing(missing)
    assert answer_id is not None and proposal_id is not None
    return Checked(wire.ANSWER, answer_id, content_hash(body), None, proposal_id, document=body,
                   files=tuple(files))  # fmt: skip


def check_request_push(data: object, lookup: Lookup | None = None) -> Checked:
    """A change or withdrawal request (POST /v1/requests), or `Invalid` listing every problem;
    with `lookup`, attachments may be named instead of carried (ApiError 409 upload_missing)."""
    errors: list[FieldError] = []
    missing: list[str] = []
    body = _object(data, REQUEST_KEYS, "", errors)
    if body is None:
        _refuse("request", errors)
        raise AssertionError
    request_id = _uuid(body, "request_id", errors)
    proposal_id = _uuid(body, "proposal_id", errors)
    kind = _choice(body, "kind", REQUEST_KINDS, errors)
    reason = _text(body, "reason", "", DETAIL_VALUE_MAX, errors)
    _moment(body, "requested_at", errors)
    details = body.get("details", {})
    if not isinstance(details, dict):
        errors.append(_error("details", "J003_wrong_type", "details must be an object.", "details 应为对象。"))
        details = {}
    elif len(details) > DETAILS_MAX:
        errors.append(_error("details", "J009_too_many", f"At most {DETAILS_MAX} changes.",
                             f"变更项最多 {DETAILS_MAX} 个。"))  # fmt: skip
        details = {}
    for key in list(details)[:DETAILS_MAX]:
        if not is_text(key) or not key.strip() or len(key) > DETAIL_KEY_MAX:
            errors.append(_error("details", "J005_bad_value", "A changed field's name is not valid.",
                                 "变更项名称无效。"))  # fmt: skip
            continue
        _text(details, key, "details", DETAIL_VALUE_MAX, errors)
    files = attachment_files(body.get("attachments", []), errors, lookup, missing)
    if not errors and kind == "change" and not details:
        errors.append(_error("details", "change_empty", "A change names at least one field.", "变更须至少一项。"))
    if not errors and kind == "withdraw" and not (reason or "").strip():
        errors.append(_error("reason", "reason_missing", "A withdrawal needs a reason.", "撤销投保须说明原因。"))
    _refuse("request", errors)
    if missing:
        raise upload_missing(missing)
    assert request_id is not None and proposal_id is not None
    return Checked(wire.REQUEST, request_id, content_hash(body), None, proposal_id, document=body,
                   files=tuple(files))  # fmt: skip


def is_paper(data: object) -> bool:
    """Whether a pushed proposal says it was filled on paper."""
    form = data.get(wire.PROPOSAL) if isinstance(data, dict) else None
    return isinstance(form, dict) and form.get("source") == wire.PAPER


def check_paper_proposal_push(data: object, today: Callable[[], date] = latest_today) -> Checked:
    """A proposal filled on paper (`wire.paper_proposal_document`): only its own fields are
    checked, with its content_hash; the client signed the paper, so there are no signatures."""
    errors: list[FieldError] = []
    envelope = _object(data, wire.PROPOSAL_KEYS, "", errors)
    if envelope is None:
        _refuse("paper proposal", errors)
        raise AssertionError
    form = _object(envelope.get(wire.PROPOSAL, {}), PAPER_KEYS, "", errors)
    if form is None:
        _refuse("paper proposal", errors)
        raise AssertionError
    proposal_id = _uuid(form, "id", errors)
    _text(form, "paper_form_number", "", 40, errors, required=True)
    _text(form, "product_code", "", 40, errors, required=True)
    _text(form, "product_name", "", SHORT_MAX, errors, required=True)
    manager = _text(form, "manager_code", "", 40, errors, required=True)
    applied = _text(form, "application_date", "", 10, errors, required=True)
    if applied is not None:
        try:
            day = date.fromisoformat(applied)
            if not EARLIEST <= day <= today():
                errors.append(_error("application_date", "J007_out_of_range", "The application date is out of range.",
                                     "投保日期超出范围。"))  # fmt: skip
        except ValueError:
            errors.append(_error("application_date", "J005_bad_value", "application_date must be YYYY-MM-DD.",
                                 "application_date 应为 YYYY-MM-DD。"))  # fmt: skip
    premium = form.get("premium_cents")
    if "premium_cents" in form and (not isinstance(premium, int) or isinstance(premium, bool)
                                    or not 0 < premium <= PREMIUM_MAX):  # fmt: skip
        errors.append(_error("premium_cents", "J007_out_of_range", "premium_cents must be a positive number of fen.",
                             "premium_cents 应为正的分数。"))  # fmt: skip
    for role in SIGNER_ROLES:
        party = _object(form.get(role, {}), ("name",), role, errors) if role in form else None
        if party is not None:
            _text(party, "name", role, SHORT_MAX, errors, required=True)
    review = form.get("review")
    if "review" in form:
        if not isinstance(review, dict) or not review or len(review) > REVIEW_MAX:
            errors.append(_error("review", "J003_wrong_type", "review must be the ticked checklist.",
                                 "review 应为已勾选的审核清单。"))  # fmt: skip
        else:
            unticked = [key for key, ticked in review.items() if ticked is not True]
            if unticked:
                errors.append(_error("review", "review_incomplete",
                                     f"Initial review items not ticked: {', '.join(k[:40] for k in unticked[:5])}.",
                                     "初审清单有未勾选的项目。"))  # fmt: skip
    if envelope.get("signatures") != []:
        errors.append(_error("signatures", "J005_bad_value", "A paper proposal carries no on-screen signatures.",
                             "纸质投保单不含屏幕签名。"))  # fmt: skip
    if not errors:
        given = envelope.get(wire.HASH_KEY)
        if given != content_hash(wire.hashed_part(wire.PROPOSAL, envelope)):
            errors.append(_error("content_hash", "content_hash", "content_hash does not match the document.",
                                 "content_hash 与文档不符。"))  # fmt: skip
    _refuse("paper proposal", errors)
    assert proposal_id is not None
    return Checked(wire.PROPOSAL, proposal_id, envelope[wire.HASH_KEY], manager, None)
