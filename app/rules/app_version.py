"""Version numbers of the app, as head office announces them and the laptop compares them.

Pure, so both ends read a version the same way: head office refuses to publish what a laptop
could not read (`RELEASE`), and the laptop compares with `packaging.version` when it is
installed (PEP 440: "1.4.0rc1" < "1.4.0"), else as a plain tuple of numbers ("1.4" == "1.4.0").
"""

from __future__ import annotations

import re
from typing import Any

# What head office publishes: a release number both comparisons read alike, 1 to 4 parts.
RELEASE = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}")
MAX_LENGTH = 40


class _Plain(tuple[int, ...]):
    """A release as numbers, trailing zeros dropped, so 1.4 and 1.4.0 are the same version."""

    def __new__(cls, parts: tuple[int, ...]) -> _Plain:
        while len(parts) > 1 and parts[-1] == 0:
            parts = parts[:-1]
        return super().__new__(cls, parts)


def parse_version(text: object) -> Any | None:
    """A comparable version, or None when `text` is not one (not a string, too long, or not a
    version this laptop can read); values from one call compare with values from another."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LENGTH:
        return None
    text = text.strip()
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        match = re.fullmatch(r"[vV]?([0-9]+(?:\.[0-9]+)*)", text)
        return _Plain(tuple(int(part) for part in match.group(1).split("."))) if match else None
    try:
        return Version(text)
    except InvalidVersion:
        return None


def is_newer(offered: object, running: object) -> bool:
    """Whether `offered` is a later version than `running`; False when either is unreadable."""
    new, old = parse_version(offered), parse_version(running)
    return new is not None and old is not None and bool(new > old)


def is_release(text: str) -> bool:
    """Whether head office may publish `text`: a plain release number such as 1.4.0."""
    return RELEASE.fullmatch(text) is not None
