"""The words for a prospect's stage, source and gender, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QObject


class ProspectTexts(QObject):
    def stages(self) -> dict[str, str]:
        return {
            "new": self.tr("New"),
            "contacted": self.tr("Contacted"),
            "interviewed": self.tr("Interviewed"),
            "proposed": self.tr("Proposed"),
            "converted": self.tr("Converted"),
            "lost": self.tr("Lost"),
        }

    def sources(self) -> dict[str, str]:
        return {
            "walk_in": self.tr("Walk-in"),
            "referral": self.tr("Referral"),
            "outlet_staff": self.tr("Outlet staff"),
            "event": self.tr("Event"),
            "other": self.tr("Other"),
        }

    def genders(self) -> dict[str, str]:
        return {"M": self.tr("Male"), "F": self.tr("Female")}
