"""Today: the day at a glance. On an empty profile it offers the demo profile first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.pages.page import Page


class DemoOffer(QFrame):
    """A banner, not a modal dialog: the window must open at once, and the offer can wait."""

    offer_did_accept = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#demoOffer { background: #e8f0fe; border: 1px solid #aecbfa; }")
        self.text = QLabel(
            self.tr(
                "This profile is empty. Open the demo profile to look around a populated day "
                "with made-up clients? It uses its own folder and never mixes with your data."
            ),
            self,
        )
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Open &demo profile"), self)
        self.button.clicked.connect(self.offer_did_accept)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)


class TodayPage(Page):
    demo_did_request = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        locale = QLocale()
        super().__init__(
            self.tr("Today"),
            locale.toString(date.today(), QLocale.FormatType.LongFormat),
            parent,
        )
        self.demo_offer = DemoOffer(self)
        self.demo_offer.offer_did_accept.connect(self.demo_did_request)
        self.demo_offer.hide()
        self.content.addWidget(self.demo_offer)

    def attach(self, offer_demo: bool) -> None:
        self.demo_offer.setVisible(offer_demo)
