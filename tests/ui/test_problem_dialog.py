"""The problem dialog: an unexpected error (a background task's, or one escaping to the except
hooks) shows a plain sentence and *Copy report*, which puts the masked report on the clipboard."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import __version__
from tests.test_crash_report import CLEAR, ID18, PHONE, TOKEN, _caught, assert_nothing_in_clear
from ui.common.task_runner import Task, TaskRunner
from ui.shell.problem_dialog import ProblemDialog, ProblemReporter

SHOTS = Path("/tmp/branchdesk-shots")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def reporter(qtbot: QtBot, log_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ProblemReporter]:
    """A window with the reporter the GUI installs; the hooks and the feed are let go after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    window = QWidget()
    window.resize(900, 600)
    window.show()
    created = ProblemReporter(window)
    created.install()
    yield created
    window.close()
    shiboken6.delete(window)  # the reporter with it: no later test's failure reaches it


def shown(qtbot: QtBot, reporter: ProblemReporter) -> ProblemDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    dialog = reporter.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # as on screen: the keys go to it
    return dialog


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def test_a_tasks_unexpected_failure_ends_in_the_dialog(qtbot: QtBot, reporter: ProblemReporter) -> None:
    QGuiApplication.clipboard().clear()
    runner = TaskRunner()
    said: list[str] = []

    def crash(_task: Task) -> None:
        raise RuntimeError(f"client {ID18} phone {PHONE} said Bearer {TOKEN}")

    runner.submit(crash, on_error=said.append)
    dialog = shown(qtbot, reporter)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert runner.wait_for_idle()
    # The page's sentence and the dialog carry the same reference, the one in the log.
    found = re.search(r"reference (\d{8})\.$", said[0])
    assert found is not None
    reference = found.group(1)
    assert dialog.reference.text() == f"Reference {reference}" and dialog.reference.isVisibleTo(dialog)
    assert dialog.sentence.text().startswith("BranchDesk hit an unexpected problem. What was already saved is safe")
    assert dialog.copy_button.isDefault() and dialog.copy_button.text() == "&Copy report"
    assert dialog.isModal() and dialog.parent() is reporter.parent()

    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter copies
    report = clipboard()
    assert report.startswith("BranchDesk problem report\nBranchDesk:       " + __version__)
    assert f"Where:            a background task (reference {reference})" in report
    assert re.search(r"^Qt: +\d+\.\d+", report, re.M) and "Screen language:  en" in report
    assert "RuntimeError: client 110105********0253 phone 138****5678 said Bearer [removed]" in report
    # Made when copied: the log lines hold the task's own entry, masked like the rest.
    assert f"background task failed (reference {reference})" in report.split("log lines (masked):")[1]
    assert_nothing_in_clear(report)
    assert dialog.status.text() == "The report is on the clipboard: paste it into a mail to IT support."
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_an_uncaught_exception_in_the_gui_thread_ends_in_the_dialog(qtbot: QtBot, reporter: ProblemReporter) -> None:
    QGuiApplication.clipboard().clear()
    exc = _caught()  # its message holds an ID number, a phone and a bearer token
    sys.excepthook(type(exc), exc, exc.__traceback__)
    dialog = shown(qtbot, reporter)
    assert not dialog.reference.isVisibleTo(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the button's accelerator
    qtbot.waitUntil(lambda: clipboard() != "")  # a mnemonic clicks after the button's short animation
    report = clipboard()
    assert "Where:            the main thread" in report and "uncaught exception in the main thread" in report
    assert "RuntimeError: sync refused 110105********0253" in report and "Traceback (masked):" in report
    assert_nothing_in_clear(report)
    for secret in CLEAR:
        assert secret not in dialog.sentence.text() + dialog.log.text()


def test_a_worker_threads_exception_ends_in_the_dialog_on_the_gui_thread(
    qtbot: QtBot, reporter: ProblemReporter
) -> None:
    def worker() -> None:
        raise KeyError(f"missing {ID18}")

    thread = threading.Thread(target=worker, name="pdf-worker")
    thread.start()
    thread.join()
    dialog = shown(qtbot, reporter)
    assert dialog.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
    text = dialog.copy_report()
    assert clipboard() == text and "Where:            thread pdf-worker" in text
    assert "KeyError: 'missing 110105********0253'" in text and ID18 not in text


def test_a_problem_that_follows_replaces_the_report_in_the_one_dialog(qtbot: QtBot, reporter: ProblemReporter) -> None:
    first = _caught()
    sys.excepthook(type(first), first, first.__traceback__)
    dialog = shown(qtbot, reporter)
    dialog.copy_report()
    try:
        raise ZeroDivisionError("the later one")
    except ZeroDivisionError as later:
        sys.excepthook(type(later), later, later.__traceback__)
    assert reporter.dialog is dialog and dialog.status.text() == ""
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, ProblemDialog) and w.isVisible()] == [dialog]
    assert "ZeroDivisionError: the later one" in dialog.copy_report()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_screenshots(qtbot: QtBot, reporter: ProblemReporter, qapp: QApplication, language: str,
                     request: pytest.FixtureRequest) -> None:  # fmt: skip
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    exc = _caught()
    sys.excepthook(type(exc), exc, exc.__traceback__)
    dialog = shown(qtbot, reporter)
    dialog.copy_report()
    qtbot.wait(50)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / f"problem-dialog-{language}.png"))
    if language == "zh_CN":
        if dialog.copy_button.text() == "&Copy report":
            pytest.skip("the zh_CN strings are not merged into the translation yet (/tmp/i18n/F21.tsv)")
        assert dialog.copy_button.text() == "复制报告(&C)"
        shown_text = " ".join(label.text() for label in (dialog.sentence, dialog.status, dialog.close_button))
        assert "出现了意外问题" in shown_text and not LATIN_WORD.search(shown_text.replace("BranchDesk", ""))
