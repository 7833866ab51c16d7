"""The laptop app's current version and its notes, as head office announces them (issue 21).

`branchdesk-headoffice publish-version 1.4.0 --notes TEXT --notes-zh TEXT` keeps a publication;
`GET /v1/version` serves the latest: `{"version", "notes": {"zh_CN", "en"}, "published_at"}`,
404 `not_published` before the first.  A laptop only tells its manager; it never downloads or
runs anything (app/updates).

A version is a plain release number (app.rules.app_version.RELEASE), which every laptop reads
alike.  One lower than the latest published is refused (a typo would hide the real latest from
nobody but confuse everyone); the same version again replaces its notes (a correction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.rules.app_version import MAX_LENGTH, is_newer, is_release
from sync import wire
from sync.headoffice import schemas
from sync.headoffice.db import PublishedVersion, iso_utc, utcnow
from sync.headoffice.transport import ApiError

MAX_NOTES = 2000  # characters in each language: a few sentences, not a manual


class BadVersion(ValueError):
    """Not published; the message says why."""


class VersionNotes(BaseModel):
    zh_CN: str = Field(description="for Chinese screens; may be empty")
    en: str = Field(description="for English screens; may be empty")


class VersionOut(BaseModel):
    """The app version head office announces; a laptop running an older one tells its manager."""

    version: str = Field(description="a release number such as 1.4.0", pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$")
    notes: VersionNotes
    published_at: str = Field(description="ISO 8601 UTC")


@dataclass(frozen=True)
class Announcement:
    version: str
    notes_zh: str
    notes_en: str
    published_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "notes": {"zh_CN": self.notes_zh, "en": self.notes_en},
                "published_at": iso_utc(self.published_at)}  # fmt: skip


def publish_version(sessions: sessionmaker[Session], version: str, notes_en: str, notes_zh: str = "",
                    clock: Callable[[], datetime] = utcnow) -> Announcement:  # fmt: skip
    """Keep `version` as the latest announced; BadVersion (nothing stored) when it is not a
    release number, its notes are too long, or it is lower than the latest published."""
    version = version.strip()
    if len(version) > MAX_LENGTH or not is_release(version):
        raise BadVersion(f"{version[:MAX_LENGTH]!r} is not a release number such as 1.4.0.")
    notes_en, notes_zh = notes_en.strip(), notes_zh.strip()
    if max(len(notes_en), len(notes_zh)) > MAX_NOTES:
        raise BadVersion(f"The notes are longer than {MAX_NOTES} characters: say what changed in a few sentences.")
    with sessions.begin() as session:
        before = _latest(session)
        if before is not None and is_newer(before.version, version):
            raise BadVersion(f"Version {version} is lower than version {before.version}, published on "
                             f"{iso_utc(before.published_at)[:10]}.")  # fmt: skip
        row = PublishedVersion(version=version, notes_zh=notes_zh, notes_en=notes_en, published_at=clock())
        session.add(row)
        session.flush()
        return _announcement(row)


def latest(sessions: sessionmaker[Session]) -> Announcement | None:
    with sessions() as session:
        row = _latest(session)
        return None if row is None else _announcement(row)


def register(app: FastAPI, sessions: sessionmaker[Session], require_manager: Callable[..., str]) -> None:
    """GET /v1/version on `app`, behind the bearer token like every /v1 route."""

    @app.get(wire.VERSION_PATH, response_model=VersionOut, tags=["version"], responses={
        401: {"model": schemas.ErrorBody, "description": "no or a bad bearer token"},
        404: {"model": schemas.ErrorBody, "description": "not_published: no version announced yet"},
    })  # fmt: skip
    def current_version(_manager: str = Depends(require_manager)) -> JSONResponse:
        """The app version head office announces and its notes. A laptop running an older version
        tells its manager; it never downloads or runs anything."""
        announced = latest(sessions)
        if announced is None:
            raise ApiError(404, "not_published", "No app version has been announced yet.")
        return JSONResponse(announced.to_json(), headers={"Cache-Control": "no-cache"})


def _latest(session: Session) -> PublishedVersion | None:
    return session.scalar(select(PublishedVersion).order_by(PublishedVersion.seq.desc()).limit(1))


def _announcement(row: PublishedVersion) -> Announcement:
    return Announcement(row.version, row.notes_zh, row.notes_en, row.published_at)
