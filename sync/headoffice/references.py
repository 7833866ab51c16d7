"""Reference data head office publishes: the holiday calendar and the product catalogue.

`publish` checks a file whole with the laptop's own parsers (`parse_calendar`,
`parse_catalogue`) and keeps it as the next version of its kind; nothing is stored when it is
refused.  The version is the file's own: it must be above every version of that kind published
before and above the one the app ships with, the same rule the laptop applies to a file it is
given ("a file not newer than the one held is refused"), so whatever head office serves is
installed by every laptop that does not already hold it.

A calendar publication adds years: what is served is every year published so far (the newest
publication winning for a year published twice) under the newest version, so a laptop that
missed a publication while offline still gets its years.  A catalogue is a whole list of
products and is served as published.

Every version ever published is kept: a proposal is checked against the catalogue version the
laptop filled it under (`Catalogues`), and an older version stays valid for what was filled
under it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.rules.holiday_calendar import CalendarFileError, parse_calendar
from app.rules.problem import Problem
from sync import wire
from sync.headoffice.db import ReferenceFile, iso_utc, utcnow

if TYPE_CHECKING:
    from app.rules.product_catalogue import ProductCatalogue

KINDS = tuple(wire.REFERENCE_PATHS)  # calendar, products
# What the app ships with, inside the resources package (generated or maintained with the app).
SHIPPED_RESOURCES = {wire.CALENDAR: "reference/holiday_calendar.json",
                     wire.PRODUCTS: "reference/product_catalogue.json"}  # fmt: skip
NAMES = {wire.CALENDAR: ("holiday calendar", "节假日日历"), wire.PRODUCTS: ("product catalogue", "产品目录")}
MAX_FILE_BYTES = 8 * 2**20  # the shipped calendar is 15 KB; a catalogue of 2,000 products some 2 MB


class BadReferenceFile(ValueError):
    """The file was not published; `problem` says why in both languages."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.en)
        self.problem = problem


@dataclass(frozen=True)
class Published:
    kind: str  # calendar | products
    version: int
    sha256: str  # of `body`
    published_at: datetime
    body: str

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'

    def summary(self) -> dict[str, Any]:
        return {"kind": self.kind, "version": self.version, "sha256": self.sha256,
                "published_at": iso_utc(self.published_at), "bytes": len(self.body.encode("utf-8"))}  # fmt: skip


def parse(kind: str, raw: bytes) -> Any:
    """The file read with the laptop's parser for `kind`, or BadReferenceFile."""
    if kind == wire.CALENDAR:
        try:
            return parse_calendar(raw)
        except CalendarFileError as exc:
            raise BadReferenceFile(exc.problem) from None
    from app.rules.product_catalogue import CatalogueFileError, parse_catalogue

    try:
        return parse_catalogue(raw)
    except CatalogueFileError as exc:
        raise BadReferenceFile(exc.problem) from None


@cache
def shipped(kind: str) -> Any:
    """The copy of `kind` the app ships with, or None when this version ships none."""
    try:
        raw = resources.files("resources").joinpath(SHIPPED_RESOURCES[kind]).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return parse(kind, raw)


def shipped_version(kind: str) -> int:
    copy = shipped(kind)
    return 0 if copy is None else int(copy.version)


def publish(sessions: sessionmaker[Session], kind: str, raw: bytes,
            clock: Callable[[], datetime] = utcnow) -> Published:  # fmt: skip
    """Keep `raw` as the newest version of `kind`; BadReferenceFile (nothing stored) when it is
    not a valid file of that kind or not newer than every version published or shipped."""
    name_en, name_zh = NAMES[kind]
    if len(raw) > MAX_FILE_BYTES:
        raise BadReferenceFile(Problem("", "reference_too_large", f"The file is larger than {MAX_FILE_BYTES:,} "
                                       f"bytes: it is not a {name_en}.",
                                       f"文件超过 {MAX_FILE_BYTES:,} 字节，不是{name_zh}文件。"))  # fmt: skip
    incoming = parse(kind, raw)
    with sessions.begin() as session:
        before = _latest(session, kind)
        floor = max(before.version if before is not None else 0, shipped_version(kind))
        if incoming.version <= floor:
            source_en, source_zh = (("published", "已发布") if before is not None and before.version == floor
                                    else ("shipped with the app", "随程序提供"))  # fmt: skip
            raise BadReferenceFile(Problem(
                "version", "reference_not_newer",
                f"The {name_en} was not published: its version {incoming.version} is not newer than version "
                f"{floor} ({source_en}). Give the file a higher version.",
                f"{name_zh}未发布：其版本 {incoming.version} 不高于版本 {floor}（{source_zh}）。请提高文件的版本号。",
            ))  # fmt: skip
        if kind == wire.CALENDAR and before is not None:
            served = parse_calendar(before.body.encode("utf-8")).merged(incoming)
            body = json.dumps(served.to_json(), ensure_ascii=False, indent=1) + "\n"
        else:
            body = raw.decode("utf-8")  # the parser read it as UTF-8 already
        row = ReferenceFile(kind=kind, version=incoming.version, body=body,
                            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(), published_at=clock())  # fmt: skip
        session.add(row)
        try:
            session.flush()
        except IntegrityError:
            raise BadReferenceFile(Problem(
                "version", "reference_not_newer",
                f"The {name_en} was not published: version {incoming.version} was published meanwhile.",
                f"{name_zh}未发布：版本 {incoming.version} 已在此期间发布。",
            )) from None  # fmt: skip
        return _published(row)


def latest(sessions: sessionmaker[Session], kind: str) -> Published | None:
    with sessions() as session:
        row = _latest(session, kind)
        return None if row is None else _published(row)


def published_versions(sessions: sessionmaker[Session], kind: str) -> list[Published]:
    with sessions() as session:
        rows = session.scalars(select(ReferenceFile).where(ReferenceFile.kind == kind).order_by(ReferenceFile.version))
        return [_published(row) for row in rows]


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (or is "*"): the laptop's copy is current."""
    if not if_none_match:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


class Catalogues:
    """Every catalogue version a proposal may name: the shipped one and each ever published.

    Published versions never change, so each is read and parsed once per process."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._known: dict[int, ProductCatalogue] = {}
        self._lock = threading.Lock()

    def version(self, number: int) -> ProductCatalogue | None:
        with self._lock:
            known = self._known.get(number)
        if known is not None:
            return known
        catalogue = self._read(number)
        if catalogue is not None:
            with self._lock:
                self._known[number] = catalogue
        return catalogue

    def _read(self, number: int) -> ProductCatalogue | None:
        with self._sessions() as session:
            body = session.scalar(
                select(ReferenceFile.body).where(ReferenceFile.kind == wire.PRODUCTS, ReferenceFile.version == number)
            )  # fmt: skip
        if body is not None:
            catalogue: ProductCatalogue = parse(wire.PRODUCTS, body.encode("utf-8"))
            return catalogue
        shipped_copy: ProductCatalogue | None = shipped(wire.PRODUCTS)
        return shipped_copy if shipped_copy is not None and shipped_copy.version == number else None


def _latest(session: Session, kind: str) -> ReferenceFile | None:
    return session.scalar(
        select(ReferenceFile).where(ReferenceFile.kind == kind).order_by(ReferenceFile.version.desc()).limit(1)
    )


def _published(row: ReferenceFile) -> Published:
    return Published(row.kind, row.version, row.sha256, row.published_at, row.body)
