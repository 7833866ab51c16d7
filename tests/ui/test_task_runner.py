"""The task runner: results and errors come back as signals on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from ui.common.task_runner import Task, TaskRunner


def test_work_runs_off_the_gui_thread_and_reports_back(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(_task: Task) -> str:
        seen["worker_is_gui"] = QThread.currentThread() is gui_thread
        return "done"

    results: list[str] = []
    runner.submit(work, on_done=results.append, on_error=pytest.fail)
    qtbot.waitUntil(lambda: results == ["done"])
    assert seen["worker_is_gui"] is False


def test_on_failure_receives_the_exception(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work(_task: Task) -> None:
        raise ValueError("bad row 7")

    runner.submit(work, on_failure=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad row 7"


def test_db_lane_runs_one_task_at_a_time(qtbot: QtBot) -> None:
    runner = TaskRunner()
    active = 0
    most = 0
    lock = threading.Lock()
    finished: list[int] = []

    def work(_task: Task) -> int:
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        threading.Event().wait(0.02)
        with lock:
            active -= 1
        return 1

    for _ in range(5):
        runner.submit(work, lane="db", on_done=finished.append, on_error=pytest.fail)
    qtbot.waitUntil(lambda: len(finished) == 5)
    assert most == 1


def test_progress_and_cancel(qtbot: QtBot) -> None:
    runner = TaskRunner()
    progress: list[tuple[int, int]] = []
    outcome: list[str] = []
    started = threading.Event()

    def work(task: Task) -> str:
        for step in range(1000):
            if task.cancelled.is_set():
                return f"stopped at {step}"
            task.report_progress(step, 1000)
            started.set()
            threading.Event().wait(0.005)
        return "ran to the end"

    task = runner.submit(work, on_done=outcome.append, on_error=pytest.fail,
                         on_progress=lambda d, t: progress.append((d, t)))  # fmt: skip
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: len(outcome) == 1)
    assert outcome[0].startswith("stopped at") and progress and progress[0] == (0, 1000)


def test_nothing_starts_after_stop_until_resumed(qtbot: QtBot) -> None:
    """A page built after the window closed must not read the profile being closed."""
    runner = TaskRunner()
    ran: list[str] = []
    runner.stop()
    refused = runner.submit(lambda _t: ran.append("late"), on_error=pytest.fail)
    assert runner.wait_for_idle(2000)
    qtbot.wait(50)
    assert ran == [] and refused.cancelled.is_set()
    runner.resume()
    results: list[str] = []
    runner.submit(lambda _t: "again", on_done=results.append, on_error=pytest.fail)
    qtbot.waitUntil(lambda: results == ["again"])
    assert ran == []
