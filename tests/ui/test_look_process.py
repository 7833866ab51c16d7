"""The look's tests (tests/ui/test_look.py) in a fresh process: applying a style to the whole
application re-polishes every widget earlier tests left alive, which makes them crawl in the
full suite; alone they take seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_look_tests_pass_in_their_own_process(tmp_path: Path) -> None:
    env = {**os.environ, "BRANCHDESK_LOOK_TESTS": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
         "tests/ui/test_look.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout[-2000:]
