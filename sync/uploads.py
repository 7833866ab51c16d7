"""Uploading an outbox item's files to head office ahead of the item, in resumable pieces (issue 20).

A receipt's scan and an answer's or request's attachments are queued beside their outbox item
(`outbox_files`), and the item's payload refers to each by its SHA-256. Before the item is
sent, each of its files not yet uploaded goes to head office over tus 1.0.0 (core + creation),
spoken here over the run's own `sync.http` session rather than by the tuspy client (no timeouts,
no CA bundle, no kept-alive connection there; see README):

    POST  /v1/uploads        Upload-Length, Upload-Metadata (filename, filetype, sha256) -> Location
    HEAD  /v1/uploads/<id>   -> Upload-Offset: what head office holds
    PATCH /v1/uploads/<id>   Upload-Offset: k, the next piece of UPLOAD_PIECE_BYTES -> the new offset

The upload's path is stored as soon as head office makes it, so a drop, a timeout or a kill
mid-piece resumes from head office's offset (HEAD), never from zero; head office keeps the
bytes of a piece cut short. An upload head office no longer knows (404/410) starts again; a
completed file whose SHA-256 head office finds different is started again from zero once, then
the item waits (Retryable). Before a file's first byte goes, its SHA-256 is computed again from
the stored copy: a copy that no longer matches what was recorded fails the item loudly
(`DamagedCopy`) instead of sending something else.

`sent_bytes` counts every byte put into a PATCH body (resends included; a piece is counted as
it starts, so a kill mid-piece counts it whole) and `pieces_sent` the PATCH requests: together
with the file's size they show that a drop cost at most the piece in flight.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final, Protocol

from sqlalchemy import Engine, bindparam, func, select, update

from local_db.base import utcnow
from local_db.models import OutboxFile
from sync import wire
from sync.http import Rejected, Retryable, SyncError

UPLOADS_PATH: Final = wire.UPLOADS_PATH
PIECE_BYTES: Final = wire.UPLOAD_PIECE_BYTES
SHA256_MISMATCH: Final = wire.UPLOAD_SHA256_MISMATCH
UPLOAD_MISSING: Final = wire.UPLOAD_MISSING
GZIP_LEVEL: Final = 6
OnBytes = Callable[[int], None]  # bytes of the file head office holds or has been sent so far

FILES = OutboxFile.metadata.tables[OutboxFile.__tablename__]
_COUNT_PIECE = (
    update(FILES).where(FILES.c.id == bindparam("file_id"))
    .values(sent_bytes=FILES.c.sent_bytes + bindparam("length"), pieces_sent=FILES.c.pieces_sent + 1)
)  # fmt: skip
_SET_URL = update(FILES).where(FILES.c.id == bindparam("file_id")).values(upload_url=bindparam("url"))
_UPLOADED = update(FILES).where(FILES.c.id == bindparam("file_id")).values(uploaded_at=bindparam("at"))


class Cancelled(Exception):
    """`cancel` was set, or the deadline came, between two pieces."""


class DamagedCopy(SyncError):
    """The stored copy of a file no longer has the SHA-256 (or size) recorded when it was queued."""

    code = "local_copy_damaged"


class TusOffice(Protocol):
    """What an upload uses of sync.http.HeadOffice."""

    @property
    def timeout(self) -> tuple[float, float]: ...

    def tus_create(self, collection: str, size: int, metadata: str, *,
                   timeout: tuple[float, float] | None = None) -> str: ...  # fmt: skip

    def tus_offset(self, upload: str, *, timeout: tuple[float, float] | None = None) -> tuple[int, int] | None: ...

    def tus_patch(self, upload: str, offset: int, body: Any, *,
                  timeout: tuple[float, float] | None = None) -> int | None: ...  # fmt: skip


@dataclass(frozen=True)
class QueuedFile:
    id: str
    item_id: str
    sha256: str
    size: int
    mime: str
    name: str
    upload_url: str | None


class Reading:
    """A PATCH body that says how far it has been read (that is, handed to the socket): requests
    sends a file-like body in blocks, calling read() for each."""

    def __init__(self, data: bytes | memoryview, on_read: Callable[[int], None]) -> None:
        self._data = memoryview(data)
        self._at = 0
        self._on_read = on_read

    def __len__(self) -> int:
        return len(self._data) - self._at  # requests' Content-Length

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else min(len(self._data), self._at + size)
        block = bytes(self._data[self._at : end])
        self._at = end
        if block:
            self._on_read(end)
        return block

    @property
    def read_so_far(self) -> int:
        return self._at


def _moved(report: OnBytes, start: int, read: int) -> None:
    report(start + read)


def metadata_header(name: str, mime: str, sha256: str, encoding: str | None = None) -> str:
    """tus's Upload-Metadata: each key with its value as base64."""

    def b64(text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    header = f"filename {b64(name)},filetype {b64(mime)},sha256 {b64(sha256)}"
    return header + (f",{wire.UPLOAD_ENCODING_KEY} {b64(encoding)}" if encoding else "")


def on_the_wire(data: bytes) -> tuple[bytes, str | None]:
    """The bytes to upload for `data` and their encoding: gzipped when that saves a twentieth (a
    scan of white paper saves about a sixth; a PDF or a busy photo little), else as they are.
    Deterministic (no time in the header), so a resume after a restart sends the same bytes."""
    packed = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    return (packed, "gzip") if len(packed) < len(data) * 0.95 else (data, None)


def _scaled(report: OnBytes, size: int, sent: int, offset: int) -> None:
    report(offset if sent == size else min(size, offset * size // max(sent, 1)))


class FileUploads:
    """The files of outbox items, uploaded one piece at a time over `office`."""

    def __init__(self, engine: Engine, office: TusOffice, *, piece_bytes: int = PIECE_BYTES,
                 clock: Callable[[], datetime] = utcnow) -> None:  # fmt: skip
        self._engine = engine
        self._office = office
        self._piece = piece_bytes
        self._clock = clock

    def waiting(self, item_ids: Iterable[str]) -> dict[str, list[QueuedFile]]:
        """item id -> its files not uploaded yet (items without such files are left out)."""
        ids = list(item_ids)
        if not ids:
            return {}
        query = (
            select(FILES.c.id, FILES.c.item_id, FILES.c.sha256, FILES.c.size, FILES.c.mime, FILES.c.name,
                   FILES.c.upload_url)
            .where(FILES.c.item_id.in_(ids), FILES.c.uploaded_at.is_(None))
            .order_by(FILES.c.item_id, FILES.c.created_at, FILES.c.id)
        )  # fmt: skip
        found: dict[str, list[QueuedFile]] = {}
        with self._engine.connect() as connection:
            for row in connection.execute(query):
                found.setdefault(row.item_id, []).append(QueuedFile(*row))
        return found

    def bytes_waiting(self, item_ids: Iterable[str]) -> int:
        ids = list(item_ids)
        if not ids:
            return 0
        with self._engine.connect() as connection:
            total = connection.scalar(
                select(func.sum(FILES.c.size)).where(FILES.c.item_id.in_(ids), FILES.c.uploaded_at.is_(None))
            )
        return int(total or 0)

    def forget(self, item_id: str) -> None:
        """Head office says it does not hold the item's files (`upload_missing`): upload them again."""
        with self._engine.begin() as connection:
            connection.execute(
                update(FILES).where(FILES.c.item_id == item_id).values(uploaded_at=None, upload_url=None)
            )

    def upload(self, file: QueuedFile, cancel: threading.Event, deadline: float | None,
               on_bytes: OnBytes | None = None) -> None:  # fmt: skip
        """Brings `file` to head office, from where head office's copy stands. Retryable /
        Unauthorized as sync.http raises them; Rejected when head office refuses the file;
        DamagedCopy; Cancelled between pieces."""
        with self._engine.connect() as connection:  # the upload as stored now: an earlier try may have made it
            row = connection.execute(select(FILES.c.data, FILES.c.upload_url).where(FILES.c.id == file.id)).first()
        data, upload = (row[0], row[1]) if row is not None else (None, None)
        if data is None or len(data) != file.size or hashlib.sha256(data).hexdigest() != file.sha256:
            raise DamagedCopy(
                f"The stored copy of {file.name} is damaged: it no longer has the SHA-256 recorded when it "
                "was queued, so it is not sent. Discard the item and scan or attach the file again."
            )
        body, encoding = on_the_wire(data)
        # Offsets and Upload-Length count the bytes that travel; progress, the file's own.
        sent = replace(file, size=len(body))
        report = functools.partial(_scaled, on_bytes or (lambda _done: None), file.size, len(body))
        restarted = False
        while True:
            upload, offset = self._resume(sent, upload, encoding)
            report(offset)
            try:
                self._send_from(sent, body, upload, offset, cancel, deadline, report)
            except Rejected as exc:
                if exc.code != SHA256_MISMATCH:
                    raise
                self._store_url(file.id, None)  # head office deleted it
                if restarted:
                    raise Retryable(SHA256_MISMATCH, f"Head office twice found {file.name} different from what "
                                    "was sent; it is tried again later.", exc.status) from None  # fmt: skip
                restarted, upload = True, None
                continue
            with self._engine.begin() as connection:
                connection.execute(_UPLOADED, {"file_id": file.id, "at": self._clock()})
            return

    # ---- the steps -----------------------------------------------------------------------

    def _resume(self, file: QueuedFile, upload: str | None, encoding: str | None) -> tuple[str, int]:
        """(the upload's path, head office's offset): the stored upload when head office still
        holds it, else a new one."""
        if upload is not None:
            state = self._office.tus_offset(upload, timeout=self._office.timeout)
            if state is not None and state[1] == file.size:
                return upload, state[0]
        metadata = metadata_header(file.name, file.mime, file.sha256, encoding)
        upload = self._office.tus_create(UPLOADS_PATH, file.size, metadata, timeout=self._office.timeout)
        self._store_url(file.id, upload)
        # A new upload holds nothing yet (tus creation without data): no HEAD, one round trip
        # less per file on a 300 ms link. Head office files a hash it already holds once anyway.
        return upload, 0

    def _send_from(self, file: QueuedFile, data: bytes, upload: str, offset: int, cancel: threading.Event,
                   deadline: float | None, report: OnBytes) -> None:  # fmt: skip
        view = memoryview(data)
        while offset < file.size:
            if cancel.is_set() or (deadline is not None and time.monotonic() >= deadline):
                raise Cancelled
            piece = view[offset : offset + self._piece]
            with self._engine.begin() as connection:  # counted as it starts: a kill mid-piece counts it whole
                connection.execute(_COUNT_PIECE, {"file_id": file.id, "length": len(piece)})
            body = Reading(piece, functools.partial(_moved, report, offset))
            new_offset = self._office.tus_patch(upload, offset, body, timeout=self._office.timeout)
            if new_offset is None:  # another offset at head office (409), or the upload is gone: ask
                state = self._office.tus_offset(upload, timeout=self._office.timeout)
                if state is None or state[1] != file.size:
                    self._store_url(file.id, None)
                    raise Retryable("interrupted", f"Head office no longer holds the upload of {file.name}; "
                                    "it starts again.")  # fmt: skip
                new_offset = state[0]
            offset = min(new_offset, file.size)
            report(offset)

    def _store_url(self, file_id: str, url: str | None) -> None:
        with self._engine.begin() as connection:
            connection.execute(_SET_URL, {"file_id": file_id, "url": url})
