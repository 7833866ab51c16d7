"""Importing clients from a CSV: pick the file, check the column mapping on a preview of the
rows as they will be read, import the valid rows, and save a report of the ones refused.

Nothing is imported from a row with a problem; the valid rows go in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.i18n import current_language
from ui.common.task_runner import Task, TaskRunner

if TYPE_CHECKING:
    from app.clients.importing import ImportPreview, ImportReport
    from app.common.csv_files import CsvTable
    from app.context import AppContext


class ClientImportDialog(QDialog):
    import_did_finish = Signal(object)  # the ImportReport

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.table: CsvTable | None = None
        self.report: ImportReport | None = None
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Import clients from CSV"))
        self.resize(900, 620)
        self.file_label = QLabel(self.tr("Choose a CSV file (UTF-8 or GBK, as Excel saves it)."), self)
        self.file_label.setWordWrap(True)
        self.choose = QPushButton(self.tr("&Choose file…"), self)
        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Card field")])
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 0, self)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()  # the file's own line numbers are the first column
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.setWordWrap(True)
        self.mapping.verticalHeader().hide()
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.import_button = QPushButton(self.tr("&Import valid rows"), self)
        self.import_button.setEnabled(False)
        self.report_button = QPushButton(self.tr("Save error &report…"), self)
        self.report_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Columns: check where each column goes; unknown ones are ignored."), self))
        layout.addWidget(self.mapping, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 2)
        layout.addLayout(buttons)

        self.choose.clicked.connect(self._choose)
        self.import_button.clicked.connect(self.start_import)
        self.report_button.clicked.connect(self._save_report)
        self.close_button.clicked.connect(self.reject)

    def field_names(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "gender": self.tr("Gender"),
            "birth_date": self.tr("Birth date"),
            "id_type": self.tr("ID document"),
            "id_number": self.tr("ID number"),
            "mobile": self.tr("Mobile"),
            "phone_other": self.tr("Other phone"),
            "address": self.tr("Address"),
            "occupation": self.tr("Occupation"),
            "employer": self.tr("Employer"),
            "tier": self.tr("Tier"),
            "source": self.tr("Source"),
            "risk_preference": self.tr("Risk preference"),
            "income_band": self.tr("Income"),
            "assets_cents": self.tr("Assets (yuan)"),
            "investments": self.tr("Investments"),
            "hobbies": self.tr("Hobbies"),
            "notes": self.tr("Notes"),
            "tags": self.tr("Tags"),
            "outlet": self.tr("Outlet (code or name)"),
            "blacklisted": self.tr("Blacklisted"),
            "blacklist_reason": self.tr("Blacklist reason"),
        }

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import clients"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        from app.clients.columns import suggest_mapping
        from app.common.csv_files import read_csv

        self.file_label.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.runner.submit(
            lambda _t: (read_csv(path), path),
            on_done=lambda loaded: self._loaded(loaded[0], suggest_mapping(loaded[0].headers)),
            on_error=self._failed,
        )

    def _loaded(self, table: CsvTable, mapping: dict[str, str | None]) -> None:
        self.table = table
        self.file_label.setText(
            self.tr("%1: %n row(s), read as %2.", "", len(table.rows))
            .replace("%1", table.name)
            .replace("%2", table.encoding)
        )
        names = self.field_names()
        self.mapping.setRowCount(0)
        for header in table.headers:
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 0, item)
            box = QComboBox(self.mapping)
            box.addItem(self.tr("(ignore)"), None)
            for field, text in names.items():
                box.addItem(text, field)
            box.setCurrentIndex(max(0, box.findData(mapping.get(header))))
            box.currentIndexChanged.connect(self.refresh_preview)
            self.mapping.setCellWidget(row, 1, box)
        self.refresh_preview()

    def current_mapping(self) -> dict[str, str | None]:
        mapping: dict[str, str | None] = {}
        for row in range(self.mapping.rowCount()):
            header, box = self.mapping.item(row, 0), self.mapping.cellWidget(row, 1)
            assert header is not None and isinstance(box, QComboBox)
            mapping[header.text()] = box.currentData()
        return mapping

    def refresh_preview(self) -> None:
        from app.clients.importing import preview

        if self.table is None:
            return
        table, mapping, ctx, lang = self.table, self.current_mapping(), self.ctx, current_language()
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking every row…"))
        self.runner.submit(
            lambda _t: preview(ctx, table, mapping, language=lang), on_done=self._show_preview, on_error=self._failed
        )

    def _show_preview(self, result: ImportPreview) -> None:
        names = self.field_names()
        self.summary.setText(
            self.tr("%1 rows: %2 can be imported, %3 have problems (%4 duplicates) and will be left out.")
            .replace("%1", str(result.total_rows))
            .replace("%2", str(result.valid))
            .replace("%3", str(result.with_problems))
            .replace("%4", str(result.duplicates))
        )
        headers = [self.tr("Line")] + [names.get(field, field) for _, field in result.columns] + [self.tr("Problems")]
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(result.rows))
        lang = current_language()
        for r, row in enumerate(result.rows):
            cells = [str(row.line), *row.cells, " ".join(p.message(lang) for p in row.problems)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if row.problems:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        self.preview.resizeRowsToContents()
        self.import_button.setEnabled(result.valid > 0)
        self.import_button.setText(self.tr("&Import %n valid row(s)", "", result.valid))

    def start_import(self) -> None:
        from app.clients.importing import import_rows

        if self.table is None:
            return
        table, mapping, ctx = self.table, self.current_mapping(), self.ctx
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.progress.show()
        self.progress.setValue(0)
        self._task = self.runner.submit(
            lambda t: import_rows(ctx, table, mapping, progress=t.report_progress, cancel=t.cancelled),
            lane="db",
            on_done=self._imported,
            on_error=self._failed,
            on_progress=lambda done, total: self.progress.setValue(int(done * 100 / max(total, 1))),
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self._task = None
        self.progress.setValue(100)
        self.choose.setEnabled(True)
        summary = (
            self.tr("Imported %1 new card(s), updated %2; %3 row(s) left out.")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.updated))
            .replace("%3", str(report.rejected))
        )
        if report.warnings:
            # Imported, but worth a look (an ID whose region code no data knows): the report lists them.
            summary += " " + self.tr("%1 row(s) to check: see the report.").replace("%1", str(len(report.warnings)))
        self.summary.setText(summary)
        self.report_button.setVisible(report.rejected > 0 or bool(report.warnings))
        self.import_did_finish.emit(report)

    def _save_report(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save error report"), "import-errors.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        from app.clients.importing import write_report_csv

        assert self.report is not None
        report, lang = self.report, current_language()
        self.runner.submit(
            lambda _t: write_report_csv(report, path, lang),
            on_done=lambda _r: self.summary.setText(
                self.summary.text() + " " + self.tr("Report saved to %1.").replace("%1", str(path))
            ),
            on_error=self._failed,
        )

    def _failed(self, text: str) -> None:
        self._task = None
        self.progress.hide()
        self.choose.setEnabled(True)
        self.summary.setText(text)

    def reject(self) -> None:
        # Closing mid-import cancels it; the import then writes nothing.
        if self._task is not None:
            self._task.cancel()
        super().reject()
