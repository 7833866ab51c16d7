"""The manager's time zone: the laptop's own. Work-log days and agenda days are local days."""

from __future__ import annotations

from datetime import datetime, tzinfo


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone
