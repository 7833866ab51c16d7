"""What signing shows: the document's summary above the pads, the signatures once signed.

`SummaryView` shows any `app.rules.signing_summary.SigningSummary` (a proposal, a receipt, a
handover list, and whatever is signed next), read-only and scrolling when long, so every pad
dialog shows what is signed the same way.  `SignatureImages` shows a finished document's
signatures drawn from their stored strokes (as the pad drew them; the stored PNG, which the
printed forms use, only where the strokes cannot be read), and its content
hash only on a small details line: a signer recognises a signature, not a SHA-256.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.rules import signature as signature_rules
from app.rules.signing_summary import SigningSummary
from ui.common.widgets.signature_pad import paint_strokes

SIGNATURE_WIDTH = 240  # px on screen: a 480-px pad at half size, legible beside another
MAX_SUMMARY_LINES = 12


class SummaryView(QTextBrowser):
    """Read-only; Tab leaves it (it is read, not typed in), the arrow keys scroll it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signingSummary")
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary: SigningSummary | None = None

    def show_summary(self, summary: SigningSummary) -> None:
        self.summary = summary
        self.setAccessibleName(summary.title)
        rows = "".join(
            f"<tr><td style='padding-right:12px; color:#5f6368; white-space:nowrap'>{escape(row.label)}</td>"
            f"<td>{escape(row.value)}</td></tr>"
            for row in summary.rows
        )
        self.setHtml(f"<p style='font-weight:600; margin-bottom:4px'>{escape(summary.title)}</p><table>{rows}</table>")
        # As tall as the summary up to a dozen lines; longer ones scroll.
        lines = min(len(summary.rows) + 2, MAX_SUMMARY_LINES)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 24)


def signature_pixmap(strokes_json: str, png: bytes, width: int = SIGNATURE_WIDTH) -> QPixmap:
    """The strokes drawn at `width`; else the stored picture; a null pixmap when neither reads."""
    try:
        signature = signature_rules.from_json(strokes_json)
    except ValueError:
        pixmap = QPixmap()
        if not pixmap.loadFromData(png):
            return QPixmap()
        return pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    scale = width / max(1, signature.width)
    image = QImage(width, max(1, round(signature.height * scale)), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_strokes(painter, signature.strokes, scale)
    painter.end()
    return QPixmap.fromImage(image)


class SignatureImages(QWidget):
    """Each signer's name over their signature, side by side, then the details line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureImages")
        self._row = QHBoxLayout()
        self.images: list[QLabel] = []
        self.details = QLabel(self)
        self.details.setObjectName("signedDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.details.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self.details.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._row)
        layout.addWidget(self.details)

    def show_signatures(self, signatures: list[tuple[str, str, bytes]], details: str) -> None:
        """`signatures`: (caption, strokes_json, png) each; `details`: the small print (the hash)."""
        while (item := self._row.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.images = []
        for caption, strokes_json, png in signatures:
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 12, 0)
            column.addWidget(QLabel(caption, cell))
            image = QLabel(cell)
            image.setObjectName("signatureImage")
            image.setAccessibleName(caption)
            image.setFrameShape(QFrame.Shape.Box)
            image.setStyleSheet("background: white;")
            pixmap = signature_pixmap(strokes_json, png)
            if pixmap.isNull():
                image.setText(self.tr("Signed on screen."))
            else:
                image.setPixmap(pixmap)
            column.addWidget(image)
            self.images.append(image)
            self._row.addWidget(cell)
        self._row.addStretch(1)
        self.details.setText(details)
        self.details.setVisible(bool(details))
