"""Mainland resident ID numbers (居民身份证, 18 characters).

Length, characters, check digit and birth date are strict: a number that fails one of them is
mistyped or made up, and `InvalidResidentId.reason` says which.  The region code (the first six
digits) is looked up in python-stdnum's table of region codes (`cn/loc`), which keeps every
code with the years it was in use: a code that existed at ANY time is accepted, whatever the
holder's birth year, since a district renamed or merged after the number was issued does not
change the number (stdnum's own `ric.validate` insists the code existed in the birth year and
so refuses real people).  A code the table has never heard of is not an error either: the
number stays valid and `ResidentId.region_known` is False, for the callers to show a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric

_SEPARATORS = re.compile(r"[\s\-]")
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
# "[1992-]东丽区" or "[-1991]东郊区": the years a county name was in use, either end open.
_IN_USE = re.compile(r"\[(\d*)-(\d*)\](.*)")


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str  # M | F
    region_known: bool = True  # False: the region code is in no edition of the code table


class InvalidResidentId(ValueError):
    """`reason` is one of: length, format, checksum, birth_date (no such day), birth_future."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RegionName:
    """One name a region code had, and the years it had it (None: open end)."""

    name: str
    since: int | None
    until: int | None


def region_names(code: str) -> tuple[RegionName, ...]:
    """Every name the table gives the six-digit region `code`, any year; () when it knows none."""
    if not re.fullmatch(r"[0-9]{6}", code):
        return ()
    found = {key: value for _, props in numdb.get("cn/loc").info(code) for key, value in props.items()}
    names = []
    for entry in found.get("county", "").split(","):
        in_use = _IN_USE.fullmatch(entry)
        if in_use is None:
            if entry:
                names.append(RegionName(entry, None, None))
            continue
        since, until, name = in_use.groups()
        names.append(RegionName(name, int(since) if since else None, int(until) if until else None))
    return tuple(names)


def parse_resident_id(value: str) -> ResidentId:
    # People type IDs with spaces or dashes in groups (6-8-4) and a lower-case x.
    number = _SEPARATORS.sub("", value).upper()
    if len(number) != 18:
        raise InvalidResidentId("length")
    if not _SHAPE.fullmatch(number):
        raise InvalidResidentId("format")
    if number[-1] != ric.calc_check_digit(number):
        raise InvalidResidentId("checksum")
    try:
        birth = ric.get_birth_date(number)
    except stdnum_errors.ValidationError as exc:
        raise InvalidResidentId("birth_date") from exc
    if birth > date.today():
        raise InvalidResidentId("birth_future")
    # The 17th digit is odd for men and even for women.
    return ResidentId(number, birth, "M" if int(number[16]) % 2 else "F", bool(region_names(number[:6])))


def make_resident_id(region: str, birth: date, sequence: int, gender: str) -> str:
    """Build a valid number; `sequence` 0-499 picks the order code, gender sets its parity."""
    order = sequence * 2 + (1 if gender == "M" else 0)
    body = f"{region}{birth:%Y%m%d}{order:03d}"
    # stdnum drops the last character before computing, so pass a placeholder check digit.
    return body + ric.calc_check_digit(body + "0")
