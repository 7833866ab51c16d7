"""The planner's names for purposes, statuses, outcomes and checklist phases, translated."""

from __future__ import annotations

from PySide6.QtCore import QObject


class PlannerTexts(QObject):
    def purposes(self) -> dict[str, str]:
        return {
            "needs_interview": self.tr("Needs interview"),
            "product_presentation": self.tr("Product presentation"),
            "closing": self.tr("Closing"),
            "policy_delivery": self.tr("Policy delivery"),
            "care": self.tr("Care visit"),
            "outlet_check": self.tr("Outlet visit"),
            "medical_exam": self.tr("Medical examination"),
        }

    def statuses(self) -> dict[str, str]:
        return {
            "planned": self.tr("Planned"),
            "done": self.tr("Done"),
            "cancelled": self.tr("Cancelled"),
            "no_show": self.tr("No-show"),
            "rescheduled": self.tr("Rescheduled"),
        }

    def outcomes(self) -> dict[str, str]:
        return {
            "closed": self.tr("Closed"),
            "not_closed": self.tr("Not closed"),
            "follow_up": self.tr("Follow-up"),
        }

    def work_kinds(self) -> dict[str, str]:
        """A work-log entry's kind (a client's history shows them too)."""
        return {
            "visit": self.tr("Visit"),
            "call": self.tr("Phone call"),
            "sms": self.tr("SMS"),
            "leaflets": self.tr("Leaflets"),
            "prospect": self.tr("New prospect"),
            "meeting": self.tr("Meeting"),
            "outlet": self.tr("Outlet work"),
            "other": self.tr("Other"),
        }

    def phases(self) -> dict[str, str]:
        return {
            "before": self.tr("Before"),
            "during": self.tr("During"),
            "after": self.tr("After"),
        }
