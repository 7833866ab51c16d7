"""The profile's copy of the holiday calendar: the shipped years plus the newer years imported or
published, kept as <profile folder>/reference/holiday_calendar.json (only the imported years,
under the highest version installed; public data, so a plain file beside the database).

`hold_profile_calendar(data_dir)` installs the merged calendar into app.rules.working_days for
whatever the process computes next; `import_calendar(data_dir, raw)` checks a file whole and
installs it only when its version is newer than the one held, else nothing changes.  The sync's
pull of head office's published calendar (issue 16 item 3) calls the same `import_calendar`.
"""

from __future__ import annotations

from pathlib import Path

from app.reference.profile_copy import newer_file, read_copy, write_copy
from app.reference.shipped import shipped_calendar
from app.rules import working_days
from app.rules.holiday_calendar import HolidayCalendar, parse_calendar

PROFILE_FILE = Path("reference") / "holiday_calendar.json"


def profile_file(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def imported_calendar(data_dir: Path) -> HolidayCalendar | None:
    """The years installed into this profile, or None (none, or a copy that no longer reads:
    logged, and the shipped years are used)."""
    return read_copy(profile_file(data_dir), parse_calendar, "holiday calendar")


def held_calendar(data_dir: Path) -> HolidayCalendar:
    shipped = shipped_calendar()
    imported = imported_calendar(data_dir)
    if imported is None or imported.version <= shipped.version:
        return shipped
    return shipped.merged(imported)


def hold_profile_calendar(data_dir: Path) -> HolidayCalendar:
    """Make working_days use this profile's calendar; returns it."""
    calendar = held_calendar(data_dir)
    working_days.hold(calendar)
    return calendar


def import_calendar(data_dir: Path, raw: bytes, name: str | None = None) -> HolidayCalendar:
    """Install the calendar file `raw` into the profile and hold it; InvalidInput (nothing
    changed) when it is not a valid calendar or not newer than the one held."""
    incoming = newer_file(raw, parse_calendar, held_calendar(data_dir), name, "calendar", "日历")
    previous = imported_calendar(data_dir)
    kept = incoming if previous is None else previous.merged(incoming)
    _write(profile_file(data_dir), kept)
    return hold_profile_calendar(data_dir)


def _write(path: Path, calendar: HolidayCalendar) -> None:
    write_copy(path, calendar.to_json(), "calendar")
