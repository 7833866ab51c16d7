"""Scans and attachments go ahead of their item in resumable pieces (issue 20 item 3): the laptop's
tus client (sync/uploads.py) and the drain around it, against the real head-office server.

Each file reaches head office once, byte for byte, and its item exactly once; a drop or a kill
mid-piece resumes from head office's offset (`sent_bytes` at most the file's size and one piece);
head office losing an upload, or lacking the file an item names, uploads it again; a file
head office finds different is sent again from zero once; a damaged local copy is never sent.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import signal
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from app.context import AppContext
from app.receipts.service import ReceiptFields
from app.rules.ids import ProposalId
from local_db import models
from sync.headoffice.db import UploadedFile, make_engine, session_factory
from sync.http import HeadOffice, Retryable
from sync.outbox import OutboxDrain
from sync.uploads import PIECE_BYTES, Reading, on_the_wire
from tests.headoffice.laptop import letter_on_laptop
from tests.headoffice.server import HeadOffice as Server
from tests.paperwork_helpers import finished_proposal
from tests.sync.conftest import FAST, QUICK_TIMEOUT, log_in, service
from tests.sync.helpers import assert_exactly_once, outbox

PDF_HEAD, PDF_TAIL = b"%PDF-1.4\n", b"\n%%EOF\n"


def pdf(size: int, seed: int = 0) -> bytes:
    """A PDF-looking file of `size` bytes that no compression shrinks."""
    body = hashlib.shake_256(f"scan-{seed}".encode()).digest(size - len(PDF_HEAD) - len(PDF_TAIL))
    return PDF_HEAD + body + PDF_TAIL


def signed_with_scan(ctx: AppContext, proposal_id: str, scan: bytes) -> str:
    """A receipt of the proposal, signed with `scan` (a PDF is stored as it is); its id."""
    yesterday = date.today() - timedelta(days=1)
    receipt_id = ctx.receipts.new_draft(ProposalId(proposal_id))
    ctx.receipts.save_draft(receipt_id, ReceiptFields("P2026000123", yesterday, yesterday, 15))
    ctx.receipts.sign(receipt_id, yesterday, scan=(scan, "application/pdf"))
    return receipt_id


def files(ctx: AppContext) -> list[models.OutboxFile]:
    with ctx.store.sessions() as session:
        return list(session.scalars(select(models.OutboxFile).order_by(models.OutboxFile.size)))


def held_at_head_office(office: Server) -> dict[str, bytes]:
    """sha256 -> the bytes head office filed from uploads."""
    engine = make_engine(office.db_url)
    try:
        with session_factory(engine)() as session:
            rows = session.scalars(select(UploadedFile).options(undefer(UploadedFile.data))).all()
            return {row.sha256: row.data for row in rows}
    finally:
        engine.dispose()


def office_for(server: Server, token: str) -> HeadOffice:
    return HeadOffice(server.url, token, timeout=QUICK_TIMEOUT)


def one_receipt_with_scan(ctx: AppContext, size: int, seed: int = 0) -> bytes:
    scan = pdf(size, seed)
    signed_with_scan(ctx, finished_proposal(ctx), scan)
    return scan


# ---- the body: progress from inside a piece -----------------------------------------------------


def test_a_piece_says_how_far_it_was_read() -> None:
    heard: list[int] = []
    body = Reading(b"x" * 40_000, heard.append)
    assert len(body) == 40_000
    blocks = [body.read(16_384) for _ in range(4)]
    assert [len(b) for b in blocks] == [16_384, 16_384, 7_232, 0]
    assert heard == [16_384, 32_768, 40_000] and body.read_so_far == 40_000 and len(body) == 0


# ---- delivery ---------------------------------------------------------------------------------------


def test_a_scanned_receipt_and_an_answer_with_two_attachments_arrive_once_byte_for_byte(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    proposal_id = finished_proposal(ctx)
    assert service(ctx).run_once().sent == 1
    event = headoffice.command("letter", proposal_id, "problem", "--reason", "缺少收入证明")
    letter_id = letter_on_laptop(ctx, event)
    first, second = pdf(300_000, 1), pdf(40_000, 2)
    draft = ctx.answers.draft(letter_id)
    ctx.answers.save(draft.id, "已补交收入证明")
    ctx.answers.attach(draft.id, "收入证明.pdf", first)
    ctx.answers.attach(draft.id, "银行流水.pdf", second)
    ctx.answers.send(draft.id)
    scan = pdf(3 * 1024 * 1024 + 12_345, 3)
    signed_with_scan(ctx, proposal_id, scan)
    heard: list[tuple[int, int]] = []

    report = service(ctx).run_once(on_bytes=lambda done, due: heard.append((done, due)))

    assert (report.sent, report.pending_left) == (2, 0)
    assert_exactly_once(ctx, headoffice)
    held = held_at_head_office(headoffice)
    for data in (first, second, scan):
        assert held[hashlib.sha256(data).hexdigest()] == data  # byte for byte, filed by its SHA-256
    [answer] = headoffice.answers()
    assert [(a["name"], a["size"], a["sha256"]) for a in answer["attachments"]] == [
        ("收入证明.pdf", len(first), hashlib.sha256(first).hexdigest()),
        ("银行流水.pdf", len(second), hashlib.sha256(second).hexdigest()),
    ]
    for row in files(ctx):  # each piece sent once: no resend on a good link
        assert row.uploaded_at is not None
        assert (row.sent_bytes, row.pieces_sent) == (row.size, math.ceil(row.size / PIECE_BYTES))
    # Bytes moved inside the pieces, not only as each request ended, and never back.
    dones = [done for done, _due in heard]
    assert dones == sorted(dones) and heard[-1][0] == heard[-1][1]
    assert len(heard) > 3 * math.ceil(len(scan) / PIECE_BYTES)
    assert any(done % PIECE_BYTES not in (0, len(scan) % PIECE_BYTES) for done in dones)
    # A second run has nothing left to upload or send.
    again = service(ctx).run_once()
    assert again.sent == 0 and len(held_at_head_office(headoffice)) == 3


def test_a_scan_of_white_paper_travels_gzipped_and_is_filed_as_it_was(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    """Mostly white paper gzips well: fewer bytes on the link, the same file at head office."""
    log_in(ctx, headoffice, headoffice_token)
    white = PDF_HEAD + b"0 0 0 rg\n" * 60_000 + pdf(200_000, 9) + PDF_TAIL  # a sixth or more to save
    signed_with_scan(ctx, finished_proposal(ctx), white)
    heard: list[tuple[int, int]] = []
    assert service(ctx).run_once(on_bytes=lambda done, due: heard.append((done, due))).pending_left == 0
    assert held_at_head_office(headoffice)[hashlib.sha256(white).hexdigest()] == white
    [row] = files(ctx)
    assert row.size == len(white) and row.sent_bytes == len(on_the_wire(white)[0]) < len(white) * 0.95
    assert heard[-1][0] == heard[-1][1]  # progress in the file's own bytes, to its end


def test_the_bytes_on_the_wire_are_the_same_on_every_try() -> None:
    """A resume after a restart gzips again: the bytes must be those head office already holds."""
    data = b"white paper " * 50_000
    packed, encoding = on_the_wire(data)
    assert encoding == "gzip" and on_the_wire(data) == (packed, "gzip") and gzip.decompress(packed) == data
    noise = pdf(100_000)
    assert on_the_wire(noise) == (noise, None)  # nothing worth saving: sent as it is


def test_a_file_head_office_already_holds_is_not_sent_again(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    scan = one_receipt_with_scan(ctx, 600_000)
    assert service(ctx).run_once().sent == 2
    signed_with_scan(ctx, finished_proposal(ctx), scan)  # the same scan for a second receipt
    assert service(ctx).run_once().sent == 2
    assert_exactly_once(ctx, headoffice)
    sent = [(row.sent_bytes, row.uploaded_at is not None) for row in files(ctx)]
    # Head office either made the second upload complete at once or took it again: never more.
    assert sent[0] == (len(scan), True) and sent[1][1] and sent[1][0] in (0, len(scan))


# ---- drops, kills and losses --------------------------------------------------------------------------


class CutOffice(HeadOffice):
    """The real client, whose connection drops once in the middle of the `cut_at`-th piece (the
    socket is shut down while the body is being read, as a link cut does)."""

    def __init__(self, *args: Any, cut_at: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cut_at, self.pieces = cut_at, 0

    def tus_patch(
        self, upload: str, offset: int, body: Any, *, timeout: tuple[float, float] | None = None
    ) -> int | None:
        self.pieces += 1
        if self.pieces == self.cut_at:
            body = _Cutting(body, self)
        return super().tus_patch(upload, offset, body, timeout=timeout)


class _Cutting:
    """A body whose link drops half-way through: the connection breaks while it is written."""

    def __init__(self, body: Reading, office: HeadOffice) -> None:
        self._body, self._office = body, office

    def __len__(self) -> int:
        return len(self._body)

    def read(self, size: int = -1) -> bytes:
        block = self._body.read(size)
        if self._body.read_so_far >= PIECE_BYTES // 2:
            raise ConnectionResetError(104, "Connection reset by peer")
        return block


def test_a_drop_mid_piece_resumes_from_head_offices_offset(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    scan = one_receipt_with_scan(ctx, 5 * PIECE_BYTES + 1000)
    office = CutOffice(headoffice.url, headoffice_token, timeout=QUICK_TIMEOUT, cut_at=3)
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    office.close()
    assert (report.sent, report.deferred) == (2, 0)
    assert_exactly_once(ctx, headoffice)
    [row] = files(ctx)
    assert held_at_head_office(headoffice) == {row.sha256: scan}
    # The cut piece was counted whole; what head office kept of it was not sent again.
    assert len(scan) < row.sent_bytes <= len(scan) + PIECE_BYTES
    assert row.pieces_sent <= math.ceil(len(scan) / PIECE_BYTES) + 1


CHILD = """
import sys
from pathlib import Path
from app.context import AppContext
from sync.http import HeadOffice
from sync.outbox import OutboxDrain

def heard(done, due):
    print(done, due, flush=True)
    sys.stdin.readline()  # wait for the test: it kills this process at a moment it chooses

ctx = AppContext.open(Path(sys.argv[1]))
office = HeadOffice(sys.argv[2], sys.argv[3])
OutboxDrain(ctx.store.sessions, office).run(on_bytes=heard)
print("done", flush=True)
"""


def test_a_drain_killed_mid_upload_resumes_from_head_offices_offset(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    scan = one_receipt_with_scan(ctx, 3 * 1024 * 1024)
    data_dir = str(ctx.data_dir)
    ctx.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, data_dir, headoffice.url, headoffice_token],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    killed_at = 0
    for line in child.stdout:
        done = int(line.split()[0])
        if done > 2 * PIECE_BYTES + PIECE_BYTES // 3:  # in the middle of the third piece's body
            killed_at = done
            child.send_signal(signal.SIGKILL)
            break
        child.stdin.write("\n")
        child.stdin.flush()
    child.wait()
    assert child.returncode == -signal.SIGKILL and killed_at
    reopened = AppContext.open(ctx.data_dir)
    try:
        [row] = files(reopened)
        assert row.upload_url and row.uploaded_at is None and row.pieces_sent == 3
        office = office_for(headoffice, headoffice_token)
        held = office.tus_offset(row.upload_url)
        assert held is not None and 2 * PIECE_BYTES <= held[0] < 3 * PIECE_BYTES and held[1] == len(scan)
        report = OutboxDrain(reopened.store.sessions, office, FAST).run()
        office.close()
        assert report.sent == 1  # the receipt: its proposal went before the kill
        assert_exactly_once(reopened, headoffice)
        [row] = files(reopened)
        assert held_at_head_office(headoffice) == {row.sha256: scan}
        assert row.sent_bytes <= len(scan) + PIECE_BYTES  # resumed, not started again
        print(f"\n[sync figures] upload_sigkill: size={len(scan)}, killed_at={killed_at}, "
              f"held_after_kill={held[0]}, sent_bytes={row.sent_bytes}, pieces={row.pieces_sent}")  # fmt: skip
    finally:
        reopened.close()


def test_an_upload_head_office_forgot_starts_again(ctx: AppContext, headoffice: Server, headoffice_token: str) -> None:
    scan = one_receipt_with_scan(ctx, 2 * PIECE_BYTES + 10)
    with ctx.store.sessions.begin() as session:  # a stale upload: head office expired it
        session.execute(update(models.OutboxFile).values(upload_url="/v1/uploads/0123456789abcdef0123456789abcdef"))
    log_in(ctx, headoffice, headoffice_token)
    assert service(ctx).run_once().sent == 2
    assert_exactly_once(ctx, headoffice)
    [row] = files(ctx)
    assert row.upload_url != "/v1/uploads/0123456789abcdef0123456789abcdef" and row.sent_bytes == len(scan)


def test_an_item_naming_a_file_head_office_lacks_uploads_it_again(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    scan = one_receipt_with_scan(ctx, 100_000)
    with ctx.store.sessions.begin() as session:  # the laptop believes it uploaded it; head office has nothing
        session.execute(update(models.OutboxFile).values(uploaded_at=datetime.now(UTC)))
    log_in(ctx, headoffice, headoffice_token)
    report = service(ctx).run_once()
    assert (report.sent, report.pending_left) == (2, 0)
    assert_exactly_once(ctx, headoffice)
    [row] = files(ctx)
    assert held_at_head_office(headoffice) == {row.sha256: scan} and row.sent_bytes == len(scan)


class GarblingOffice(HeadOffice):
    """The real client on a link that flips a byte in the last piece of the next `times` files of
    `length` bytes."""

    def __init__(self, *args: Any, times: int, length: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.times, self.length = times, length

    def tus_patch(
        self, upload: str, offset: int, body: Any, *, timeout: tuple[float, float] | None = None
    ) -> int | None:
        if self.times and offset + len(body) >= self.length:
            self.times -= 1
            data = bytearray(body.read())
            data[-1] ^= 0xFF
            body = bytes(data)
        return super().tus_patch(upload, offset, body, timeout=timeout)


def test_a_file_head_office_finds_different_is_sent_again_once(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    scan = one_receipt_with_scan(ctx, PIECE_BYTES + 500)
    office = GarblingOffice(headoffice.url, headoffice_token, timeout=QUICK_TIMEOUT, times=1, length=len(scan))
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    assert report.sent == 2
    assert_exactly_once(ctx, headoffice)
    [row] = files(ctx)
    assert held_at_head_office(headoffice) == {row.sha256: scan} and row.sent_bytes == 2 * len(scan)

    # Garbled every time: started again once, then the item waits (never refused for good).
    scan = one_receipt_with_scan(ctx, PIECE_BYTES + 700, seed=9)
    office.times, office.length = 10, len(scan)
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    office.close()
    assert (report.sent, report.deferred) == (1, 1)  # the proposal went; its receipt waits
    waiting = [i for i in outbox(ctx) if i.status != "sent"]
    assert [(i.kind, i.status) for i in waiting] == [("receipt", "pending")]
    assert '"upload_sha256_mismatch"' in waiting[0].last_error
    assert files(ctx)[-1].sent_bytes == 2 * len(scan)  # twice, not more
    assert hashlib.sha256(scan).hexdigest() not in held_at_head_office(headoffice)


def test_a_damaged_local_copy_is_never_sent(ctx: AppContext, headoffice: Server, headoffice_token: str) -> None:
    one_receipt_with_scan(ctx, 50_000)
    with ctx.store.sessions.begin() as session:
        session.execute(update(models.OutboxFile).values(data=b"%PDF-1.4\n" + b"\0" * 49_991))
    log_in(ctx, headoffice, headoffice_token)
    report = service(ctx).run_once()
    assert (report.sent, report.rejected) == (1, 1)
    [receipt] = [i for i in outbox(ctx) if i.kind == "receipt"]
    assert receipt.status == "rejected" and '"local_copy_damaged"' in receipt.last_error
    assert files(ctx)[0].sent_bytes == 0 and held_at_head_office(headoffice) == {}
    assert [r.kind for r in headoffice.records()] == ["proposal"]


def test_a_refused_token_stops_the_run_before_any_byte(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    proposal_id = finished_proposal(ctx)
    assert service(ctx).run_once().sent == 1
    signed_with_scan(ctx, proposal_id, pdf(100_000))
    office = HeadOffice(headoffice.url, "revoked", timeout=QUICK_TIMEOUT)
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    office.close()
    assert report.stopped is not None and report.sent == 0
    [receipt] = [i for i in outbox(ctx) if i.kind == "receipt"]
    assert receipt.status == "pending" and '"unauthorized"' in receipt.last_error
    assert files(ctx)[0].sent_bytes == 0


def test_cancel_stops_between_pieces_and_the_next_run_resumes(
    ctx: AppContext, headoffice: Server, headoffice_token: str
) -> None:
    scan = one_receipt_with_scan(ctx, 6 * PIECE_BYTES)
    cancel = threading.Event()
    office = office_for(headoffice, headoffice_token)

    def heard(done: int, _due: int) -> None:
        if done >= 2 * PIECE_BYTES:
            cancel.set()

    report = OutboxDrain(ctx.store.sessions, office, FAST).run(cancel, on_bytes=heard)
    assert report.cancelled
    [row] = files(ctx)
    assert row.uploaded_at is None and 2 <= row.pieces_sent <= 3
    report = OutboxDrain(ctx.store.sessions, office, FAST).run()
    office.close()
    assert report.sent == 1  # the receipt (its proposal went before the cancel)
    assert_exactly_once(ctx, headoffice)
    [row] = files(ctx)
    assert row.sent_bytes == len(scan) and held_at_head_office(headoffice) == {row.sha256: scan}


def test_a_head_office_without_uploads_is_not_a_refusal(headoffice: Server, headoffice_token: str) -> None:
    office = office_for(headoffice, headoffice_token)
    try:
        office.tus_create("/v1/no-uploads-here", 10, "filename YQ==")
    except Retryable as exc:
        assert exc.code == "unexpected" and exc.status == 404
    else:
        raise AssertionError("a head office without uploads was taken for one")
    finally:
        office.close()
