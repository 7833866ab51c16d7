"""How the client's acceptance is evidenced: a signature on screen, or a scan of the signed paper.

The scan's file is read on a worker (it may be 10 MB on a network share) and checked by its
content, never by its name; what the name claims is kept only to catch a wrongly picked file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.rules.receipt import MAX_SCAN_BYTES, check_scan, mime_for_name, sniff_mime
from app.rules.signature import Signature
from ui.common.i18n import current_language
from ui.common.task_runner import TaskRunner
from ui.common.widgets.signature_pad import SignaturePad
from ui.common.widgets.signed_document import SummaryView

SIGNATURE, SCAN = 0, 1


def read_scan(path: Path) -> bytes:
    """At most one byte over the limit: enough to refuse a huge file without loading it all."""
    with path.open("rb") as file:
        return file.read(MAX_SCAN_BYTES + 1)


class ReceiptEvidence(QWidget):
    evidence_did_change = Signal()
    scan_did_load = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._scan: tuple[bytes, str] | None = None
        self.sign_choice = QRadioButton(self.tr("Client signs on scree&n"), self)
        self.scan_choice = QRadioButton(self.tr("Attach a sc&an of the signed paper receipt"), self)
        self.sign_choice.setChecked(True)
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.sign_choice, SIGNATURE)
        self.choices.addButton(self.scan_choice, SCAN)
        self.summary = SummaryView(self)  # what is signed, above the pad or the scan (the dialog fills it)
        self.pad = SignaturePad(self._disclaimer(15), self)
        self.attach_button = QPushButton(self.tr("Attach &file…"), self)
        self.attach_button.setToolTip(self.tr("A PNG or JPEG photo, or a PDF, of at most 10 MB"))
        self.scan_label = QLabel(self.tr("No file attached yet."), self)
        self.scan_label.setObjectName("receiptScan")
        self.scan_label.setWordWrap(True)
        scan_page = QWidget(self)
        scan_layout = QVBoxLayout(scan_page)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.attach_button)
        scan_row.addStretch(1)
        scan_layout.addLayout(scan_row)
        scan_layout.addWidget(self.scan_label)
        scan_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.pad)
        self.stack.addWidget(scan_page)
        self.signed_view = QLabel(self)
        self.signed_view.setObjectName("receiptSignedEvidence")
        self.signed_view.setWordWrap(True)
        self.signed_view.hide()
        choices = QHBoxLayout()
        choices.addWidget(self.sign_choice)
        choices.addWidget(self.scan_choice)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack)
        layout.addWidget(self.signed_view)
        self.choices.idToggled.connect(self._mode_toggled)
        self.pad.signature_did_change.connect(self.evidence_did_change)
        self.attach_button.clicked.connect(self.choose_scan)

    def _disclaimer(self, days: int) -> str:
        return self.tr(
            "I have received my insurance policy and its terms. I understand that I may cancel it "
            "within the cooling-off period of %1 days, which starts the day after I sign."
        ).replace("%1", str(days))

    def set_cooling_off_days(self, days: int) -> None:
        self.pad.disclaimer.setText(self._disclaimer(days))

    def mode(self) -> int:
        return self.choices.checkedId()

    def _mode_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(button_id)
            self.evidence_did_change.emit()

    # ---- what the dialog signs with ----------------------------------------------------------

    def problems(self) -> list[str]:
        """Why the evidence is not enough yet, in the user's language."""
        language = current_language()
        if self.mode() == SIGNATURE:
            return [p.message(language) for p in self.pad.problems()]
        if self._scan is None:
            return [self.tr("Attach the scan of the signed receipt.")]
        return [p.message(language) for p in check_scan(*self._scan)]

    def signature_input(self) -> tuple[Signature, bytes] | None:
        return (self.pad.signature(), self.pad.png()) if self.mode() == SIGNATURE else None

    def scan_input(self) -> tuple[bytes, str] | None:
        return self._scan if self.mode() == SCAN else None

    # ---- scans -----------------------------------------------------------------------------

    def choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the scan of the signed receipt"),
            "",
            self.tr("Scans and photos (*.png *.jpg *.jpeg *.pdf);;All files (*)"),
        )
        if path:
            self.attach_scan(Path(path))

    def attach_scan(self, path: Path) -> None:
        """Reads the file on a worker; `scan_did_load` fires once it is checked and shown."""
        self.scan_choice.setChecked(True)
        self.scan_label.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._runner.submit(
            lambda _t: read_scan(path),
            on_done=lambda data: self._scan_read(path.name, data),
            on_error=lambda text: self._scan_failed(path.name, text),
        )

    def _scan_read(self, name: str, data: bytes) -> None:
        self._scan = (data, mime_for_name(name))
        found = self.problems()
        if found:
            self.scan_label.setText(self.tr("%1 cannot be used: %2").replace("%1", name).replace("%2", " ".join(found)))
        else:
            kind = {"image/png": "PNG", "image/jpeg": "JPEG", "application/pdf": "PDF"}.get(sniff_mime(data) or "", "")
            self.scan_label.setText(
                self.tr("%1 (%2, %3 KB) attached.")
                .replace("%1", name)
                .replace("%2", kind)
                .replace("%3", str(max(1, round(len(data) / 1024))))
            )
        self.evidence_did_change.emit()
        self.scan_did_load.emit()

    def _scan_failed(self, name: str, text: str) -> None:
        self._scan = None
        self.scan_label.setText(self.tr("%1 could not be read: %2").replace("%1", name).replace("%2", text))
        self.evidence_did_change.emit()
        self.scan_did_load.emit()

    # ---- a signed receipt --------------------------------------------------------------------

    def show_signed(self, png: bytes | None, scan_mime: str | None, scan_size: int | None) -> None:
        """Read-only: the client's signature as stored, or what the attached scan was."""
        for widget in (self.sign_choice, self.scan_choice, self.summary, self.stack):
            widget.hide()
        self.signed_view.show()
        if png is not None:
            pixmap = QPixmap()
            if pixmap.loadFromData(png):
                self.signed_view.setPixmap(pixmap.scaledToWidth(self.pad.box.width()))
                self.signed_view.setToolTip(self.tr("The client's signature"))
            else:  # the strokes are the evidence; the picture is only for printing
                self.signed_view.setText(self.tr("Signed on screen."))
        else:
            self.signed_view.setText(
                self.tr("Signed on paper; scan attached (%1, %2 KB).")
                .replace("%1", scan_mime or "")
                .replace("%2", str(max(1, round((scan_size or 0) / 1024))))
            )
