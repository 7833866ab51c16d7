"""Cold start: separate processes, median of several runs.

Two moments of our app are timed: `shown` (the main window is on screen) and `ready` (the
profile is open and attached, the window usable). The bare baseline has only `shown`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))


def time_moments(command: list[str]) -> dict[str, float]:
    """Seconds from process start to each line the process prints ("shown", "ready")."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRANCHDESK_EXIT_WHEN_SHOWN": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None
    moments = {line.strip(): time.perf_counter() - started for line in process.stdout}
    process.wait(timeout=60)
    if "shown" not in moments:
        raise RuntimeError(f"{command} did not show a window (exit {process.returncode})")
    return moments


def measure(profiles: dict[str, Path], runs: int = 5) -> dict[str, dict[str, float]]:
    """Median seconds per command and moment; runs are interleaved so a slow moment of the
    machine hits every command alike."""
    commands = {"bare_qmainwindow": [sys.executable, str(HERE / "bare_window.py")]}
    for name, data_dir in profiles.items():
        commands[name] = [BRANCHDESK, "--data-dir", str(data_dir), "--lang", "en"]
    for command in commands.values():
        time_moments(command)  # warm the OS file cache, as on a laptop used every day
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(time_moments(command))
    return {
        name: {moment: statistics.median(s[moment] for s in runs_) for moment in runs_[0]}
        for name, runs_ in samples.items()
    }
