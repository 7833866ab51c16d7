"""Resumable uploads of scans and attachments (issue 20): tus 1.0.0, core + creation, at
`wire.UPLOADS_PATH`, served by tuspyserver's FastAPI router.

What head office adds around tuspyserver:

- Every request is authenticated before any byte of its body is read (the app's bearer check,
  as a dependency of the whole router), and an upload id that is not tuspyserver's own form
  (32 hex digits) is 404 before any file is looked at.
- A new upload is checked before anything is created (`pre_create_dep`): Tus-Resumable 1.0.0,
  1 <= Upload-Length <= `wire.UPLOAD_MAX_BYTES`, Upload-Metadata with a filename (text), a
  filetype in `wire.UPLOAD_MIMES` and a sha256 (64 lower-case hex digits); no body (creation
  with upload), no deferred length, no concatenation.  A refusal is 4xx in head office's
  shape with the reason in English and Chinese (`errors[0].message_zh`).
- A piece (PATCH) arrives within the body deadline of sync.headoffice.transport; a piece that
  stalls is ended as a connection cut (tuspyserver keeps the bytes that came).  A HEAD or PATCH
  on an upload whose previous piece is still arriving in this process ends that piece first:
  the laptop only asks again when it has given that connection up.
- The last piece: the file's SHA-256 must be the metadata's.  Equal: the bytes are filed in
  `uploaded_files` (by SHA-256; a file held already stays as it is) and the temporary copy is
  emptied, its small record kept until it expires so a HEAD still says "complete" to a laptop
  whose answer was lost.  Not equal: the upload is deleted and the PATCH is answered 460.
- Expired uploads (`DAYS_TO_KEEP` after creation) are swept at start and then at most once
  an hour, on a creation.  tuspyserver's own `gc_files` cannot read the expiry it writes.

tuspyserver's own errors (404, 409, 410, 412, ...) reach the app's HTTPException handler,
which answers them through `refusal_for` in the same shape.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, cast

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tuspyserver import create_tus_router
from tuspyserver.lock import FileLock

from app.rules.limits import is_text
from sync import wire
from sync.headoffice.db import UploadedFile, utcnow
from sync.headoffice.transport import ApiError, Limits, inflate

log = logging.getLogger("branchdesk.headoffice.uploads")

UPLOADS_ENV = "BRANCHDESK_HEADOFFICE_UPLOADS"
DAYS_TO_KEEP = 2
SWEEP_EVERY_S = 3600.0
UPLOAD_ID = re.compile(r"[0-9a-f]{32}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
NAME_MAX = 200
METADATA_MAX = 2048  # characters of Upload-Metadata
TAKEOVER_WAIT_S = 5.0  # how long a HEAD or PATCH waits for the piece it ends
LOCK_WAIT_S = 10.0  # how long a PATCH waits for another process's piece of the same upload
OFFSET_STREAM = "application/offset+octet-stream"
RETRY_AFTER_S = 2


def refusal(status: int, code: str, en: str, zh: str, field_name: str = "", headers: dict[str, str] | None = None
            ) -> ApiError:  # fmt: skip
    """A refusal in head office's shape, its reason in English and Chinese."""
    return ApiError(status, code, en, {"Tus-Resumable": wire.TUS_VERSION, **(headers or {})},
                    errors=[{"field": field_name, "rule": code, "message_en": en, "message_zh": zh}])  # fmt: skip


# tuspyserver's own HTTPExceptions, by status: head office's code and its words for them.
TUS_REFUSALS: Mapping[int, tuple[str, str, str]] = {
    400: ("bad_request", "The upload request is not valid", "上传请求无效。"),
    403: ("forbidden", "This upload cannot be changed", "该上传不能修改。"),
    404: ("upload_not_found", "Head office holds no such upload (never made, expired or deleted): "
          "upload the file again from its first byte", "总部没有该上传（不存在、已过期或已删除），请从头重新上传。"),
    409: ("upload_offset_mismatch", "Head office holds another number of this upload's bytes: ask for the "
          "offset (HEAD) and go on from there", "总部已收到的字节数与请求不符，请先查询已收到的字节数再继续上传。"),
    410: ("upload_expired", "The upload expired before it was finished: upload the file again from its "
          "first byte", "该上传在完成前已过期，请从头重新上传。"),
    412: ("tus_version", f"Head office speaks tus {wire.TUS_VERSION} (Tus-Resumable: {wire.TUS_VERSION})",
          "上传协议版本不符。"),
    413: ("too_large", f"A file is at most {wire.UPLOAD_MAX_BYTES} bytes", "文件超过大小上限。"),
    415: ("unsupported_media_type", f"A piece is sent as {OFFSET_STREAM}", "上传内容的类型不正确。"),
    503: ("busy", "Head office is busy with this upload: send it again shortly", "总部正忙，请稍后重试。"),
}  # fmt: skip


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the tus routes take on `path`, for a 405's Allow: the router names only the
    first route that matched, and on /v1/uploads/{uuid} three share the path."""
    routes: list[APIRoute] = getattr(app.state, "upload_routes", [])
    return sorted({method for route in routes if route.path_regex.match(path) for method in route.methods or ()})


def refusal_for(status: int, detail: object, headers: Mapping[str, str] | None) -> ApiError | None:
    """Head office's answer to one of tuspyserver's HTTPExceptions; None for a status it does not name."""
    known = TUS_REFUSALS.get(status)
    if known is None:
        return None
    code, en, zh = known
    said = str(detail) if detail and status in (400, 403) else ""
    return refusal(status, code, f"{en} ({said})." if said else f"{en}.", zh, headers=dict(headers or {}))


@dataclass(frozen=True)
class NewUpload:
    name: str
    mime: str
    sha256: str
    size: int


def parse_metadata(header: str) -> dict[str, str]:
    """Upload-Metadata read strictly: `key base64, ...`, each key once, each value UTF-8 text."""
    if len(header) > METADATA_MAX:
        raise _bad_metadata("Upload-Metadata is too long.", "Upload-Metadata 过长。")
    pairs: dict[str, str] = {}
    for part in header.split(","):
        key, _, value = part.strip().partition(" ")
        if not key or key in pairs or not key.isascii() or not key.isprintable():
            raise _bad_metadata("Upload-Metadata is not a list of distinct `key base64` pairs.",
                                "Upload-Metadata 格式不正确。")  # fmt: skip
        try:
            pairs[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):  # UnicodeDecodeError is a ValueError
            raise _bad_metadata(f"Upload-Metadata's {key[:40]} is not base64 of UTF-8 text.",
                                "Upload-Metadata 的值不是 UTF-8 文本的 base64 编码。") from None  # fmt: skip
    return pairs


def _bad_metadata(en: str, zh: str) -> ApiError:
    return refusal(400, "upload_metadata", en, zh, "Upload-Metadata")


def check_creation(headers: Mapping[str, str]) -> NewUpload:
    """What POST /v1/uploads asks for, or the 4xx ApiError saying why not (a malformed request
    400 before another tus version 412)."""
    _check_version(headers, missing_only=True)
    length = headers.get("upload-length", "")
    if not (length.isascii() and length.isdigit()) or len(length) > 12 or int(length) < 1:
        raise refusal(400, "upload_length", "Upload-Length must be the file's size in bytes, at least 1.",
                      "Upload-Length 应为文件的字节数（至少 1）。", "Upload-Length")  # fmt: skip
    metadata = parse_metadata(headers.get("upload-metadata", ""))
    missing = [key for key in wire.UPLOAD_METADATA_KEYS if key not in metadata]
    if missing:
        listed = ", ".join(missing)
        raise _bad_metadata(f"Upload-Metadata lacks {listed}.", f"Upload-Metadata 缺少 {listed}。")
    _check_version(headers)
    for name in ("upload-concat", "upload-defer-length"):
        if name in headers:
            raise refusal(400, "upload_unsupported", f"{name.title()} is not supported: give Upload-Length.",
                          "不支持该上传方式，请给出文件长度。", name.title())  # fmt: skip
    if headers.get("content-length", "0") != "0" or "transfer-encoding" in headers:
        raise refusal(400, "upload_unsupported", "Create the upload without a body, then send the bytes by PATCH.",
                      "创建上传时请勿附带内容。", "Content-Length")  # fmt: skip
    if int(length) > wire.UPLOAD_MAX_BYTES:
        raise refusal(413, "too_large", f"A file is at most {wire.UPLOAD_MAX_BYTES} bytes.", "文件超过大小上限。",
                      "Upload-Length")  # fmt: skip
    name, mime, digest = (metadata[key] for key in wire.UPLOAD_METADATA_KEYS)
    if not name.strip() or len(name) > NAME_MAX or not is_text(name):
        raise _bad_metadata(f"The filename must be text of 1 to {NAME_MAX} characters.",
                            f"文件名应为 1 至 {NAME_MAX} 个字符的文本。")  # fmt: skip
    if mime not in wire.UPLOAD_MIMES:
        raise _bad_metadata(f"The filetype must be one of {', '.join(wire.UPLOAD_MIMES)}.",
                            "文件类型应为 JPEG、PNG 或 PDF。")  # fmt: skip
    if not SHA256_HEX.fullmatch(digest):
        raise _bad_metadata("The sha256 must be 64 lower-case hex digits.", "sha256 应为 64 位小写十六进制数。")
    encoding = metadata.get(wire.UPLOAD_ENCODING_KEY)
    if encoding is not None and encoding not in wire.UPLOAD_ENCODINGS:
        raise _bad_metadata(f"The encoding must be one of {', '.join(wire.UPLOAD_ENCODINGS)}, or none.",
                            "编码只能是 gzip，或不写。")  # fmt: skip
    return NewUpload(name, mime, digest, int(length))


@dataclass
class _Piece:
    """A PATCH under way in this process: `end` asks it to stop, `done` says it has."""

    end: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Uploads:
    """The tus endpoint and the files it filed, for one app (one worker process)."""

    def __init__(self, sessions: sessionmaker[Session], files_dir: Path, *, limits: Limits,
                 days_to_keep: int = DAYS_TO_KEEP) -> None:  # fmt: skip
        self.sessions = sessions
        self.files_dir = files_dir
        self.limits = limits
        self.days_to_keep = days_to_keep
        self.pieces: dict[str, list[_Piece]] = {}
        self.swept_at = 0.0

    # ---- the endpoint ----------------------------------------------------------------

    def mount(self, app: FastAPI, authenticate: Callable[..., str]) -> None:
        """tuspyserver's router at wire.UPLOADS_PATH, behind `authenticate` (the bearer check)."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.sweep()

        # Plain functions, not bound methods: tuspyserver deep-copies its options on every request.
        async def completed(path: str, metadata: dict[str, str]) -> None:
            await run_in_threadpool(self.file, Path(path), metadata)

        async def pre_create(request: Request) -> Callable[[dict[str, str], dict[str, Any]], None]:
            return await self._pre_create(request)

        router = create_tus_router(
            prefix=wire.UPLOADS_PATH, files_dir=str(self.files_dir), max_size=wire.UPLOAD_MAX_BYTES,
            # Both are coroutines (tuspyserver awaits them); its hints say plain functions.
            days_to_keep=self.days_to_keep, on_upload_complete=cast(Any, completed),
            pre_create_dep=cast(Any, pre_create), tags=["uploads"],
        )  # fmt: skip
        app.include_router(router, dependencies=[Depends(authenticate), Depends(self._guard)])
        app.state.upload_routes = [route for route in router.routes if isinstance(route, APIRoute)]
        app.add_middleware(_PieceDeadline, uploads=self)

    async def _guard(self, request: Request) -> None:
        """Before tuspyserver reads anything: a well-formed id, a PATCH's headers, and the piece
        still arriving on this upload (if any) ended."""
        upload_id = request.path_params.get("uuid")
        if upload_id is None:
            return
        if not UPLOAD_ID.fullmatch(upload_id):
            code, en, zh = TUS_REFUSALS[404]
            raise refusal(404, code, en + ".", zh)
        if request.method == "PATCH":
            _check_piece_headers(request.headers)
        else:
            _check_version(request.headers)
        if request.method in ("HEAD", "PATCH"):
            await self._end_pieces(upload_id, getattr(request.state, "upload_piece", None))
        if request.method == "PATCH":
            await self._wait_for_lock(upload_id)

    async def _end_pieces(self, upload_id: str, own: _Piece | None) -> None:
        others = [piece for piece in self.pieces.get(upload_id, []) if piece is not own]
        for piece in others:
            piece.end.set()
        for piece in others:
            try:
                async with asyncio.timeout(TAKEOVER_WAIT_S):
                    await piece.done.wait()
            except TimeoutError:
                raise _busy() from None

    async def _wait_for_lock(self, upload_id: str) -> None:
        """Waits, without holding up the event loop, while another process writes this upload
        (tuspyserver would wait for its lock in a sleeping loop that holds up every request)."""
        lock = FileLock(str(self.files_dir / upload_id), locks_dir=str(self.files_dir / ".locks"))
        deadline = time.monotonic() + LOCK_WAIT_S
        while not await run_in_threadpool(lock.acquire, False):
            if time.monotonic() > deadline:
                raise _busy()
            await asyncio.sleep(0.1)
        lock.release()

    async def _pre_create(self, request: Request) -> Callable[[dict[str, str], dict[str, Any]], None]:
        check_creation(request.headers)
        if time.monotonic() - self.swept_at > SWEEP_EVERY_S:
            await run_in_threadpool(self.sweep)
        return lambda _metadata, _info: None

    # ---- filing ----------------------------------------------------------------------

    def file(self, path: Path, metadata: Mapping[str, str]) -> None:
        """The finished upload at `path` filed by its SHA-256, or deleted with a 460 when it is
        not the file its metadata names."""
        data = path.read_bytes()
        expected = metadata.get("sha256", "")
        if data and metadata.get(wire.UPLOAD_ENCODING_KEY) == "gzip":
            data = _inflated(data)  # b"" when it is not a whole gzip stream: no file has that hash
        digest = hashlib.sha256(data).hexdigest()
        if digest != expected:
            if not data and self.lookup(expected) is not None:
                return  # filed before, its copy emptied: the same last piece sent again
            _remove(path)
            raise refusal(wire.UPLOAD_SHA256_MISMATCH_STATUS, wire.UPLOAD_SHA256_MISMATCH,
                          "The file that arrived is not the one its sha256 names; it was deleted: upload it again.",
                          "收到的文件与其 SHA-256 不符，已删除，请重新上传。", "sha256")  # fmt: skip
        try:
            with self.sessions.begin() as session:
                if session.get(UploadedFile, digest) is None:
                    session.add(UploadedFile(sha256=digest, size=len(data), mime=metadata.get("filetype", ""),
                                             name=metadata.get("filename", "")[:NAME_MAX], data=data,
                                             uploaded_at=utcnow()))  # fmt: skip
        except IntegrityError:
            pass  # another worker filed the same bytes at the same moment
        path.write_bytes(b"")  # the record stays until it expires: a HEAD still says complete

    def lookup(self, sha256: str, size: int | None = None) -> bytes | None:
        """The bytes of the uploaded file `sha256` (of `size` bytes, when given), or None."""
        query = select(UploadedFile.data).where(UploadedFile.sha256 == sha256)
        if size is not None:
            query = query.where(UploadedFile.size == size)
        with self.sessions() as session:
            data = session.scalar(query)
        return None if data is None else bytes(data)

    def sweep(self, now: datetime | None = None) -> int:
        """Deletes uploads past their expiry (and leftovers older than that); how many."""
        self.swept_at = time.monotonic()
        now = now or datetime.now(UTC)
        oldest = (now - timedelta(days=self.days_to_keep)).timestamp()
        removed = 0
        for entry in self.files_dir.iterdir() if self.files_dir.is_dir() else ():
            name = entry.name
            if name.endswith(".info") and UPLOAD_ID.fullmatch(name[:-5]):
                if _expired(entry, now):
                    _remove(entry.with_suffix(""))
                    removed += 1
            elif (UPLOAD_ID.fullmatch(name) and not entry.with_suffix(".info").exists()) or name.endswith(".tmp"):
                try:
                    if entry.stat().st_mtime < oldest:
                        entry.unlink()
                        removed += 1
                except FileNotFoundError:
                    pass
        if removed:
            log.info("swept %d expired upload(s) from %s", removed, self.files_dir)
        return removed


def _inflated(data: bytes) -> bytes:
    """A gzip upload's file, at most UPLOAD_MAX_BYTES, inflated as a gzip request body is
    (`transport.inflate`: a piece at a time, so a bomb stops at the limit); b"" when the stream
    is broken, unfinished, followed by other bytes or too large: no file has that hash."""
    try:
        return inflate(data, wire.UPLOAD_MAX_BYTES)
    except ApiError:
        return b""


def _check_version(headers: Mapping[str, str], *, missing_only: bool = False) -> None:
    """Tus-Resumable: 400 without it (not a tus request), 412 for another version."""
    version = headers.get("tus-resumable", "").strip()
    if version != wire.TUS_VERSION and not (missing_only and version):
        raise refusal(412 if version else 400, "tus_version", f"Send Tus-Resumable: {wire.TUS_VERSION}.",
                      "上传协议版本不符。", "Tus-Resumable", {"Tus-Version": wire.TUS_VERSION})  # fmt: skip


def _check_piece_headers(headers: Mapping[str, str]) -> None:
    """A PATCH's headers: malformed 400, then another tus version 412, another type 415, too long 413."""
    _check_version(headers, missing_only=True)
    for name in ("upload-offset", "content-length"):
        value = headers.get(name, "")
        if not (value.isascii() and value.isdigit()) or len(value) > 12:
            raise refusal(400, "bad_request", f"{name.title()} must be a number of bytes.",
                          f"{name.title()} 应为字节数。", name.title())  # fmt: skip
    _check_version(headers)
    if headers.get("content-type") != OFFSET_STREAM:
        raise refusal(415, "unsupported_media_type", f"Send a piece as {OFFSET_STREAM}.", "上传内容的类型不正确。",
                      "Content-Type")  # fmt: skip
    if int(headers["content-length"]) > wire.UPLOAD_MAX_BYTES:
        raise refusal(413, "too_large", f"A file is at most {wire.UPLOAD_MAX_BYTES} bytes.", "文件超过大小上限。",
                      "Content-Length")  # fmt: skip


def _busy() -> ApiError:
    return refusal(503, "busy", "Another piece of this upload is still arriving: send it again shortly.",
                   "该文件的另一段仍在接收中，请稍后重试。", headers={"Retry-After": str(RETRY_AFTER_S)})  # fmt: skip


def _expired(info: Path, now: datetime) -> bool:
    try:
        expires = json.loads(info.read_text(encoding="utf-8")).get("expires")
        moment = parsedate_to_datetime(expires) if isinstance(expires, str) else None
    except (OSError, ValueError, TypeError, AttributeError):
        return info.stat().st_mtime < (now - timedelta(days=DAYS_TO_KEEP)).timestamp() if info.exists() else False
    if moment is None:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment < now


def _remove(data_path: Path) -> None:
    for path in (data_path, data_path.with_name(data_path.name + ".info")):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


class _PieceDeadline:
    """A PATCH's body within the deadline of sync.headoffice.transport (30 s plus its length at
    the slowest acceptable rate): past it, or when a later request on the same upload ends it,
    the body ends as if the connection had been cut, and tuspyserver keeps what came."""

    def __init__(self, app: ASGIApp, uploads: Uploads) -> None:
        self.app = app
        self.uploads = uploads
        self.prefix = wire.UPLOADS_PATH + "/"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(self.prefix) or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        upload_id = path[len(self.prefix) :]
        declared = dict(scope["headers"]).get(b"content-length", b"")
        length = int(declared) if declared.isdigit() and len(declared) <= 12 else self.uploads.limits.max_body
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.uploads.limits.body_deadline(length)
        piece = _Piece()
        scope.setdefault("state", {})["upload_piece"] = piece
        pieces = self.uploads.pieces.setdefault(upload_id, [])
        pieces.append(piece)
        cut: Message = {"type": "http.disconnect"}

        async def bounded() -> Message:
            left = deadline - loop.time()
            if piece.end.is_set() or left <= 0:
                return cut
            ended = asyncio.ensure_future(piece.end.wait())
            arrived = asyncio.ensure_future(receive())
            done, _pending = await asyncio.wait({ended, arrived}, timeout=left, return_when=asyncio.FIRST_COMPLETED)
            ended.cancel()
            if arrived in done:
                return arrived.result()
            arrived.cancel()
            return cut

        try:
            await self.app(scope, bounded, send)
        finally:
            piece.done.set()
            pieces.remove(piece)
            if not pieces:
                self.uploads.pieces.pop(upload_id, None)


def default_uploads_dir(db_url: str) -> Path:
    """Where the tus temporary files go unless told: beside a SQLite database file
    (`headoffice.db` → `headoffice.db-uploads`), else under the user's cache folder."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        return database.with_name(database.name + "-uploads").absolute()
    import platformdirs

    return Path(platformdirs.user_cache_dir("branchdesk-headoffice")) / "uploads"


def uploads_dir_from_env(db_url: str) -> Path:
    configured = os.environ.get(UPLOADS_ENV, "").strip()
    return Path(configured) if configured else default_uploads_dir(db_url)


UPLOAD_ERRORS: Mapping[str, str] = {
    "400": "a malformed request or Upload-Metadata (filename, filetype, sha256), or an unsupported tus extension",
    "401": "no or a bad bearer token",
    "403": "an upload that cannot be changed",
    "404": "no such upload (never made, expired, deleted): upload the file again from its first byte",
    "409": "upload_offset_mismatch: ask HEAD for the offset and go on from there",
    "410": "the upload expired: upload the file again from its first byte",
    "412": "Tus-Resumable is not 1.0.0",
    "413": f"over {wire.UPLOAD_MAX_BYTES} bytes",
    "415": "a piece not sent as application/offset+octet-stream",
    "422": "bad parameters",
    str(wire.UPLOAD_SHA256_MISMATCH_STATUS): "upload_sha256_mismatch: the finished file is not its sha256 "
    "(the upload was deleted)",
    "503": "another piece of the upload is still arriving: send it again after Retry-After seconds",
}
UPLOAD_DOCS: Mapping[str, str] = {
    "post": "Creates an upload (tus creation): Upload-Length 1 to 16 MiB, Upload-Metadata filename, filetype "
    "(image/jpeg, image/png, application/pdf), sha256 (64 lower-case hex digits), each base64; 201 with Location.",
    "head": "How many bytes of the upload head office holds (Upload-Offset) of how many (Upload-Length).",
    "patch": "The next piece of the upload at Upload-Offset, as the body (Content-Type: "
    "application/offset+octet-stream, at most 16 MiB); 204 with the new "
    "Upload-Offset. The last piece's file is checked against its sha256 and kept for the pushes that name it.",
    "delete": "Deletes an unfinished upload (tus termination).",
    "options": "The tus version, extensions and largest size head office takes.",
}


def _header(name: str, schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": required, "schema": schema}


TUS_RESUMABLE = _header("Tus-Resumable", {"type": "string", "description": f"{wire.TUS_VERSION}; else 412"})
UPLOAD_ID_PARAMETER = {"name": "uuid", "in": "path", "required": True,
                       "schema": {"type": "string", "pattern": f"^{UPLOAD_ID.pattern}$"}}  # fmt: skip
UPLOAD_PARAMETERS: Mapping[str, list[dict[str, Any]]] = {
    "post": [TUS_RESUMABLE, _header("Upload-Length", {"type": "integer", "minimum": 1,
                                                      "description": f"at most {wire.UPLOAD_MAX_BYTES}; else 413"}),
             _header("Upload-Metadata", {"type": "string", "description": "filename <b64>,filetype <b64>,"
                                                                          "sha256 <b64>"})],
    "head": [UPLOAD_ID_PARAMETER, TUS_RESUMABLE],
    "patch": [UPLOAD_ID_PARAMETER, TUS_RESUMABLE, _header("Upload-Offset", {"type": "integer", "minimum": 0})],
    "delete": [UPLOAD_ID_PARAMETER, TUS_RESUMABLE],
    "options": [{**TUS_RESUMABLE, "required": False}],
}  # fmt: skip


def document(schema: dict[str, Any]) -> None:
    """Writes into /openapi.json what the tus routes take and answer (tuspyserver's own
    declarations name transport headers and internals): the tus headers, the refusals in head
    office's shape, and no body on success."""
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith(wire.UPLOADS_PATH):
            continue
        for method, operation in operations.items():
            # A piece's body (application/offset+octet-stream) is said in words only: OpenAPI
            # tools have no serializer for that type.
            operation["parameters"] = list(UPLOAD_PARAMETERS.get(method, []))
            responses = operation.setdefault("responses", {})
            for status in [s for s in responses if s.startswith("2")]:
                responses[status] = {"description": responses[status].get("description", "done")}
            for status, what in UPLOAD_ERRORS.items():
                responses[status] = {"description": what, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}  # fmt: skip
            operation["description"] = UPLOAD_DOCS.get(method, "")
