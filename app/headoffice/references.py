"""The reference data head office publishes, as this laptop receives and holds it.

Two ways in, one check: every sync run, after the push, asks head office for the latest
holiday calendar and product catalogue (`pull_references`), sending the ETag of the copy held
(If-None-Match), so an unchanged copy costs one small request answered 304; and
`branchdesk reference import FILE` installs the same file from a USB stick
(`install_reference`, which goes by the file's own `kind`).  Either way the file is checked
whole and installed only when newer than the copy held (app/reference/held.py,
app/reference/products.py); otherwise it is refused, logged, and the last good copy stays.

The ETag of each kind is kept in the settings table with the version it came with: it is sent
only while that version is still the one held, so a profile whose copy was lost asks for the
file again instead of being told it is current.  A pull that fails (head office down, nothing
published, a bad file) never fails the run's push: it is reported in the run's
`references` and the laptop keeps what it holds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput
from app.profile.settings import SettingsService
from app.rules import wire_json
from app.rules.holiday_calendar import KIND as CALENDAR_KIND
from app.rules.holiday_calendar import CalendarFileError, parse_calendar
from app.rules.problem import Problem
from app.rules.product_catalogue import KIND as CATALOGUE_KIND
from app.rules.product_catalogue import CatalogueFileError, parse_catalogue
from local_db.base import utcnow
from sync import wire
from sync.http import HeadOffice, Rejected, SyncError

if TYPE_CHECKING:
    from app.context import AppContext

log = logging.getLogger(__name__)

ETAGS_KEY = "reference_etags"  # {"calendar": {"etag": '"…"', "version": 3}, "products": {…}}
CHECKED_KEY = "reference_checked_at"  # the last run that reached head office's reference files
NAMES = {wire.CALENDAR: ("holiday calendar", "节假日日历"), wire.PRODUCTS: ("product catalogue", "产品目录")}
OUTCOMES = ("installed", "unchanged", "not_published", "refused", "failed")


@dataclass(frozen=True)
class HeldReferences:
    """What the profile holds, for the Sync page, `branchdesk reference show` and doctor."""

    calendar_version: int
    calendar_first_year: int | None
    calendar_last_year: int | None
    catalogue_version: int
    product_count: int
    checked_at: datetime | None  # the last sync that asked head office

    def to_json(self) -> dict[str, Any]:
        return {
            "holiday_calendar": {"version": self.calendar_version, "first_year": self.calendar_first_year,
                                 "last_year": self.calendar_last_year},
            "product_catalogue": {"version": self.catalogue_version, "products": self.product_count},
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
        }  # fmt: skip


@dataclass(frozen=True)
class ReferencePull:
    """What one sync run did about one kind of reference data."""

    kind: str  # calendar | products
    outcome: str  # one of OUTCOMES
    version: int | None  # the version held afterwards (installed or unchanged)
    problem: Problem | None = None  # why it was refused or failed


@dataclass(frozen=True)
class Installed:
    kind: str  # calendar | products
    version: int
    text: str  # what was installed, in English, for the CLI


def held_references(data_dir: Path, settings: SettingsService) -> HeldReferences:
    from app.reference.held import held_calendar
    from app.reference.products import held_catalogue

    calendar = held_calendar(data_dir)
    catalogue = held_catalogue(data_dir)
    checked = settings.get(CHECKED_KEY)
    return HeldReferences(
        calendar_version=calendar.version, calendar_first_year=calendar.first_year(),
        calendar_last_year=calendar.last_year(),
        catalogue_version=catalogue.version, product_count=len(catalogue.products),
        checked_at=datetime.fromisoformat(checked) if checked else None,
    )  # fmt: skip


def held_version(data_dir: Path, kind: str) -> int:
    from app.reference.held import held_calendar
    from app.reference.products import held_catalogue

    return held_calendar(data_dir).version if kind == wire.CALENDAR else held_catalogue(data_dir).version


def file_kind(raw: bytes, name: str) -> str:
    """calendar or products, by the file's own `kind`; InvalidInput when the file is not JSON
    or not a reference file this version knows."""
    try:
        document = wire_json.loads(raw)
    except wire_json.WireJsonError as exc:
        raise InvalidInput(f"{name} was not installed: {exc.problem.en}",
                           zh=f"{name} 未安装：{exc.problem.zh_CN}") from None  # fmt: skip
    kind = document.get("kind") if isinstance(document, dict) else None
    if kind == CALENDAR_KIND:
        return wire.CALENDAR
    if kind == CATALOGUE_KIND:
        return wire.PRODUCTS
    shown = str(kind)[:40] if isinstance(kind, str) else "none"
    raise InvalidInput(
        f"{name} was not installed: it is not a reference file this version knows (its kind is {shown}; "
        f"expected {CALENDAR_KIND} or {CATALOGUE_KIND}).",
        "Check that it is the holiday calendar or the product catalogue head office published.",
        zh=f"{name} 未安装：这不是本版本认识的参考数据文件（应为总公司发布的节假日日历或产品目录）。",
        hint_zh="请确认它是总公司发布的节假日日历或产品目录文件。",
    )


def install_reference(data_dir: Path, raw: bytes, name: str) -> Installed:
    """Install the calendar or catalogue file `raw` (by its kind) when newer than the copy held;
    InvalidInput, with nothing changed, otherwise."""
    from app.reference.held import import_calendar
    from app.reference.products import import_catalogue

    if file_kind(raw, name) == wire.CALENDAR:
        calendar = import_calendar(data_dir, raw, name)
        return Installed(wire.CALENDAR, calendar.version, f"holiday calendar version {calendar.version} installed: "
                         f"{calendar.first_year()}–{calendar.last_year()} known")  # fmt: skip
    catalogue = import_catalogue(data_dir, raw, name)
    return Installed(wire.PRODUCTS, catalogue.version, f"product catalogue version {catalogue.version} installed: "
                     f"{len(catalogue.products)} products")  # fmt: skip


def reconcile_after_calendar(ctx: AppContext) -> None:
    """Stored deadlines computed on a year the new calendar changes move (app/reference/deadlines.py)."""
    from app.reference.deadlines import reconcile_deadlines

    reconcile_deadlines(ctx)


def pull_references(
    office: HeadOffice,
    data_dir: Path,
    settings: SettingsService,
    *,
    timeout: tuple[float, float] | None = None,
    on_calendar_installed: Callable[[], object] | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> tuple[ReferencePull, ...]:
    """Ask head office for each kind, install what is newer; never raises for head office's or
    the file's sake (the outcome says what happened, and it is logged)."""
    pulls = tuple(_pull(office, data_dir, settings, kind, timeout) for kind in wire.REFERENCE_PATHS)
    if any(pull.outcome != "failed" for pull in pulls):
        settings.set(CHECKED_KEY, clock().isoformat())
    if on_calendar_installed is not None and any(p.kind == wire.CALENDAR and p.outcome == "installed" for p in pulls):
        on_calendar_installed()
    return pulls


def _pull(office: HeadOffice, data_dir: Path, settings: SettingsService, kind: str,
          timeout: tuple[float, float] | None) -> ReferencePull:  # fmt: skip
    name_en, name_zh = NAMES[kind]
    held = held_version(data_dir, kind)
    stored = (settings.get(ETAGS_KEY) or {}).get(kind) or {}
    etag = stored.get("etag") if stored.get("version") == held else None
    try:
        answer = office.reference(kind, etag, timeout=timeout)
    except Rejected as exc:
        if exc.status == 404:
            return ReferencePull(kind, "not_published", held)
        log.warning("head office refused the %s request: HTTP %s %s", name_en, exc.status, exc.code)
        return ReferencePull(kind, "failed", held, _problem("reference_pull_failed", exc.message,
                             f"未能从总公司取得{name_zh}（HTTP {exc.status}）。"))  # fmt: skip
    except SyncError as exc:  # Retryable or Unauthorized: the push part of the run stands
        log.warning("the %s could not be fetched from head office: %s", name_en, exc.message)
        return ReferencePull(kind, "failed", held, _problem("reference_pull_failed", exc.message,
                             f"未能从总公司取得{name_zh}。"))  # fmt: skip
    if answer is None:
        return ReferencePull(kind, "unchanged", held)
    try:
        version = _parse(kind, answer.raw).version
    except (CalendarFileError, CatalogueFileError) as exc:
        log.warning("head office's %s is not valid, the copy held stays: %s", name_en, exc.problem.en)
        return ReferencePull(kind, "refused", held, exc.problem)
    if version <= held:
        if version == held:  # the copy held, its ETag forgotten: nothing to install
            _keep_etag(settings, kind, answer.etag, held)
            return ReferencePull(kind, "unchanged", held)
        log.warning("head office's %s version %s is older than the one held (%s): not installed", name_en, version,
                    held)  # fmt: skip
        return ReferencePull(kind, "refused", held, _problem(
            "reference_older", f"Head office's {name_en} (version {version}) is older than the one held "
            f"(version {held}); the copy held stays.",
            f"总公司的{name_zh}（版本 {version}）比本机所持（版本 {held}）旧；保留本机副本。"))  # fmt: skip
    try:
        installed = install_reference(data_dir, answer.raw, f"Head office's {name_en}")
    except InvalidInput as exc:
        log.warning("head office's %s was not installed: %s", name_en, exc.message)
        return ReferencePull(kind, "refused", held, _problem("reference_refused", exc.message,
                             f"总公司的{name_zh}未安装，保留本机副本。"))  # fmt: skip
    _keep_etag(settings, kind, answer.etag, installed.version)
    log.info("%s", installed.text)
    return ReferencePull(kind, "installed", installed.version)


def _parse(kind: str, raw: bytes) -> Any:
    return parse_calendar(raw) if kind == wire.CALENDAR else parse_catalogue(raw)


def _keep_etag(settings: SettingsService, kind: str, etag: str | None, version: int) -> None:
    stored = dict(settings.get(ETAGS_KEY) or {})
    if etag:
        stored[kind] = {"etag": etag, "version": version}
    else:
        stored.pop(kind, None)
    settings.set(ETAGS_KEY, stored)


def _problem(code: str, en: str, zh: str) -> Problem:
    return Problem("", code, en, zh)
