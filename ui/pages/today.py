"""Today: the day at a glance. On an empty profile it offers the demo profile first."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.pages.page import Page
from ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from app.context import AppContext
    from app.services.day_glance import DayGlance


class DemoOffer(QFrame):
    """A banner, not a modal dialog: the window must open at once, and the offer can wait."""

    offer_did_accept = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
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

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Today"),
            QLocale().toString(date.today(), QLocale.FormatType.LongFormat),
            parent,
        )
        self._runner = runner
        self.demo_offer = DemoOffer(self)
        self.demo_offer.offer_did_accept.connect(self.demo_did_request)
        self.demo_offer.hide()
        self.counts = QLabel(self)
        self.counts.setObjectName("todayCounts")
        self.visits = QTreeWidget(self)
        self.visits.setObjectName("todayVisits")
        self.visits.setRootIsDecorated(False)
        self.visits.setHeaderLabels(
            [self.tr("Time"), self.tr("Client or outlet"), self.tr("Purpose"), self.tr("Status")]
        )
        self.visits.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.content.addWidget(self.demo_offer)
        self.content.addWidget(self.counts)
        self.content.addWidget(QLabel(self.tr("Today's visits"), self))
        self.content.addWidget(self.visits)

    def attach(self, ctx: AppContext, offer_demo: bool) -> None:
        self.demo_offer.setVisible(offer_demo)
        glance = ctx.day_glance
        today = date.today()
        self._runner.submit(lambda _t: glance.for_day(today), on_done=self.show_glance)

    def show_glance(self, glance: DayGlance) -> None:
        self.counts.setText(
            self.tr("%1 clients · %2 work-log entries today · %3 draft proposals")
            .replace("%1", QLocale().toString(glance.clients))
            .replace("%2", QLocale().toString(glance.worklog_entries))
            .replace("%3", QLocale().toString(glance.draft_proposals))
        )
        self.visits.clear()
        purposes = self._purposes()
        statuses = self._statuses()
        for visit in glance.visits:
            when = f"{visit.starts_at:%H:%M}–{visit.ends_at:%H:%M}"
            self.visits.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        when,
                        visit.who,
                        purposes.get(visit.purpose, visit.purpose),
                        statuses.get(visit.status, visit.status),
                    ]
                )
            )
        if not glance.visits:
            self.visits.addTopLevelItem(QTreeWidgetItem(["", self.tr("No visits planned today")]))

    def _purposes(self) -> dict[str, str]:
        return {
            "needs_interview": self.tr("Needs interview"),
            "product_presentation": self.tr("Product presentation"),
            "closing": self.tr("Closing"),
            "policy_delivery": self.tr("Policy delivery"),
            "care": self.tr("Care visit"),
            "outlet_check": self.tr("Outlet visit"),
        }

    def _statuses(self) -> dict[str, str]:
        return {
            "planned": self.tr("Planned"),
            "done": self.tr("Done"),
            "cancelled": self.tr("Cancelled"),
            "no_show": self.tr("No-show"),
            "rescheduled": self.tr("Rescheduled"),
        }
