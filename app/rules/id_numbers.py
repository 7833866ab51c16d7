"""Mainland resident ID numbers (居民身份证, 18 characters).

python-stdnum checks length, check digit, birth date and region; this module adds what a card
needs from it: birth date and gender, in a form the rest of the app can use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

_SEPARATORS = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str  # M | F


class InvalidResidentId(ValueError):
    """`reason` is one of: length, format, checksum, birth_date, region."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_resident_id(value: str) -> ResidentId:
    # People type IDs with spaces or dashes in groups (6-8-4) and a lower-case x.
    number = _SEPARATORS.sub("", value).upper()
    try:
        number = ric.validate(number)
    except stdnum_errors.InvalidLength as exc:
        raise InvalidResidentId("length") from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise InvalidResidentId("checksum") from exc
    except stdnum_errors.InvalidComponent as exc:
        reason = "birth_date" if _bad_birth_date(number) else "region"
        raise InvalidResidentId(reason) from exc
    except stdnum_errors.ValidationError as exc:
        raise InvalidResidentId("format") from exc
    birth = ric.get_birth_date(number)
    if birth > date.today():
        raise InvalidResidentId("birth_date")
    # The 17th digit is odd for men and even for women.
    return ResidentId(number, birth, "M" if int(number[16]) % 2 else "F")


def _bad_birth_date(number: str) -> bool:
    try:
        ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        return True
    return False


def make_resident_id(region: str, birth: date, sequence: int, gender: str) -> str:
    """Build a valid number; `sequence` 0-499 picks the order code, gender sets its parity."""
    order = sequence * 2 + (1 if gender == "M" else 0)
    body = f"{region}{birth:%Y%m%d}{order:03d}"
    # stdnum drops the last character before computing, so pass a placeholder check digit.
    return body + ric.calc_check_digit(body + "0")
