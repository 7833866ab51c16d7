"""After a whole day's work, no log, settings file or database holds a known token, ID or phone.

The workflow is the real one: a client card, a proposal for that client finished with
signatures, a login and a sync against the real head-office server, a CSV export and a
printed client card, then errors that carry the values into the log (a logged exception and an
uncaught crash in a subprocess). Then every file the app could have written is searched.

The database file is searched for the token always. ID and phone numbers are in the database
by design; once the database is encrypted (no plain "SQLite format 3" header) the same search
covers them too — until then that part is skipped, and says why.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.clients.exporting import export_clients
from app.clients.records import ClientDraft
from app.context import AppContext
from app.logging_setup import HANDLER_NAME, install_logging, log_dir
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal

# The sample proposal's policyholder (resources/samples/proposal.json), also saved as a card.
ID = "110105198506120253"
PHONE = "13812345678"
PLAIN_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def logging_to_file() -> Iterator[Path]:
    path = install_logging(logging.DEBUG)
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def _holding(files: list[Path], secret: str) -> list[str]:
    needle = secret.encode("utf-8")
    return [str(p) for p in files if needle in p.read_bytes()]


def _crash_in_a_subprocess(token: str) -> subprocess.CompletedProcess[str]:
    script = (
        "import os, threading\n"
        "from app.logging_setup import install_crash_handler, install_logging\n"
        "install_logging()\n"
        "install_crash_handler(lambda text: print(text, file=__import__('sys').stderr))\n"
        "values = f\"card {os.environ['T_ID']} phone {os.environ['T_PHONE']} token={os.environ['T_TOKEN']}\"\n"
        "thread = threading.Thread(target=lambda: 1 / 0 if values else None, name='worker')\n"
        "thread.start(); thread.join()\n"
        "raise RuntimeError(values)\n"
    )
    env = {**os.environ, "T_ID": ID, "T_PHONE": PHONE, "T_TOKEN": token}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env,
                          cwd=Path(__file__).resolve().parents[1])  # fmt: skip


def test_a_full_workflow_leaves_nothing_in_clear(
    tmp_path: Path, data_dir: Path, headoffice: HeadOffice, headoffice_token: str, logging_to_file: Path,  # noqa: F811
) -> None:  # fmt: skip
    token = headoffice_token
    ctx = AppContext.open(data_dir)
    try:
        card = ClientDraft(name="张伟", gender="M", birth_date=date(1985, 6, 12), id_number=ID, mobile=PHONE)
        client_id = ctx.clients.save(card).client_id
        finished_proposal(ctx)
        ctx.sync.login(headoffice.url, SAMPLE_MANAGER, token)
        report = ctx.sync.run_once()
        assert report.succeeded and report.sent >= 1, report
        (tmp_path / "out").mkdir()
        export = export_clients(ctx, tmp_path / "out" / "clients.csv")
        (tmp_path / "out" / "card.pdf").write_bytes(ctx.printing.client_card(client_id))
        try:
            raise ValueError(f"card {ID} (mobile {PHONE}) refused; sent with Authorization: Bearer {token}")
        except ValueError:
            logging.getLogger("ui.common.task_runner").exception("background task failed for %s token=%s", ID, token)
        logging.getLogger("app.headoffice.service").warning("head office answered for %s / %s", PHONE, token)
        with ctx.store.sessions() as session:
            settings = " ".join(session.scalars(text("SELECT key || value_json FROM settings")))
            actions = set(session.scalars(text("SELECT action FROM audit_events WHERE entity = 'head_office'")))
        assert actions == {"login"}
    finally:
        ctx.close()
    crash = _crash_in_a_subprocess(token)
    assert crash.returncode == 1 and "unexpected problem (RuntimeError)" in crash.stderr, crash.stderr

    logs = _files_under(log_dir())
    log_text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    # The errors did reach the log, masked, and the crash's traceback with them.
    assert "110105********0253" in log_text and "138****5678" in log_text
    assert "background task failed" in log_text and "RuntimeError: card" in log_text
    assert "ZeroDivisionError" in log_text and "thread worker" in log_text
    everything = _files_under(tmp_path / "home", tmp_path / "out", data_dir)
    for secret in (token, ID, PHONE):
        assert secret not in log_text and secret not in crash.stderr + crash.stdout
        assert secret not in settings
        assert _holding([*logs, export.path], secret) == []
    # The token is nowhere at all: not in the database (nor its WAL), nor any settings file.
    assert _holding(everything, token) == []

    db_files = [p for p in _files_under(data_dir) if p.name.startswith(ctx.store.db_path.name)]
    outside_db = [p for p in everything if p not in db_files]
    for secret in (ID, PHONE):
        assert _holding(outside_db, secret) == []
    # Until the database is encrypted the numbers are in it by design; from then on, not a trace.
    if ctx.store.db_path.read_bytes()[:16] != PLAIN_HEADER:
        for secret in (ID, PHONE):
            assert _holding(db_files, secret) == []
