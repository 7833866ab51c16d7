"""The words the Sync page, the login dialog and the status bar use for sync, translated.

Errors from the sync core are told apart by their stable `code` (app.errors), so the UI
names them in the user's language without importing the sync service (and, with it, the
HTTP stack) on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

from ui.common.failures import failure_text
from ui.common.i18n import current_language
from ui.common.qdates import qdate, qtime

if TYPE_CHECKING:
    from app.headoffice.references import HeldReferences, ReferencePull
    from app.headoffice.service import SyncReport

# Codes of the sync core's errors that mean "log in (again)".
LOGIN_CODES = ("not_logged_in", "login_required", "token_refused")


class SyncTexts(QObject):
    def statuses(self) -> dict[str, str]:
        return {
            "pending": self.tr("Waiting"),
            "sending": self.tr("Sending"),
            "sent": self.tr("Sent"),
            "rejected": self.tr("Rejected"),
            "discarded": self.tr("Discarded"),
        }

    def kinds(self) -> dict[str, str]:
        return {
            "proposal": self.tr("Proposal"),
            "receipt": self.tr("Receipt"),
            "answer": self.tr("Answer to head office"),
            "request": self.tr("Change or withdrawal request"),
        }

    def age(self, age: timedelta) -> str:
        """How long an item has waited, as a person says it: "5 min", "3 h", "2 days"."""
        minutes = int(age.total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%n min", "", minutes)
        if minutes < 48 * 60:
            return self.tr("%n h", "", minutes // 60)
        return self.tr("%n day(s)", "", minutes // (24 * 60))

    def when(self, moment: datetime | None) -> str:
        """A UTC moment in the laptop's time: "today 14:05", else the short date and time."""
        if moment is None:
            return self.tr("never")
        local = moment.astimezone()
        locale = QLocale()
        clock = locale.toString(qtime(local.time()), QLocale.FormatType.ShortFormat)
        if local.date() == datetime.now().astimezone().date():
            return self.tr("today %1").replace("%1", clock)
        return locale.toString(qdate(local.date()), QLocale.FormatType.ShortFormat) + " " + clock

    def error(self, exc: BaseException) -> str | None:
        """A failure of a sync-core call in plain words; None for a cancel."""
        code = getattr(exc, "code", "")
        # The GUI's own words for the login codes (the core's hint names a CLI command); every
        # other failure is said the one way the task runner says it.
        texts = {
            "not_logged_in": self.tr("Not logged in to head office. Use Log in… to enter your token."),
            "login_required": self.tr("Head office refused the saved token. Log in again."),
            "token_refused": self.tr("Head office refused this token. Check it, or ask head office for a new one."),
            # The core's sentence names the keyring backend and the CLI's variable: words for IT.
            "credentials_unavailable": self.tr(
                "No secure password store is available on this computer, so BranchDesk cannot keep your "
                "head-office token. Ask IT to set up the system's password store, then log in again."
            ),
            "server_unreachable": self.tr(
                "Head office could not be reached at this address, or what answered is not head office. "
                "Check the address and the network, then try again."
            ),
        }
        if code in texts:
            return texts[code]
        return failure_text(exc)

    def references(self, held: HeldReferences) -> str:
        """The reference data held, and when head office was last asked for newer copies."""
        return (
            self.tr("Holiday calendar: version %1 (%2–%3) · Product catalogue: version %4 (%n product(s)) · "
                    "Last checked with head office: %5", "", held.product_count)
            .replace("%1", str(held.calendar_version)).replace("%2", str(held.calendar_first_year or ""))
            .replace("%3", str(held.calendar_last_year or "")).replace("%4", str(held.catalogue_version))
            .replace("%5", self.when(held.checked_at))
        )  # fmt: skip

    def _pulled(self, pull: ReferencePull) -> str:
        """What a run did with one kind of reference data, when worth a word: installed, or refused."""
        if pull.outcome == "installed":
            text = (self.tr("holiday calendar version %1 received") if pull.kind == "calendar"
                    else self.tr("product catalogue version %1 received"))  # fmt: skip
            return text.replace("%1", str(pull.version))
        if pull.outcome == "refused" and pull.problem is not None:
            return pull.problem.message(current_language())
        return ""

    def report(self, report: SyncReport) -> str:
        """One line on what a run did."""
        language = current_language()
        parts = []
        if report.sent:
            parts.append(self.tr("%n item(s) sent", "", report.sent))
        if report.rejected:
            parts.append(self.tr("%n rejected by head office", "", report.rejected))
        if report.statuses_changed:
            parts.append(self.tr("%n answer(s) from head office", "", report.statuses_changed))
        parts += [text for text in map(self._pulled, report.references) if text]
        if report.cancelled:
            parts.insert(0, self.tr("Stopped; what was not sent stays waiting"))
        elif report.problem is not None:
            parts.insert(0, report.problem.message(language))
        elif not parts:
            parts.append(self.tr("Up to date: nothing new to send or receive"))
        if report.pending_left and not report.cancelled:
            parts.append(self.tr("%n still waiting", "", report.pending_left))
        return " · ".join(parts)
