"""Pages whose content arrives with their own capability; until then they say what they will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.pages.page import Page


class SyncPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Sync"),
            self.tr("What waits to be sent to head office, and what came back."),
            parent,
        )
