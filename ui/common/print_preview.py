"""Preview a printed document, then print it on the system's printer or save it as a PDF.

The PDF is made and its pages rendered on the `cpu` lane; the dialog shows the page images
scaled to its width.  A document whose making writes (a print that reveals ID numbers records
it in the audit log) is made on the lane given as `pdf_lane` ("db"), then rendered on `cpu`.
Printing renders the pages again at the printer's resolution (at most `PRINT_DPI_MAX`) and
paints them on the whole sheet: the PDF already holds its own margins.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMarginsF, QRect, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap, QResizeEvent, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.reports.render import pdf_page_images
from ui.common.failures import failure_text
from ui.common.task_runner import TaskRunner

PREVIEW_DPI = 110
PRINT_DPI_MAX = 300
PAGE_GAP = 12


def to_qimage(image: Image.Image) -> QImage:
    """A QImage owning its pixels (safe to make off the GUI thread; QPixmap is not)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


def render(pdf: bytes) -> tuple[bytes, list[QImage]]:
    """The PDF and its pages as images for the preview (off the GUI thread)."""
    return pdf, [to_qimage(page) for page in pdf_page_images(pdf, PREVIEW_DPI)]


class PrintPreviewDialog(QDialog):
    preview_did_render = Signal(int)  # the number of pages shown
    print_did_finish = Signal(int)  # the number of pages sent to the printer

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        make_pdf: Callable[[], bytes],
        file_name: str = "document.pdf",
        parent: QWidget | None = None,
        pdf_lane: str = "cpu",
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._file_name = file_name
        self.pdf: bytes | None = None
        self._pages: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", title))
        self.resize(760, 720)

        self.status = QLabel(self.tr("Preparing the document…"), self)
        self.pages_widget = QWidget(self)
        self._pages_layout = QVBoxLayout(self.pages_widget)
        self._pages_layout.setSpacing(PAGE_GAP)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        # Always there, so showing the pages never narrows the view under the pages just scaled.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setWidget(self.pages_widget)
        self.scroll_area.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.pages_widget.setStyleSheet("background: #8a8a8a;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setToolTip(self.tr("Print on paper (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.save_button.setToolTip(self.tr("Save the document as a PDF file (Ctrl+S)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.print_document)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save_as)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        self._set_ready(False)

        if pdf_lane == "cpu":
            runner.submit(lambda _t: render(make_pdf()), on_done=self._show_pages, on_error=self._show_failure)
        else:
            runner.submit(lambda _t: make_pdf(), lane=pdf_lane, on_done=self._render_made, on_error=self._show_failure)

    def _render_made(self, pdf: bytes) -> None:
        self._runner.submit(lambda _t: render(pdf), on_done=self._show_pages, on_error=self._show_failure)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # ---- preview -----------------------------------------------------------------------

    def _show_pages(self, result: tuple[bytes, list[QImage]]) -> None:
        self.pdf, self._pages = result
        for _image in self._pages:
            label = QLabel(self.pages_widget)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._pages_layout.addWidget(label)
            self.page_labels.append(label)
        self._scale_pages()
        self.status.setText(self.tr("%n page(s)", "", len(self._pages)))
        self._set_ready(True)
        self.print_button.setFocus()
        self.preview_did_render.emit(len(self._pages))

    def _scale_pages(self) -> None:
        if not self._pages:
            return
        margins = self._pages_layout.contentsMargins()
        width = max(200, self.scroll_area.viewport().width() - margins.left() - margins.right())
        for label, image in zip(self.page_labels, self._pages, strict=True):
            scaled = image.scaledToWidth(min(width, image.width()), Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_pages()

    def _show_failure(self, text: str) -> None:
        self.status.setText(self.tr("The document could not be prepared: %1").replace("%1", text))

    # ---- saving ------------------------------------------------------------------------

    def save_as(self) -> None:
        if self.pdf is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / self._file_name), self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        if self.pdf is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            self.status.setText(self.tr("The file could not be saved: %1").replace("%1", failure_text(error) or ""))
            return
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))

    # ---- printing ----------------------------------------------------------------------

    def print_document(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Renders the pages for `printer` on the cpu lane, then paints them on it."""
        pdf = self.pdf
        if pdf is None:
            return
        printer.setFullPage(True)
        printer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
        )
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        self._set_ready(False)
        self.status.setText(self.tr("Printing…"))
        # A bound method, not a lambda: Qt drops it if the dialog is closed meanwhile.
        self._runner.submit(
            lambda _t: (printer, [to_qimage(page) for page in pdf_page_images(pdf, dpi)]),
            on_done=self._paint,
            on_error=self._print_failed,
        )

    def _paint(self, result: tuple[QPrinter, list[QImage]]) -> None:
        printer, pages = result
        painter = QPainter()
        if not painter.begin(printer):
            self._print_failed(self.tr("the printer is not ready"))
            return
        try:
            for number, page in enumerate(pages):
                if number:
                    printer.newPage()
                sheet = painter.viewport()  # the whole sheet, in printer pixels
                size = page.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(sheet.topLeft(), size), page)
        finally:
            painter.end()
        self._set_ready(True)
        self.status.setText(self.tr("Sent %n page(s) to the printer.", "", len(pages)))
        self.print_did_finish.emit(len(pages))

    def _print_failed(self, text: str) -> None:
        self._set_ready(True)
        self.status.setText(self.tr("The document could not be printed: %1").replace("%1", text))
