"""One writer per profile: `branchdesk` commands run at once on one profile, and beside the app.

Every audited change takes SQLite's write lock before it reads the next audit seq
(local_db.engine.hold_write_lock), so concurrent commands queue for it instead of taking the same
seq; one that waits past the busy timeout says the profile is busy (exit 5), never crashes.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from sqlalchemy import text

from app.clients.records import ClientDraft
from app.context import AppContext
from app.profile.audit import record_event, verify_chain
from local_db.engine import BUSY_TIMEOUT_MS
from tests.test_cli import BRANCHDESK, branchdesk

WAVES, PER_WAVE = 2, 20


def _profile_with_a_card(data_dir: Path) -> None:
    ctx = AppContext.open(data_dir)
    try:
        ctx.clients.save(ClientDraft(name="王芳", gender="F", mobile="13912345678"))
    finally:
        ctx.close()


def _export(data_dir: Path, target: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [BRANCHDESK, "--data-dir", str(data_dir), "export", "clients", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip


def _seqs(ctx: AppContext) -> list[int]:
    with ctx.store.sessions() as session:
        return list(session.scalars(text("SELECT seq FROM audit_events ORDER BY seq")))


def test_concurrent_exports_all_succeed_with_one_unbroken_audit_chain(data_dir: Path, tmp_path: Path) -> None:
    _profile_with_a_card(data_dir)
    started = time.monotonic()
    failures = []
    for wave in range(WAVES):
        runs = [_export(data_dir, tmp_path / f"export-{wave}-{n}.csv") for n in range(PER_WAVE)]
        for run in runs:
            _out, err = run.communicate(timeout=120)
            if run.returncode != 0:
                failures.append((run.returncode, err))
    elapsed = time.monotonic() - started
    assert failures == [], failures
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions() as session:
            report = verify_chain(session)
        seqs = _seqs(ctx)
    finally:
        ctx.close()
    assert report.intact, report.problems
    # The card's creation, then one event per export: no seq taken twice, none skipped.
    assert seqs == list(range(1, 2 + WAVES * PER_WAVE))
    assert len(list(tmp_path.glob("export-*.csv"))) == WAVES * PER_WAVE
    print(f"{WAVES * PER_WAVE} concurrent exports ({PER_WAVE} at a time) in {elapsed:.1f} s")


def test_a_command_waits_for_the_apps_write_then_writes_after_it(data_dir: Path, tmp_path: Path) -> None:
    """The app (this process) holds a write transaction that took the next seq; the command waits."""
    _profile_with_a_card(data_dir)
    app = AppContext.open(data_dir)
    try:
        with app.store.sessions.begin() as session:
            record_event(session, actor="local", action="edit", entity="client", entity_id=None)
            session.flush()
            waiting = _export(data_dir, tmp_path / "while-busy.csv")
            time.sleep(1.5)
            assert waiting.poll() is None, waiting.communicate()  # still waiting for the lock
        out, err = waiting.communicate(timeout=60)
        assert waiting.returncode == 0, err
        assert "1 clients exported" in out
        with app.store.sessions() as session:
            assert verify_chain(session).intact
        assert _seqs(app) == [1, 2, 3]
    finally:
        app.close()


def test_a_command_kept_waiting_past_the_busy_timeout_says_so(data_dir: Path, tmp_path: Path) -> None:
    _profile_with_a_card(data_dir)
    app = AppContext.open(data_dir)
    target = tmp_path / "never.csv"
    try:
        with app.store.sessions.begin() as session:
            record_event(session, actor="local", action="edit", entity="client", entity_id=None)
            session.flush()
            started = time.monotonic()
            result = branchdesk("--data-dir", str(data_dir), "export", "clients", str(target))
            waited = time.monotonic() - started
    finally:
        app.close()
    assert result.returncode == 5, result.stderr
    assert "is busy: BranchDesk or another command kept writing to it" in result.stderr
    assert "Try again when the other work has finished." in result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert waited >= BUSY_TIMEOUT_MS / 1000
    assert not target.exists()  # the export is recorded before the file takes its name
