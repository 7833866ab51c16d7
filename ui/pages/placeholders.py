"""Pages whose content arrives with their own capability; until then they say what they will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.page import Page


class ProposalsPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Proposals"),
            self.tr("Insurance applications, checked against the rules and signed on screen."),
            parent,
        )


class ReceiptsPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Receipts"),
            self.tr("Policy receipts signed on delivery, and their return deadlines."),
            parent,
        )


class SyncPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Sync"),
            self.tr("What waits to be sent to head office, and what came back."),
            parent,
        )
