"""`branchdesk print …` run as a user runs it: the installed command in a subprocess."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import text

from app.context import AppContext
from app.demo import generate
from app.handover.records import APPLICATION_MATERIALS, ItemInput
from app.profile.audit import events_for
from app.receipts.service import ReceiptService
from tests.handover_data import TODAY, add_outlet, finished_proposal, set_up_manager, signed, zigzag

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))
DAY = date(2026, 3, 18)


def branchdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BRANCHDESK, *args], capture_output=True, text=True, timeout=120, env=dict(os.environ))


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("print") / "data"
    ctx = AppContext.open(data_dir)
    try:
        generate(ctx.store, clients=200, seed=2, today=DAY, worklog_days=10)
    finally:
        ctx.close()
    return data_dir


def test_daily_plan_summary_and_week(profile: Path, tmp_path: Path) -> None:
    for document, title in (("daily-plan", "每日工作计划表"), ("daily-summary", "每日工作计划与总结表"),
                            ("week-plan", "周工作计划表"), ("week-summary", "周工作总结表"),
                            ("month-summary", "月工作总结表"), ("target-progress", "个人指标进度情况表")):  # fmt: skip
        out = tmp_path / f"{document}.pdf"
        done = branchdesk("--data-dir", str(profile), "print", document, "--date", "2026-03-17", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"{document}: {out} (") and "page" in done.stdout
        content = pdf_text(out)
        assert title in content and "第 1 页 / 共" in content
        assert "2026-03-" in content  # the day (the week's Monday, its Sunday, the month's end) in the header
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_client_card_masked_then_revealed_and_audited(profile: Path, tmp_path: Path) -> None:
    ctx = AppContext.open(profile)
    try:
        with ctx.store.engine.connect() as connection:
            client_id, number = connection.execute(
                text("SELECT id, id_number FROM clients WHERE id_number IS NOT NULL LIMIT 1")).one()  # fmt: skip
    finally:
        ctx.close()
    out = tmp_path / "card.pdf"
    assert branchdesk("--data-dir", str(profile), "print", "client-card", client_id, "--out", str(out)).returncode == 0
    assert number not in pdf_text(out) and f"{number[:6]}********{number[-4:]}" in pdf_text(out)
    done = branchdesk("--data-dir", str(profile), "print", "client-card", client_id, "--reveal", "--out", str(out))
    assert done.returncode == 0 and "recorded in the audit log" in done.stdout
    assert number in pdf_text(out)
    assert out.stat().st_mode & 0o777 == 0o600  # full numbers: for the owner's eyes only
    ctx = AppContext.open(profile)
    try:
        with ctx.store.sessions() as session:
            assert [e.action for e in events_for(session, "client", client_id)].count("print") == 1
    finally:
        ctx.close()


def test_proposal_receipt_and_handover_by_id(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    set_up_manager(ctx)
    proposal_id = finished_proposal(ctx)
    receipts = ReceiptService(ctx.store.sessions, ctx.actor, today=lambda: TODAY)
    receipt_id = receipts.new_draft(proposal_id, "P2026000777", date(2026, 3, 17))
    receipts.sign(receipt_id, date(2026, 3, 18), signature=signed(zigzag()))
    list_id = ctx.handover.create_draft(APPLICATION_MATERIALS, TODAY, add_outlet(ctx), "刘柜员",
                                        [ItemInput(proposal_id=proposal_id)])  # fmt: skip
    ctx.close()
    for kind, record_id, expected in (("proposal", proposal_id, "人身保险投保单"),
                                      ("receipt", receipt_id, "P2026000777"),
                                      ("handover", list_id, "投保资料交接清单")):  # fmt: skip
        out = tmp_path / f"{kind}.pdf"
        done = branchdesk("--data-dir", str(data_dir), "print", kind, record_id, "--out", str(out))
        assert done.returncode == 0, done.stderr
        content = pdf_text(out)
        assert expected in content and "张伟" in content and "王芳（BJ0107）" in content
        assert "尚未送达总公司" in content  # nothing has been synced
        assert "110105198506120253" not in content


@pytest.mark.parametrize(("args", "message"), [
    (("daily-plan", "--date", "2026-02-30"), "is not a date like"),
    (("daily-plan", "--date", "tomorrow"), "is not a date like"),
    (("daily-plan", "--date", "0001-01-01"), "out of range: give a date from 1900-01-01 to 2100-12-31"),
    (("week-plan", "--date", "9999-12-31"), "out of range: give a date from 1900-01-01 to 2100-12-31"),
    (("daily-summary", "--date", "1899-12-31"), "out of range: give a date from 1900-01-01 to 2100-12-31"),
    (("client-card", "\udcff", "--out", "x.pdf"), "the argument ID is not UTF-8 text"),
    (("daily-plan",), "the following arguments are required: --out"),
    (("proposal", "--out", "x.pdf"), "the following arguments are required: ID"),
    (("week-plan", "--reveal", "--out", "x.pdf"), "unrecognized arguments: --reveal"),
    (("minutes", "--out", "x.pdf"), "invalid choice"),
])  # fmt: skip
def test_bad_arguments_exit_2(data_dir: Path, args: tuple[str, ...], message: str) -> None:
    done = branchdesk("--data-dir", str(data_dir), "print", *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_unknown_ids_and_unwritable_paths_exit_2_writing_nothing(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    for kind in ("proposal", "receipt", "handover", "client-card"):
        done = branchdesk("--data-dir", str(profile), "print", kind, "no-such-id", "--out", str(out))
        assert done.returncode == 2 and "No " in done.stderr and "no-such-id" in done.stderr, done.stderr
    assert not out.exists()
    for target, reason in ((tmp_path / "missing" / "x.pdf", "does not exist"), (tmp_path, "is a folder")):
        done = branchdesk("--data-dir", str(profile), "print", "daily-plan", "--out", str(target))
        assert done.returncode == 2 and reason in done.stderr, done.stderr


def test_a_folder_that_cannot_be_written_exits_2(profile: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        done = branchdesk("--data-dir", str(profile), "print", "daily-plan", "--out", str(locked / "x.pdf"))
        assert done.returncode == 2 and "cannot be written" in done.stderr
    finally:
        locked.chmod(0o700)


def test_an_existing_file_is_replaced_whole(profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"old")
    assert branchdesk("--data-dir", str(profile), "print", "daily-plan", "--date", "2026-03-17",
                      "--out", str(out)).returncode == 0  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob(".*.tmp"))
