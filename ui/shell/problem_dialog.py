"""An unexpected error, said in one plain sentence, with *Copy report* for IT.

Two ways lead here, both through `ProblemReporter`:
- an exception escaping to sys.excepthook or threading.excepthook: install_crash_handler
  (app/logging_setup.py) logs it and hands over the masked report;
- a background task's unexpected failure, announced on ui/common/failures.problems() with its
  reference (the page that ran it says its own sentence as well). Its report is made when the
  user copies it, so the last log lines include the task's own entry.

The report (app/common/crash_report.py) is masked as the log is; it is English, for IT, and is
never shown on screen — the dialog says only what is true for the user: what was saved is safe,
the step being done may not have finished. One dialog at a time: a problem that follows while it
is open takes the place of the earlier one in the report.
"""

from __future__ import annotations

from collections.abc import Callable

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.common.crash_report import ProblemReport, build_report, current_log_path
from app.logging_setup import install_crash_handler, log_file
from ui.common.failures import problems
from ui.common.i18n import current_language

ICON_SIZE = 48
SENTENCE_WIDTH = 480
TASK_WHERE = "a background task"


class ProblemDialog(QDialog):
    def __init__(self, make_report: Callable[[], ProblemReport], reference: str | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._make_report = make_report
        self.setWindowTitle(self.tr("BranchDesk"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.sentence = QLabel(self.tr(
            "BranchDesk hit an unexpected problem. What was already saved is safe: most forms save as you type, "
            "so at most the last second or two of typing is missing. The step you were doing may not have "
            "finished; please check it. Use Copy report and send the report to IT support."
        ))  # fmt: skip
        self.sentence.setWordWrap(True)
        self.reference = QLabel()
        self.log = QLabel(self.tr("Log file: %1").replace("%1", str(current_log_path() or log_file())))
        self.log.setWordWrap(True)
        self.log.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.setDefault(True)  # Enter copies; Esc closes
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.sentence)
        text.addWidget(self.reference)
        text.addWidget(self.log)
        text.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        # Wrapped labels: a fixed width for the text, and the dialog grows when a line is added.
        self.sentence.setFixedWidth(SENTENCE_WIDTH)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self._show_reference(reference)
        self.copy_button.setFocus()

    def _show_reference(self, reference: str | None) -> None:
        self.reference.setText(self.tr("Reference %1").replace("%1", reference) if reference else "")
        self.reference.setVisible(bool(reference))

    def replace(self, make_report: Callable[[], ProblemReport], reference: str | None) -> None:
        """A later problem: its report is the one copied from now on."""
        self._make_report = make_report
        self._show_reference(reference)
        self.status.clear()

    def report_text(self) -> str:
        qt = f"{qVersion()} (PySide6 {PySide6.__version__})"
        return self._make_report().text([("Qt", qt), ("Screen language", current_language())])

    def copy_report(self) -> str:
        """Puts the report on the clipboard; returns it."""
        text = self.report_text()
        QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("The report is on the clipboard: paste it into a mail to IT support."))
        return text


class ProblemReporter(QObject):
    """Brings up the problem dialog on the GUI thread, whichever thread failed."""

    crash_did_happen = Signal(object)  # a ProblemReport

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: ProblemDialog | None = None
        self.crash_did_happen.connect(self._show_report)
        problems().problem_did_happen.connect(self._show_task_problem)

    def install(self) -> None:
        """Uncaught exceptions, of any thread, end in the dialog."""
        install_crash_handler(report_to=self.crash_did_happen.emit)

    def _show_report(self, report: ProblemReport) -> None:
        self._show(lambda: report, report.reference)

    def _show_task_problem(self, exc: BaseException, reference: str) -> None:
        self._show(lambda: build_report(exc, TASK_WHERE, reference=reference), reference)

    def _show(self, make_report: Callable[[], ProblemReport], reference: str | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.replace(make_report, reference)
            return
        self.dialog = ProblemDialog(make_report, reference, self._window)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.open()

    def _forget(self) -> None:
        self.dialog = None
