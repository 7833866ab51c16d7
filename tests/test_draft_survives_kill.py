"""Drafts are never lost: the real app is killed with SIGKILL while typing into a proposal
draft, and every edit it had reported as saved is in the draft when the profile is reopened."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from app.context import AppContext
from app.rules.ids import ProposalId
from tests.drivers.type_into_draft import TEXT

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
LINE_TIMEOUT_S = 15

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def read_lines(stream: Iterable[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.strip())


def next_line(lines: queue.Queue[str], timeout: float, stderr: list[str]) -> str:
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"the app said nothing for {timeout} s; stderr: {''.join(stderr)[-2000:]}") from None


# Killed right after an acknowledgement, or a moment later while the next keystroke's save
# is pending or being written: the acknowledged text must survive either way.
@pytest.mark.parametrize(("acknowledged", "delay_s"), [(3, 0.0), (6, 0.12), (9, 0.26)])
def test_last_acknowledged_edit_survives_sigkill(tmp_path: Path, data_dir: Path, acknowledged: int,
                                                 delay_s: float) -> None:  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.drivers.type_into_draft", "--data-dir", str(data_dir),
         "--ui-settings", str(tmp_path / "ui.ini")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    stderr: list[str] = []
    errors = app.stderr
    assert errors is not None
    threading.Thread(target=read_lines, args=(app.stdout, lines), daemon=True).start()
    threading.Thread(target=lambda: stderr.extend(errors), daemon=True).start()
    try:
        first = next_line(lines, START_TIMEOUT_S, stderr)
        assert first.startswith("draft "), first
        draft_id = ProposalId(first.split()[1])
        while (line := next_line(lines, LINE_TIMEOUT_S, stderr)) != f"typed {acknowledged}":
            assert line.startswith("typed "), line
        time.sleep(delay_s)
        app.send_signal(signal.SIGKILL)
        assert app.wait(timeout=10) == -signal.SIGKILL
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

    ctx = AppContext.open(data_dir)
    try:
        name = ctx.proposals.doc(draft_id).policyholder.name
    finally:
        ctx.close()
    # Everything acknowledged is there; anything more is the next keystrokes, in order.
    assert name.startswith(TEXT[:acknowledged]) and TEXT.startswith(name), name
