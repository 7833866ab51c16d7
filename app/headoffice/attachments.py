"""Photos, scans and PDFs sent with an answer to head office or a request (issue 19).

What a file is is told by its first bytes, never by its name: a ".jpg" that holds text is
refused.  A photo or scan (JPEG, PNG) is made small before it is stored (`app.common.scans`:
grayscale, about 200 dpi); a PDF is kept as it is.  At most MAX_BYTES each (a photo counts
once it is small); an empty file is refused.  Attachments can be removed only
while their answer or request is still a draft; once queued they travel as they are.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common import scans
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from local_db import models
from local_db.base import new_uuid

MAX_BYTES = 10 * 1024 * 1024
MIMES = {"image/jpeg", "image/png", "application/pdf"}  # told by the file's first bytes, not its name
# All of one answer's or request's files together: as base64 in one push they stay under head
# office's body limit (16 MiB, app.rules.limits.MAX_BODY_BYTES).
MAX_TOTAL_BYTES = 11 * 1024 * 1024
NAME_MAX = 200
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"))


@dataclass(frozen=True)
class AttachmentView:
    id: str
    name: str
    mime: str
    size: int
    sha256: str


def sniff(data: bytes) -> str | None:
    """The MIME type `data` starts like (JPEG, PNG or PDF), None otherwise."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def clean_name(name: str) -> str:
    """The file's own name without folders or control characters, at most NAME_MAX characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:NAME_MAX]
    return base or "attachment"


def jpeg_name(name: str) -> str:
    """The name of a photo made small, which is now a JPEG: "回执.png" → "回执.jpg"."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and ext.lower() in ("jpg", "jpeg"):
        return name
    return f"{stem if dot and stem else name}.jpg"


def check_file(name: str, data: bytes) -> tuple[str, str]:
    """(mime, sha256 hex) of a file that may be attached; InvalidInput when it is empty, larger
    than MAX_BYTES, or not a JPEG, PNG or PDF by its content."""
    shown = clean_name(name)
    if not data:
        raise InvalidInput(f"{shown} is empty.", "Choose the photo, scan or PDF again.",
                           zh=f"{shown} 是空文件。", hint_zh="请重新选择照片、扫描件或 PDF。")  # fmt: skip
    if len(data) > MAX_BYTES:
        mb = MAX_BYTES // (1024 * 1024)
        raise InvalidInput(f"{shown} is larger than {mb} MB.", "Scan it at a lower resolution or split it.",
                           zh=f"{shown} 超过 {mb} MB。", hint_zh="请降低扫描分辨率或分成几个文件。")  # fmt: skip
    mime = sniff(data)
    if mime is None:
        raise InvalidInput(f"{shown} is not a JPEG, PNG or PDF file.", "Attach a photo, a scan or a PDF.",
                           zh=f"{shown} 不是 JPEG、PNG 或 PDF 文件。",
                           hint_zh="请附上照片、扫描件或 PDF。")  # fmt: skip
    return mime, hashlib.sha256(data).hexdigest()


def _owner_is_draft(session: Session, answer_id: str | None, request_id: str | None) -> None:
    if (answer_id is None) == (request_id is None):
        raise ValueError("an attachment belongs to exactly one answer or request")
    owner: models.LetterAnswer | models.ProposalRequest | None
    if answer_id is not None:
        owner = session.get(models.LetterAnswer, answer_id)
    else:
        owner = session.get(models.ProposalRequest, request_id)
    if owner is None:
        raise NotFound("No such answer or request.", zh="找不到该答复或申请。")
    if owner.status != "draft":
        raise InvalidInput("Already sent: its attachments can no longer change.",
                           zh="已经发送，附件不能再更改。")  # fmt: skip


def _view(row: models.Attachment) -> AttachmentView:
    return AttachmentView(row.id, row.name, row.mime, row.size, row.sha256)


def _audit(session: Session, actor: str, action: str, row: models.Attachment, **detail: object) -> None:
    entity, owner = ("letter_answer", row.answer_id) if row.answer_id else ("proposal_request", row.request_id)
    record_event(session, actor=actor, action=action, entity=entity, entity_id=owner or "",
                 detail={"attachment_id": row.id, **detail})  # fmt: skip


def add(session: Session, actor: str, *, answer_id: str | None = None, request_id: str | None = None, name: str,
        data: bytes) -> AttachmentView:  # fmt: skip
    """Attach a checked file (`check_file`) to a draft answer or request; audited.  A photo or
    scan is made small first (`app.common.scans`); the small one is stored, hashed and sent."""
    came = len(data)
    small = scans.shrink(data)
    if small.changed:
        data, name = small.data, jpeg_name(clean_name(name))
    mime, digest = check_file(name, data)
    _owner_is_draft(session, answer_id, request_id)
    held = sum(a.size for a in listed(session, answer_id=answer_id, request_id=request_id))
    if held + len(data) > MAX_TOTAL_BYTES:
        mb = MAX_TOTAL_BYTES // (1024 * 1024)
        raise InvalidInput(f"Together the attachments would be larger than {mb} MB.",
                           "Scan at a lower resolution, or send the rest with a later answer.",
                           zh=f"附件合计将超过 {mb} MB。",
                           hint_zh="请降低扫描分辨率，或在之后的答复中再发送其余材料。")  # fmt: skip
    row = models.Attachment(id=new_uuid(), answer_id=answer_id, request_id=request_id, name=clean_name(name),
                            mime=mime, size=len(data), sha256=digest, data=data)  # fmt: skip
    session.add(row)
    session.flush()
    shrunk = {"size_as_chosen": came} if small.changed else {}
    _audit(session, actor, "attach", row, name=row.name, size=row.size, sha256=row.sha256, **shrunk)
    return _view(row)


def remove(session: Session, actor: str, attachment_id: str) -> None:
    """Remove an attachment, only while its answer or request is a draft; audited."""
    row = session.get(models.Attachment, attachment_id)
    if row is None:
        raise NotFound("No such attachment.", zh="找不到该附件。")
    _owner_is_draft(session, row.answer_id, row.request_id)
    _audit(session, actor, "detach", row)
    session.delete(row)
    session.flush()


def _rows(session: Session, answer_id: str | None, request_id: str | None) -> list[models.Attachment]:
    query = select(models.Attachment)
    if answer_id is not None:
        query = query.where(models.Attachment.answer_id == answer_id)
    elif request_id is not None:
        query = query.where(models.Attachment.request_id == request_id)
    else:
        return []
    return list(session.scalars(query.order_by(models.Attachment.created_at, models.Attachment.id)))


def listed(session: Session, *, answer_id: str | None = None,
           request_id: str | None = None) -> tuple[AttachmentView, ...]:  # fmt: skip
    """The answer's or request's attachments, in the order they were added."""
    return tuple(_view(row) for row in _rows(session, answer_id, request_id))


def wire_list(session: Session, *, answer_id: str | None = None, request_id: str | None = None) -> list[dict[str, Any]]:
    """The attachments as they travel (issue 20): by reference, [{"name", "mime", "size", "sha256"}];
    the bytes go ahead of the item in resumable pieces (`queue_files`, sync.uploads)."""
    return [reference_entry(row.name, row.mime, row.size, row.sha256) for row in _rows(session, answer_id, request_id)]


def reference_entry(name: str, mime: str, size: int, sha256: str) -> dict[str, Any]:
    """An attachment entry without its bytes (`sync.wire.attachment_entry` less "data_b64"): head
    office takes the file it was uploaded with that SHA-256."""
    return {"name": name, "mime": mime, "size": size, "sha256": sha256}


def queue_files(session: Session, item_id: str, files: Iterable[tuple[str, str, bytes, str]]) -> int:
    """Stores a copy of each file (name, mime, bytes, sha256) the outbox item `item_id` refers to,
    in the caller's transaction, for sync.outbox to upload before the item (one row per content);
    returns how many."""
    seen: set[str] = set()
    for name, mime, data, sha256 in files:
        if sha256 in seen:
            continue
        seen.add(sha256)
        session.add(models.OutboxFile(id=new_uuid(), item_id=item_id, sha256=sha256, size=len(data), mime=mime,
                                      name=name, data=data, sent_bytes=0, pieces_sent=0))  # fmt: skip
    session.flush()
    return len(seen)


def queue_attached(session: Session, item_id: str, *, answer_id: str | None = None,
                   request_id: str | None = None) -> int:  # fmt: skip
    """`queue_files` for the answer's or request's attachments."""
    return queue_files(session, item_id, ((r.name, r.mime, r.data, r.sha256)
                                          for r in _rows(session, answer_id, request_id)))  # fmt: skip
