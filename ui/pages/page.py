"""Common frame of a page: a heading, a short line on what it holds, then its content."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    def __init__(self, heading: str, blurb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.blurb = QLabel(blurb, self)
        self.blurb.setWordWrap(True)
        self.blurb.setObjectName("pageBlurb")
        self.content = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.blurb)
        layout.addLayout(self.content, 1)
