"""Client CSV export, in the columns and labels the import reads, so an export imports back.

ID and phone numbers are masked unless the caller asks to reveal them; either way the export
goes into the audit log (how many cards, whether revealed, the file name).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clients.columns import COLUMNS, export_cell
from app.clients.importing import ClientServices
from app.clients.search import ClientQuery
from app.clients.service import ClientService
from app.common.csv_files import replacing, write_rows
from app.common.progress import Progress
from app.errors import Cancelled, InvalidInput
from app.profile.audit import record_event
from app.rules.masking import mask_id_number, mask_phone
from local_db import models

CHUNK = 1_000  # cards read per query: bounds memory whatever the size of the book
# GBK is asked for by name because Chinese Excel reads it; GB18030 is written instead: the same
# bytes for every GBK character, and it can also hold the rare name characters GBK lacks.
ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8", "gbk": "gb18030", "gb18030": "gb18030"}
# Card columns read for each exported field other than tags and outlet.
_SOURCE = {field: getattr(models.Client, field) for field, _ in COLUMNS if field not in ("tags", "outlet")}


class ExportServices(ClientServices, Protocol):
    """The import's needs plus the card list, to pick the cards a query matches."""

    @property
    def clients(self) -> ClientService: ...


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int
    revealed: bool
    encoding: str  # as written: gbk is written as gb18030


def export_clients(
    services: ExportServices,
    path: Path | str,
    query: ClientQuery = ClientQuery(),
    *,
    reveal: bool = False,
    encoding: str = "utf-8-sig",
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Write the cards `query` matches, in its order. The file appears only when complete;
    `cancel` (checked between chunks) raises Cancelled and leaves no file behind."""
    if encoding.lower() not in ENCODINGS:
        raise InvalidInput(
            f"Cannot write {encoding!r}; choose UTF-8 or GBK.", zh="无法使用此编码写入；请选择 UTF-8 或 GBK。"
        )
    written_as = ENCODINGS[encoding.lower()]
    path = Path(path)
    ids = services.clients.matching_ids(query)
    header = [title for _, title in COLUMNS]
    with replacing(path) as temp:
        with services.store.sessions() as session:
            count = write_rows(temp, [header, *_lines(session, ids, reveal, progress, cancel)], written_as) - 1
        # Recorded before the file takes its real name: a revealed export never exists unlogged.
        with services.store.sessions.begin() as session:
            record_event(
                session,
                actor=services.actor(),
                action="export",
                entity="client",
                entity_id=None,
                # A file name of bytes that are not UTF-8 is legal on Linux; the log keeps it escaped.
                detail={
                    "file": os.fsencode(path.name).decode("utf-8", "backslashreplace"),
                    "count": count,
                    "revealed": reveal,
                },
            )
    return ExportResult(path, count, reveal, written_as)


def _lines(
    session: Session,
    ids: Sequence[str],
    reveal: bool,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> Iterator[list[str]]:
    for start in range(0, len(ids), CHUNK):
        if cancel is not None and cancel.is_set():
            raise Cancelled("The export was cancelled; no file was written.", zh="导出已取消；未写入任何文件。")
        chunk = ids[start : start + CHUNK]
        cards = {
            row.id: row
            for row in session.execute(
                select(models.Client.id, models.Outlet.code.label("outlet"), *_SOURCE.values())
                .outerjoin(models.Outlet, models.Outlet.id == models.Client.outlet_id)
                .where(models.Client.id.in_(chunk))
            )
        }
        tags: dict[str, list[str]] = {}
        for client_id, tag in session.execute(
            select(models.ClientTag.client_id, models.ClientTag.tag)
            .where(models.ClientTag.client_id.in_(chunk))
            .order_by(models.ClientTag.tag)
        ):
            tags.setdefault(client_id, []).append(tag)
        for client_id in chunk:
            card = cards.get(client_id)
            if card is not None:  # deleted since the ids were listed
                yield [export_cell(field, _value(card, field, tags, reveal)) for field, _ in COLUMNS]
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))


def _value(card: Any, field: str, tags: dict[str, list[str]], reveal: bool) -> Any:
    if field == "tags":
        return tags.get(card.id, [])
    value = getattr(card, field)
    if reveal or not value:
        return value
    if field == "id_number":
        return mask_id_number(value)
    return mask_phone(value) if field in ("mobile", "phone_other") else value
