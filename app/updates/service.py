"""Asking head office for the current app version, and the notice the manager sees.

The window asks after a sync run that the manager started, and after any other run once a day
at most (`check(force=...)`, `due`): automatic runs every few minutes must not each cost a
request.  Nothing is ever downloaded or run: the manager is told "有新版本 1.4.0：… 请联系信息科技部
安装", with the update address IT set in the site config when there is one.

What head office last announced is kept in the settings store (ANNOUNCEMENT_KEY), so the notice
stays while offline; a version the manager dismissed (DISMISSED_KEY) is not shown again, a newer
one is.  Offline, not logged in, nothing announced: nothing shown, nothing fails.  An answer that
is not a version announcement (not JSON, a version that does not parse, notes that are not text)
is logged and ignored, and the last good announcement stays.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import app
from app.errors import BranchDeskError
from app.rules.app_version import MAX_LENGTH, is_newer, parse_version
from local_db.base import utcnow

if TYPE_CHECKING:
    from app.context import AppContext
    from app.credentials import Credentials
    from app.profile.settings import SettingsService

log = logging.getLogger(__name__)

ANNOUNCEMENT_KEY = "update_announcement"  # {"version", "notes": {"zh_CN", "en"}, "published_at"}
CHECKED_KEY = "update_checked_at"  # when head office last answered the question (ISO, UTC)
DISMISSED_KEY = "update_dismissed_version"  # the version whose notice the manager closed
CHECK_EVERY = timedelta(days=1)
CHECK_TIMEOUT = (3.05, 10.0)  # connect, read: a small answer, asked beside a sync
MAX_NOTES = 2000  # head office's own limit (sync/headoffice/version.py)
OUTCOMES = ("newer", "current", "not_published", "not_due", "not_logged_in", "unreachable", "bad_answer")


@dataclass(frozen=True)
class Announcement:
    """What head office announced: a version and what changed, in each language."""

    version: str
    notes_zh: str
    notes_en: str
    published_at: str  # ISO 8601 UTC, as head office wrote it

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "notes": {"zh_CN": self.notes_zh, "en": self.notes_en},
                "published_at": self.published_at}  # fmt: skip

    def notes(self, language: str) -> str:
        """The notes for a screen in `language`; a Chinese screen shows only Chinese notes."""
        if language == "zh_CN":
            return self.notes_zh
        return self.notes_en or self.notes_zh


TRAILING_STOPS = "。．.!！ \n"


@dataclass(frozen=True)
class UpdateNotice:
    """What the manager is told: a newer version than the one running, not dismissed."""

    announcement: Announcement
    running: str
    update_url: str  # where IT says to look; "" when the site config gives none

    @property
    def version(self) -> str:
        return self.announcement.version

    def notes_in(self, language: str) -> str:
        """The notes in `language` without their closing stop: the sentence that shows them (the
        Sync page, the status bar, `branchdesk sync`) puts its own after them."""
        return self.announcement.notes(language).rstrip(TRAILING_STOPS)


@dataclass(frozen=True)
class VersionCheck:
    outcome: str  # one of OUTCOMES
    announcement: Announcement | None = None  # what head office answered, when it did


def read_announcement(body: object) -> Announcement | None:
    """`body` as head office's announcement, or None when it is not one."""
    if not isinstance(body, dict):
        return None
    version, notes, published_at = body.get("version"), body.get("notes"), body.get("published_at", "")
    if not isinstance(version, str) or len(version) > MAX_LENGTH or parse_version(version) is None:
        return None
    if not isinstance(notes, dict) or not isinstance(published_at, str) or len(published_at) > MAX_LENGTH:
        return None
    zh, en = notes.get("zh_CN", ""), notes.get("en", "")
    if not isinstance(zh, str) or not isinstance(en, str) or max(len(zh), len(en)) > MAX_NOTES:
        return None
    return Announcement(version.strip(), zh.strip(), en.strip(), published_at)


class UpdateService:
    def __init__(
        self,
        settings: SettingsService,
        credentials: Credentials,
        *,
        running: str = app.__version__,
        clock: Callable[[], datetime] = utcnow,
        update_url: Callable[[], str] | None = None,
        timeout: tuple[float, float] = CHECK_TIMEOUT,
    ) -> None:
        self._settings = settings
        self._credentials = credentials
        self._running = running
        self._clock = clock
        # IT's address from the site config, or the user's own (SettingsService.update_url).
        self._update_url = update_url or settings.update_url
        self._timeout = timeout

    @classmethod
    def of(cls, ctx: AppContext) -> UpdateService:
        return cls(ctx.settings, ctx.credentials)

    def due(self) -> bool:
        """Whether head office has not been asked for a day (or ever)."""
        checked = self._settings.get(CHECKED_KEY)
        try:
            last = datetime.fromisoformat(checked) if isinstance(checked, str) else None
        except ValueError:
            last = None
        return last is None or not timedelta(0) <= self._clock() - last < CHECK_EVERY

    def check(self, *, force: bool = False) -> VersionCheck:
        """Ask head office when `force` or `due`; never raises for the network's or head
        office's sake (the outcome says what happened)."""
        if not force and not self.due():
            return VersionCheck("not_due")
        from app.headoffice.service import CA_BUNDLE_KEY, MANAGER_KEY
        from sync.http import HeadOffice, Rejected, SyncError, Unauthorized, make_session

        url, code = self._settings.server_url(), str(self._settings.get(MANAGER_KEY) or "")
        try:
            token = self._credentials.load(url, code) if url and code else None
        except BranchDeskError:  # no usable password store: the Sync page says so
            token = None
        if not token:
            return VersionCheck("not_logged_in")
        try:
            office = HeadOffice(url, token, make_session(self._settings.get(CA_BUNDLE_KEY) or None),
                                timeout=self._timeout)  # fmt: skip
        except ValueError as exc:  # an address the token may not go to, a CA bundle gone: sync says so
            log.info("version check skipped: %s", exc)
            return VersionCheck("unreachable")
        try:
            body = office.version()
        except Rejected as exc:
            if exc.status == 404:
                self._answered(None)
                return VersionCheck("not_published")
            log.warning("head office refused the version check: HTTP %s %s", exc.status, exc.code)
            return VersionCheck("bad_answer")
        except Unauthorized:
            return VersionCheck("not_logged_in")
        except SyncError as exc:  # offline is normal; anything else (not JSON, too big) is worth a look
            quiet = getattr(exc, "code", "") in ("offline", "timeout")
            log.log(logging.INFO if quiet else logging.WARNING, "version check: %s", exc.message)
            return VersionCheck("unreachable")
        finally:
            office.close()
        announced = read_announcement(body)
        if announced is None:
            log.warning("head office's version answer is not an announcement; ignored: %.200r", body)
            self._settings.set(CHECKED_KEY, self._clock().isoformat())
            return VersionCheck("bad_answer")
        self._answered(announced)
        return VersionCheck("newer" if is_newer(announced.version, self._running) else "current", announced)

    def notice(self) -> UpdateNotice | None:
        """The notice to show: the announcement held, when newer than this app and not dismissed."""
        held = read_announcement(self._settings.get(ANNOUNCEMENT_KEY))
        if held is None or not is_newer(held.version, self._running):
            return None
        if self._settings.get(DISMISSED_KEY) == held.version:
            return None
        return UpdateNotice(held, self._running, self._update_url().strip())

    def dismiss(self, version: str) -> None:
        """Do not tell the manager about `version` again (a newer one is told)."""
        self._settings.set(DISMISSED_KEY, version)

    def _answered(self, announced: Announcement | None) -> None:
        self._settings.set(CHECKED_KEY, self._clock().isoformat())
        if announced is None:
            if self._settings.get(ANNOUNCEMENT_KEY) is not None:
                self._settings.set(ANNOUNCEMENT_KEY, None)
        elif self._settings.get(ANNOUNCEMENT_KEY) != announced.to_json():
            self._settings.set(ANNOUNCEMENT_KEY, announced.to_json())
