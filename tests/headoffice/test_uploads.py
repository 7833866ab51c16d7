"""Resumable uploads (tus 1.0.0 at /v1/uploads, issue 20) against the real server, on SQLite and
on PostgreSQL: pieces filed by their SHA-256, a piece cut short kept and continued, a wrong
SHA-256 refused and not kept, refusals in head office's shape with Chinese, the reference tus
client (tuspy) uploading to us, and pushes that name an uploaded file instead of carrying it."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker, undefer
from tusclient.client import TusClient

from app.context import AppContext
from app.rules.ids import ProposalId
from sync import wire
from sync.headoffice import store
from sync.headoffice.db import AttachmentRow, UploadedFile, make_engine, session_factory
from sync.headoffice.transport import Limits
from sync.headoffice.uploads import UPLOADS_ENV, Uploads
from tests.headoffice.laptop import Item, answer_item, letter_on_laptop, proposal_item, push, receipt_item
from tests.headoffice.server import HeadOffice
from tests.headoffice.test_batch import batch_of, post_batch, results
from tests.headoffice.wire import connect, read_answer

Manager = tuple[str, str]  # code, token
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 3000 + b"\n%%EOF\n"  # ~750 KB: three pieces
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadOffice]:
    """As conftest's, with the tus folder in the test's own temp folder (PostgreSQL's default is
    the user's cache folder)."""
    workdir = tmp_path_factory.mktemp(f"uploads-{request.param}")
    if request.param == "postgresql":
        db_url = request.getfixturevalue("postgres_cluster").create_database()
    else:
        db_url = f"sqlite:///{workdir / 'headoffice.db'}"
    with HeadOffice(db_url, workdir, env={UPLOADS_ENV: str(workdir / "tus")}) as running:
        yield running


def sessions(office: HeadOffice) -> sessionmaker[Session]:
    return session_factory(make_engine(office.db_url))


def filed(office: HeadOffice, sha256: str) -> UploadedFile | None:
    with sessions(office)() as session:
        return session.scalar(select(UploadedFile).options(undefer(UploadedFile.data)).where(
            UploadedFile.sha256 == sha256))  # fmt: skip


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def metadata(name: str, mime: str, sha256: str) -> str:
    return f"filename {b64(name)},filetype {b64(mime)},sha256 {b64(sha256)}"


def auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token is not None else {}


def create(office: HeadOffice, token: str | None, size: int, meta: str, **extra: str) -> requests.Response:
    headers = {"Tus-Resumable": wire.TUS_VERSION, "Upload-Length": str(size), "Upload-Metadata": meta,
               **auth(token), **extra}  # fmt: skip
    return requests.post(office.url + wire.UPLOADS_PATH, headers=headers, timeout=10)


def new_upload(office: HeadOffice, token: str, data: bytes, name: str = "回执扫描.pdf",
               mime: str = "application/pdf", sha256: str | None = None) -> str:  # fmt: skip
    answer = create(office, token, len(data), metadata(name, mime, sha256 or hashlib.sha256(data).hexdigest()))
    assert answer.status_code == 201, answer.text
    location = answer.headers["Location"]
    assert location.startswith(office.url + wire.UPLOADS_PATH + "/")
    return location


def head(location: str, token: str | None) -> requests.Response:
    return requests.head(location, headers={"Tus-Resumable": wire.TUS_VERSION, **auth(token)}, timeout=10)


def offset(location: str, token: str) -> int:
    answer = head(location, token)
    assert answer.status_code == 200, answer.headers
    return int(answer.headers["Upload-Offset"])


def patch(location: str, token: str | None, at: int, piece: bytes) -> requests.Response:
    headers = {"Tus-Resumable": wire.TUS_VERSION, "Content-Type": "application/offset+octet-stream",
               "Upload-Offset": str(at), **auth(token)}  # fmt: skip
    return requests.patch(location, data=piece, headers=headers, timeout=30)


def send_all(location: str, token: str, data: bytes, start: int = 0) -> requests.Response:
    answer: requests.Response | None = None
    for at in range(start, len(data), wire.UPLOAD_PIECE_BYTES):
        answer = patch(location, token, at, data[at : at + wire.UPLOAD_PIECE_BYTES])
        if answer.status_code != 204:
            return answer
        assert int(answer.headers["Upload-Offset"]) == min(at + wire.UPLOAD_PIECE_BYTES, len(data))
    assert answer is not None
    return answer


def detail(answer: requests.Response) -> dict[str, Any]:
    """Head office's error shape, with the reason in Chinese for the laptop to show."""
    body = answer.json()["detail"]
    assert isinstance(body["code"], str) and isinstance(body["message"], str)
    assert body["errors"][0]["message_zh"] and body["errors"][0]["message_en"]
    return dict(body)


def tus_dir(office: HeadOffice) -> Path:
    return office.workdir / "tus"


def test_pieces_are_filed_by_their_sha256(office: HeadOffice, manager: Manager) -> None:
    _code, token = manager
    sha = hashlib.sha256(PDF).hexdigest()
    location = new_upload(office, token, PDF)
    assert offset(location, token) == 0
    assert head(location, token).headers["Upload-Length"] == str(len(PDF))
    assert filed(office, sha) is None
    last = send_all(location, token, PDF)
    assert last.status_code == 204 and last.headers["Upload-Offset"] == str(len(PDF))
    row = filed(office, sha)
    assert row is not None
    assert (row.size, row.mime, row.name, bytes(row.data)) == (len(PDF), "application/pdf", "回执扫描.pdf", PDF)
    # The temporary copy is emptied; a laptop whose answer was lost still hears "complete".
    upload_id = location.rsplit("/", 1)[1]
    assert (tus_dir(office) / upload_id).stat().st_size == 0
    assert offset(location, token) == len(PDF)
    # The same file again: a new upload, filed once.
    again = new_upload(office, token, PDF)
    assert send_all(again, token, PDF).status_code == 204
    with sessions(office)() as session:
        assert session.scalars(select(UploadedFile.sha256).where(UploadedFile.sha256 == sha)).all() == [sha]


def test_a_piece_cut_short_keeps_its_bytes_and_goes_on(office: HeadOffice, manager: Manager) -> None:
    _code, token = manager
    data = PDF + b"cut"
    location = new_upload(office, token, data)
    path = "/" + location.split("/", 3)[3]
    sent = 100_000
    head_lines = (f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                  f"Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                  f"Content-Length: {wire.UPLOAD_PIECE_BYTES}\r\n\r\n")  # fmt: skip
    with connect(office.port) as sock:
        sock.sendall(head_lines.encode("ascii") + data[:sent])
        time.sleep(0.3)  # the bytes are in; then the link drops
    deadline = time.monotonic() + 10
    while offset(location, token) != sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert offset(location, token) == sent
    # From anywhere else: 409 in head office's shape; from the offset: on to the end.
    wrong = patch(location, token, 0, data[:10])
    assert wrong.status_code == 409
    assert detail(wrong)["code"] == "upload_offset_mismatch"
    assert send_all(location, token, data, start=sent).status_code == 204
    row = filed(office, hashlib.sha256(data).hexdigest())
    assert row is not None and bytes(row.data) == data


def test_a_stalled_piece_is_ended_by_the_next_request_on_its_upload(office: HeadOffice, manager: Manager) -> None:
    """The laptop gave a connection up (the link died without a FIN): its next HEAD ends that
    piece at once, keeping what came, and does not wait for the body deadline."""
    _code, token = manager
    data = JPEG * 300
    location = new_upload(office, token, data, "photo.jpg", "image/jpeg")
    path = "/" + location.split("/", 3)[3]
    head_lines = (f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                  f"Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                  f"Content-Length: {len(data)}\r\n\r\n")  # fmt: skip
    with connect(office.port) as stalled:
        stalled.sendall(head_lines.encode("ascii") + data[:5000])
        time.sleep(0.3)
        started = time.monotonic()
        assert offset(location, token) == 5000
        assert time.monotonic() - started < 5
        assert send_all(location, token, data, start=5000).status_code == 204
        answer = read_answer(stalled)
        assert answer is None or answer.status in (204, 409)
    assert filed(office, hashlib.sha256(data).hexdigest()) is not None


def test_a_wrong_sha256_is_refused_and_nothing_is_kept(office: HeadOffice, manager: Manager) -> None:
    _code, token = manager
    claimed = hashlib.sha256(b"another file").hexdigest()
    location = new_upload(office, token, JPEG, "photo.jpg", "image/jpeg", sha256=claimed)
    last = patch(location, token, 0, JPEG)
    assert last.status_code == wire.UPLOAD_SHA256_MISMATCH_STATUS, last.text
    assert detail(last)["code"] == wire.UPLOAD_SHA256_MISMATCH
    assert head(location, token).status_code == 404
    assert filed(office, claimed) is None and filed(office, hashlib.sha256(JPEG).hexdigest()) is None
    assert not (tus_dir(office) / location.rsplit("/", 1)[1]).exists()


def test_a_gzip_upload_is_filed_inflated_and_a_broken_or_bomb_stream_is_refused(
    office: HeadOffice, manager: Manager
) -> None:
    _code, token = manager
    white = b"%PDF-1.4\n" + b"0 0 0 rg\n" * 40_000 + b"\n%%EOF\n"
    digest = hashlib.sha256(white).hexdigest()
    packed = gzip.compress(white, mtime=0)
    gzip_meta = metadata("白纸.pdf", "application/pdf", digest) + f",encoding {b64('gzip')}"
    answer = create(office, token, len(packed), gzip_meta)
    assert answer.status_code == 201, answer.text
    assert send_all(answer.headers["Location"], token, packed).status_code == 204
    row = filed(office, digest)
    assert row is not None and row.size == len(white)  # the file itself, not what travelled

    for bad in (
        packed[:-8],
        packed + b"more",
        b"not gzip at all",
        gzip.compress(b"\0" * (wire.UPLOAD_MAX_BYTES + 1)),
    ):  # cut short, trailing bytes, no gzip, a bomb
        claimed = hashlib.sha256(bad).hexdigest()
        meta = metadata("坏.pdf", "application/pdf", claimed) + f",encoding {b64('gzip')}"
        location = create(office, token, len(bad), meta).headers["Location"]
        last = patch(location, token, 0, bad)
        assert last.status_code == wire.UPLOAD_SHA256_MISMATCH_STATUS, last.text
        assert filed(office, claimed) is None
    unknown = create(office, token, 10, metadata("x.pdf", "application/pdf", digest) + f",encoding {b64('br')}")
    assert unknown.status_code == 400 and detail(unknown)["code"] == "upload_metadata"


def test_no_token_bad_metadata_and_unknown_uploads_are_4xx(office: HeadOffice, manager: Manager) -> None:
    _code, token = manager
    sha = hashlib.sha256(JPEG).hexdigest()
    good = metadata("photo.jpg", "image/jpeg", sha)
    before = set(tus_dir(office).iterdir())
    for who in (None, "not-a-token"):
        refused = create(office, who, len(JPEG), good)
        assert refused.status_code == 401 and refused.json()["detail"]["code"] == "unauthorized"
        assert refused.headers["WWW-Authenticate"] == "Bearer"
    location = new_upload(office, token, JPEG, "photo.jpg", "image/jpeg")
    assert head(location, None).status_code == 401
    assert patch(location, None, 0, JPEG).status_code == 401
    assert offset(location, token) == 0  # nothing of an unauthenticated piece was kept
    cases: list[tuple[str, int, str, dict[str, str]]] = [
        ("no sha256", len(JPEG), f"filename {b64('a.jpg')},filetype {b64('image/jpeg')}", {}),
        ("upper-case sha256", len(JPEG), metadata("a.jpg", "image/jpeg", sha.upper()), {}),
        ("a text file", len(JPEG), metadata("a.txt", "text/plain", sha), {}),
        ("no filename", len(JPEG), metadata("", "image/jpeg", sha), {}),
        ("not base64", len(JPEG), "filename %%%,filetype x,sha256 y", {}),
        ("a key twice", len(JPEG), good + f",sha256 {b64(sha)}", {}),
        ("empty", 0, good, {}),
        ("too large", wire.UPLOAD_MAX_BYTES + 1, good, {}),
        ("deferred length", len(JPEG), good, {"Upload-Defer-Length": "1"}),
        ("concatenation", len(JPEG), good, {"Upload-Concat": "partial"}),
        ("another tus", len(JPEG), good, {"Tus-Resumable": "0.2.2"}),
    ]
    for what, size, meta, extra in cases:
        refused = create(office, token, size, meta, **extra)
        assert 400 <= refused.status_code < 500, (what, refused.status_code, refused.text)
        detail(refused)
    assert create(office, token, wire.UPLOAD_MAX_BYTES + 1, good).status_code == 413
    assert create(office, token, len(JPEG), good, **{"Tus-Resumable": "0.2.2"}).status_code == 412
    upload_id = location.rsplit("/", 1)[1]
    assert {p.name for p in set(tus_dir(office).iterdir()) - before} == {upload_id, upload_id + ".info"}
    for missing in (office.url + wire.UPLOADS_PATH + "/" + "0" * 32, office.url + wire.UPLOADS_PATH + "/..%00"):
        assert head(missing, token).status_code == 404
        unknown = patch(missing, token, 0, b"x")
        assert unknown.status_code == 404 and detail(unknown)["code"] == "upload_not_found"
    text_piece = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "text/plain", **auth(token)}
    wrong_type = requests.patch(location, data=b"x", headers=text_piece, timeout=10)
    assert wrong_type.status_code == 415 and offset(location, token) == 0
    not_allowed = requests.get(location, headers=auth(token), timeout=10)
    assert (not_allowed.status_code, not_allowed.headers["Allow"]) == (405, "DELETE, HEAD, PATCH")


def test_the_tuspy_client_uploads_to_head_office(office: HeadOffice, manager: Manager) -> None:
    _code, token = manager
    data = PDF + b"tuspy"
    sha = hashlib.sha256(data).hexdigest()
    client = TusClient(office.url + wire.UPLOADS_PATH, headers=auth(token))
    meta = {"filename": "扫描.pdf", "filetype": "application/pdf", "sha256": sha}
    uploader = client.uploader(file_stream=io.BytesIO(data), chunk_size=wire.UPLOAD_PIECE_BYTES, metadata=meta)
    uploader.upload()
    assert uploader.offset == len(data)
    row = filed(office, sha)
    assert row is not None and bytes(row.data) == data and row.name == "扫描.pdf"


def by_reference(item: Item) -> str:
    """The receipt's payload without its scan's bytes, as a laptop sends it after uploading it."""
    payload = json.loads(item.payload)
    payload.pop(wire.SCAN_KEY, None)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def test_a_receipt_names_its_uploaded_scan(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    proposal = proposal_item(ctx, code)
    assert push(office.url, token, proposal).status_code == 201
    scan = PDF + code.encode()
    receipt = receipt_item(ctx, ProposalId(proposal.record_id), scan=scan)
    named = by_reference(receipt)
    assert wire.SCAN_KEY not in json.loads(named)
    # Not uploaded yet: 409 upload_missing, alone and in a batch, and nothing stored.
    missing = push(office.url, token, receipt, body=named.encode())
    assert missing.status_code == 409, missing.text
    assert detail(missing)["code"] == wire.UPLOAD_MISSING
    assert detail(missing)["errors"][0]["field"] == "receipt.scan"
    [(key, status, body)] = results(post_batch(office, token, batch_of((receipt, None, named))))
    assert (key, status, body["detail"]["code"]) == (receipt.key, 409, wire.UPLOAD_MISSING)
    assert [r.id for r in office.records("receipt") if r.id == receipt.record_id] == []
    # Uploaded: received, holding the scan, and replays answer the same.
    assert send_all(new_upload(office, token, scan), token, scan).status_code == 204
    first = push(office.url, token, receipt, body=named.encode())
    assert first.status_code == 201, first.text
    assert push(office.url, token, receipt, body=named.encode()).content == first.content
    [(_key, status, body)] = results(post_batch(office, token, batch_of((receipt, None, named))))
    assert (status, body) == (201, first.json())
    assert [r.body for r in office.records("receipt") if r.id == receipt.record_id] == [named]
    assert store.receipt_scan(sessions(office), receipt.record_id) == scan


def test_an_answer_names_its_uploaded_attachments(office: HeadOffice, manager: Manager, ctx: AppContext) -> None:
    code, token = manager
    proposal = proposal_item(ctx, code)
    assert push(office.url, token, proposal).status_code == 201
    event = office.command("letter", proposal.record_id, "problem", "--reason", "请补充材料")
    letter_id = letter_on_laptop(ctx, event)
    photo = JPEG + code.encode()
    item = answer_item(ctx, letter_id, "已补充", {"补充材料.jpg": photo})
    payload = json.loads(item.payload)
    for entry in payload["attachments"]:
        entry.pop(wire.ATTACHMENT_DATA_KEY, None)
    named = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    missing = push(office.url, token, item, body=named.encode())
    assert missing.status_code == 409 and detail(missing)["errors"][0]["field"] == "attachments[0]"
    location = new_upload(office, token, photo, "补充材料.jpg", "image/jpeg")
    assert send_all(location, token, photo).status_code == 204
    first = push(office.url, token, item, body=named.encode())
    assert first.status_code == 201, first.text
    assert push(office.url, token, item, body=named.encode()).content == first.content
    with sessions(office)() as session:
        rows = session.execute(select(AttachmentRow.name, AttachmentRow.sha256, AttachmentRow.data).where(
            AttachmentRow.answer_id == item.record_id)).all()  # fmt: skip
    assert [(r.name, r.sha256, bytes(r.data)) for r in rows] == [
        ("补充材料.jpg", hashlib.sha256(photo).hexdigest(), photo)
    ]


def test_expired_uploads_are_swept(tmp_path: Path) -> None:
    """tuspyserver's own gc cannot read the expiry it writes: ours deletes what is past it."""
    folder = tmp_path / "tus"
    folder.mkdir()
    now = datetime.now(UTC)
    for upload_id, expires in (("a" * 32, now - timedelta(minutes=1)), ("b" * 32, now + timedelta(days=1))):
        (folder / upload_id).write_bytes(b"part")
        (folder / f"{upload_id}.info").write_text(json.dumps({"expires": format_datetime(expires, usegmt=True)}))
    uploads = Uploads(session_factory(make_engine(f"sqlite:///{tmp_path / 'h.db'}")), folder, limits=Limits())
    assert uploads.sweep(now) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["b" * 32, "b" * 32 + ".info"]
