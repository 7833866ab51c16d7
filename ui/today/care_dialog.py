"""Care messages (关怀短信) as a worklist: who is due today, the message, copy, export, mark sent.

The list masks mobile numbers, as every list does. The export for the bank's SMS platform holds
the real numbers (the platform sends to them): it is a deliberate action, said so beside the
button, and the core records it in the audit log. *Mark sent* writes the work-log entries (they
count toward the day's SMS target and show in each client's history); the messages sent leave
the list and do not come back for that occasion.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.day.care import PLACEHOLDERS, CareExport, CareItem
from ui.common.palette import set_tone
from ui.common.qdates import qdate
from ui.common.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext

ITEM_ROLE = Qt.ItemDataRole.UserRole


class CareTexts(QObject):
    """The occasions' names, in the user's language."""

    def kinds(self) -> dict[str, str]:
        return {
            "maturity": self.tr("Maturity notice"),
            "birthday": self.tr("Birthday"),
            "important_date": self.tr("Anniversary"),
            "new_tier": self.tr("New tier reached"),
            "purchase_follow_up": self.tr("After a purchase"),
            "adoption": self.tr("New client"),
        }


class CareDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: TaskRunner, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self.day = day
        self.items: list[CareItem] = []
        self.texts = CareTexts(self)
        when = QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)
        self.setWindowTitle(self.tr("Care messages for %1").replace("%1", when))
        self.resize(1000, 600)
        self.about = QLabel(
            self.tr(
                "Gold-card clients and above: products maturing within 30 days, birthdays and anniversaries "
                "(today and the next two days), a tier reached in the last 30 days, the revisit 10 days after "
                "a purchase, and cards opened in the last 30 days. Important notices have no source in the "
                "profile yet and are not listed."
            ),
            self,
        )
        self.about.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("careList")
        self.table.setRootIsDecorated(False)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setHeaderLabels(
            [self.tr("Occasion"), self.tr("Client"), self.tr("Mobile"), self.tr("Date"), self.tr("Message")]
        )
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.count = QLabel(self)
        self.count.setObjectName("careCount")
        self.copy_button = QPushButton(self.tr("&Copy messages"), self)
        self.copy_button.setToolTip(self.tr("The selected messages' text, to paste into a phone (Ctrl+C)"))
        self.export_button = QPushButton(self.tr("&Export for the SMS platform…"), self)
        self.mark_button = QPushButton(self.tr("&Mark sent"), self)
        self.mark_button.setToolTip(self.tr("Log each selected message as a care SMS; it leaves the list"))
        self.templates_button = QPushButton(self.tr("&Templates…"), self)
        self.export_note = QLabel(
            self.tr(
                "The export holds the clients' real mobile numbers, which the SMS platform needs; "
                "each export is recorded in the audit log."
            ),
            self,
        )
        self.export_note.setObjectName("careExportNote")
        self.export_note.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("careStatus")
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        buttons = QHBoxLayout()
        for button in (self.copy_button, self.export_button, self.mark_button, self.templates_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.export_note)
        layout.addWidget(self.status)
        layout.addWidget(close)

        close.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_selected)
        self.export_button.clicked.connect(self._choose_export)
        self.mark_button.clicked.connect(self.mark_sent)
        self.templates_button.clicked.connect(self.open_templates)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.table).activated.connect(self.copy_selected)
        self._update_buttons()
        self.table.setFocus()
        self.reload()

    def reload(self) -> None:
        care, day = self._ctx.care, self.day
        self._runner.submit(lambda _t: care.worklist(day), on_done=self._show, on_error=self.status.setText)

    def _show(self, items: list[CareItem]) -> None:
        self.items = items
        kinds = self.texts.kinds()
        self.table.clear()
        for item in items:
            row = QTreeWidgetItem([
                kinds.get(item.kind, item.kind), item.client_name, item.mobile_masked,
                QLocale().toString(qdate(item.occurs_on), QLocale.FormatType.ShortFormat), item.text,
            ])  # fmt: skip
            row.setData(0, ITEM_ROLE, item)
            row.setToolTip(4, item.text)
            self.table.addTopLevelItem(row)
        # The day's work is usually all of them: everything starts selected, the first row current.
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
        self.table.selectAll()
        self.count.setText(self.tr("%n client(s) due for a care message", "", len(items)))
        self._update_buttons()

    def selected(self) -> list[CareItem]:
        """The selected rows' messages, in the list's order."""
        items = (self.table.topLevelItem(n) for n in range(self.table.topLevelItemCount()))
        return [item.data(0, ITEM_ROLE) for item in items if item is not None and item.isSelected()]

    def _update_buttons(self) -> None:
        some = bool(self.table.selectedItems())
        for button in (self.copy_button, self.export_button, self.mark_button):
            button.setEnabled(some)

    def copy_selected(self) -> None:
        items = self.selected()
        if items:
            QApplication.clipboard().setText("\n\n".join(i.text for i in items))
            self.status.setText(self.tr("Copied %n message(s).", "", len(items)))

    def _choose_export(self) -> None:
        name = f"关怀短信-{self.day.isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export for the SMS platform"), name,
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        care, items = self._ctx.care, self.selected()
        self._runner.submit(
            lambda _t: care.export_csv(items, path),
            on_done=self._exported,
            on_error=lambda text: self.status.setText(self.tr("Export failed: %1").replace("%1", text)),
        )

    def _exported(self, result: CareExport) -> None:
        self.status.setText(
            self.tr("Exported %n message(s) to %1 (recorded in the audit log).", "", result.count).replace(
                "%1", result.path.name
            )
        )

    def mark_sent(self) -> None:
        care, items, day = self._ctx.care, self.selected(), self.day
        if not items:
            return
        self._runner.submit(lambda _t: care.mark_sent(items, day), lane="db", on_done=self._marked,
                            on_error=self.status.setText)  # fmt: skip

    def _marked(self, count: int) -> None:
        self.status.setText(self.tr("Logged %n care message(s) as sent.", "", count))
        self.reload()

    def open_templates(self) -> None:
        dialog = CareTemplatesDialog(self._ctx, self._runner, self)
        dialog.templates_did_save.connect(self.reload)
        dialog.open()
        self.templates_dialog = dialog


class CareTemplatesDialog(QDialog):
    """One Chinese template per occasion; the placeholders are filled for each client."""

    templates_did_save = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._templates: dict[str, str] = {}
        self.setWindowTitle(self.tr("Care message templates"))
        self.kind = QComboBox(self)
        for code, text in CareTexts(self).kinds().items():
            self.kind.addItem(text, code)
        kind_label = QLabel(self.tr("&Occasion"), self)
        kind_label.setBuddy(self.kind)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("careTemplate")
        self.text.setTabChangesFocus(True)
        text_label = QLabel(self.tr("&Wording"), self)
        text_label.setBuddy(self.text)
        self.help = QLabel(
            self.tr(
                "Placeholders: %1 — the salutation (surname and 先生 or 女士), the full name, the product or "
                "date's name, the date, the tier and your name."
            ).replace("%1", " ".join(PLACEHOLDERS)),
            self,
        )
        self.help.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore the built-in wording"), self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_tone(self.problem, "problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close,
                                        self)  # fmt: skip
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind, 1)
        layout.addLayout(top)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.help)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        care = ctx.care
        runner.submit(lambda _t: care.templates(), on_done=self._loaded, on_error=self.problem.setText)

    def _loaded(self, templates: dict[str, str]) -> None:
        self._templates = templates
        self._show_kind()

    def _show_kind(self) -> None:
        self.text.setPlainText(self._templates.get(self.kind.currentData(), ""))

    def save(self) -> None:
        self._write(self.kind.currentData(), self.text.toPlainText())

    def restore(self) -> None:
        self._write(self.kind.currentData(), "")

    def _write(self, kind: str, text: str) -> None:
        care = self._ctx.care
        self.problem.clear()

        def work(_task: object) -> dict[str, str]:
            care.set_template(kind, text)
            return care.templates()

        self._runner.submit(
            work,
            lane="db",
            on_done=self._saved,
            on_error=self.problem.setText,
        )

    def _saved(self, templates: dict[str, str]) -> None:
        self._loaded(templates)
        self.problem.setText(self.tr("Saved."))
        self.templates_did_save.emit()
