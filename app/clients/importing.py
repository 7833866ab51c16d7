"""Client CSV import: read the file, suggest a column mapping, preview it, import it.

Every row becomes a ClientDraft and goes through ClientService.check and ClientService.save, so
an import keeps exactly the rules the card form keeps. A row with any problem (a cell that
cannot be read, a broken rule, a duplicate of a saved card or of an earlier row) is not
imported but reported by line; the valid rows go in together in one transaction, so a cancel
or a crash imports nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.clients.columns import (
    FIELDS,
    CellProblem,
    display_cell,
    display_raw,
    export_cell,
    parse_cell,
    suggest_mapping,
)
from app.clients.matching import OnDuplicate, match_rows
from app.clients.records import ClientDraft
from app.clients.service import ClientService
from app.common.csv_files import CsvRow, CsvTable, read_csv, replacing, write_rows
from app.common.progress import Progress, Steps
from app.errors import Cancelled, InvalidInput
from app.profile.audit import record_event
from app.rules.client_card import id_warnings
from app.rules.ids import ClientId
from app.rules.problem import Problem
from app.store import Store
from local_db import models

__all__ = [
    "CsvTable",
    "ImportPreview",
    "ImportReport",
    "PreviewRow",
    "RowProblem",
    "import_rows",
    "preview",
    "read_csv",
    "suggest_mapping",
    "write_report_csv",
]

BATCH = 500  # rows between progress reports, cancel checks and session clean-ups


class ClientServices(Protocol):
    """What an import or export needs of the app; AppContext has it."""

    @property
    def store(self) -> Store: ...

    def actor(self) -> str: ...


@dataclass(frozen=True)
class RowProblem:
    line: int
    name: str  # the row's name cell, to find the row in the spreadsheet
    field: str  # the card field, e.g. "mobile"
    column: str  # the file's header for that field; "" when no column holds it
    problem: Problem

    def message(self, language: str) -> str:
        return self.problem.message(language)


@dataclass(frozen=True)
class PreviewRow:
    line: int
    cells: tuple[str, ...]  # one per ImportPreview.columns; ID and phone numbers masked
    problems: tuple[RowProblem, ...]
    duplicate: bool
    warnings: tuple[RowProblem, ...] = ()  # e.g. an unknown ID region code: shown, not refused


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    encoding: str
    columns: tuple[tuple[str, str], ...]  # (header, field) of each mapped column, in file order
    ignored: tuple[str, ...]  # headers mapped to nothing
    rows: tuple[PreviewRow, ...]  # the first `limit` rows
    total_rows: int
    valid: int
    with_problems: int
    duplicates: int
    updates: int  # valid rows that update a saved card (on_duplicate="update")


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    total_rows: int
    imported: int  # new cards (or, for a dry run, cards that would be made)
    updated: int
    problems: tuple[RowProblem, ...]  # every problem of every rejected row, in line order
    dry_run: bool
    # What rows were not refused for but should be checked (`id_region_unknown`), in line order.
    warnings: tuple[RowProblem, ...] = ()

    @property
    def rejected(self) -> int:
        return len({p.line for p in self.problems})


class _Outlet(NamedTuple):
    id: str
    name: str


@dataclass
class _Row:
    line: int
    values: dict[str, Any]  # the cells that were read, by field; blank cells left out
    problems: list[Problem]
    unreadable: frozenset[str]  # fields whose cell could not be read
    draft: ClientDraft | None = None
    existing_id: ClientId | None = None  # the saved card this row updates
    duplicate: bool = False
    warnings: list[Problem] = dataclass_field(default_factory=list)


def _cancelled() -> Cancelled:
    return Cancelled("The import was cancelled; nothing was imported.", zh="导入已取消；未导入任何内容。")


def preview(
    services: ClientServices,
    table: CsvTable,
    mapping: Mapping[str, str | None],
    limit: int = 20,
    *,
    on_duplicate: OnDuplicate = "skip",
    language: str = "en",
) -> ImportPreview:
    """What the mapping-preview dialog shows: the first rows as they would be read, and totals
    for the whole file (every row is checked, duplicates against the saved cards too)."""
    columns = _columns(table, mapping)
    cards = _card_service(services)
    rows = _plan(cards, services.store.sessions, table, columns, on_duplicate, Steps(0, None, None, _cancelled))
    shown = tuple(
        PreviewRow(
            row.line,
            tuple(_display(field, row.values, csv_row.cells[index], language) for index, _, field in columns),
            tuple(_row_problems(row, columns)),
            row.duplicate,
            tuple(_row_problems(row, columns, row.warnings)),
        )
        for row, csv_row in zip(rows[:limit], table.rows, strict=False)
    )
    valid = [row for row in rows if not row.problems]
    return ImportPreview(
        file_name=table.name,
        encoding=table.encoding,
        columns=tuple((header, field) for _, header, field in columns),
        ignored=tuple(h for h in table.headers if not mapping.get(h)),
        rows=shown,
        total_rows=len(rows),
        valid=len(valid),
        with_problems=len(rows) - len(valid),
        duplicates=sum(row.duplicate for row in rows),
        updates=sum(row.existing_id is not None for row in valid),
    )


def import_rows(
    services: ClientServices,
    table: CsvTable,
    mapping: Mapping[str, str | None],
    *,
    on_duplicate: OnDuplicate = "skip",
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import the valid rows in one transaction and report the others.

    `on_duplicate="update"` lets a row that matches exactly one saved card (same ID number, or
    same name and mobile) update that card's mapped fields; blank cells keep what the card
    has. `progress(done, total)` is called on the calling thread between batches of rows, and
    `cancel` is checked there; a cancel raises Cancelled with nothing imported.
    """
    if on_duplicate not in ("skip", "update"):
        raise InvalidInput(
            f"on_duplicate must be 'skip' or 'update', not {on_duplicate!r}.", zh="重复记录的处理方式只能是跳过或更新。"
        )
    columns = _columns(table, mapping)
    cards = _card_service(services)
    sessions = services.store.sessions
    steps = Steps(len(table.rows) * (1 if dry_run else 2), progress, cancel, _cancelled)
    rows = _plan(cards, sessions, table, columns, on_duplicate, steps)
    good = [row for row in rows if not row.problems]
    updated = sum(row.existing_id is not None for row in good)
    report = ImportReport(
        file_name=table.name,
        total_rows=len(rows),
        imported=len(good) - updated,
        updated=updated,
        problems=tuple(p for row in rows for p in _row_problems(row, columns)),
        dry_run=dry_run,
        warnings=tuple(p for row in rows for p in _row_problems(row, columns, row.warnings)),
    )
    if dry_run:
        return report
    drafts = [row.draft for row in good if row.draft is not None]
    steps.total = len(rows) + len(drafts)
    with sessions.begin() as session:
        for start in range(0, len(drafts), BATCH):
            steps.check()
            batch = drafts[start : start + BATCH]
            # New cards go in bulk (the one `import` event below stands for them); a row that
            # updates a saved card goes through the card's own save, with its `edit` event.
            cards.create_many([d for d in batch if d.id is None], session)
            for draft in batch:
                if draft.id is not None:
                    cards.save(draft, session=session)
            session.flush()
            session.expunge_all()
            steps.advance(len(batch))
        steps.check()
        record_event(
            session,
            actor=services.actor(),
            action="import",
            entity="client",
            entity_id=None,
            # Counts and the file name only: the rows hold ID and phone numbers.
            detail={
                "file": table.name,
                "rows": report.total_rows,
                "imported": report.imported,
                "updated": report.updated,
                "rejected": report.rejected,
            },
        )
    return report


def write_report_csv(report: ImportReport, path: Path | str, language: str) -> None:
    """The rejected rows, one line per problem, as a CSV Excel opens (UTF-8 with a BOM); then
    one line per warning, which says it did not keep the row out."""
    headers = ("行号", "姓名", "字段", "问题") if language == "zh_CN" else ("line", "name", "field", "problem")
    lines = [
        (str(p.line), export_cell("name", p.name), p.column or p.field, p.message(language)) for p in report.problems
    ]
    note = "提醒（不影响导入）：" if language == "zh_CN" else "Warning, not a reason to leave the row out: "
    lines += [
        (str(p.line), export_cell("name", p.name), p.column or p.field, note + p.message(language))
        for p in report.warnings
    ]
    with replacing(Path(path)) as temp:
        write_rows(temp, [headers, *lines], "utf-8-sig")


def _card_service(services: ClientServices) -> ClientService:
    # The card service asks for the actor on every save, which reads the settings each time;
    # an import names one actor, read once.
    actor = services.actor()
    return ClientService(services.store.engine, services.store.sessions, lambda: actor)


def _columns(table: CsvTable, mapping: Mapping[str, str | None]) -> list[tuple[int, str, str]]:
    """(index, header, field) of each mapped column, after checking the mapping makes sense."""
    by_field: dict[str, str] = {}
    for header, field_name in mapping.items():
        if header not in table.headers:
            raise InvalidInput(f"{table.name} has no column “{header}”.", zh=f"{table.name} 中没有“{header}”列。")
        if field_name is None:
            continue
        if field_name not in FIELDS:
            raise InvalidInput(f"“{field_name}” is not a client card field.", zh=f"“{field_name}”不是客户档案的字段。")
        if field_name in by_field:
            raise InvalidInput(
                f"Both “{by_field[field_name]}” and “{header}” are mapped to {field_name}.",
                "Map one of them to nothing.",
                zh=f"“{by_field[field_name]}”和“{header}”两列对应到了同一个字段。",
                hint_zh="请把其中一列设为不导入。",
            )
        by_field[field_name] = header
    if "name" not in by_field:
        raise InvalidInput(
            f"No column of {table.name} is mapped to the client's name.",
            "Map a column such as 姓名 to the name.",
            zh=f"{table.name} 中没有对应客户姓名的列。",
            hint_zh="请把“姓名”之类的列对应到姓名。",
        )
    return [(i, h, f) for i, h in enumerate(table.headers) if (f := mapping.get(h))]


def _plan(
    cards: ClientService,
    sessions: sessionmaker[Session],
    table: CsvTable,
    columns: Sequence[tuple[int, str, str]],
    on_duplicate: OnDuplicate,
    steps: Steps,
) -> list[_Row]:
    """Every row read, matched against the saved cards and earlier rows, and checked."""
    with sessions() as session:
        outlets = _outlets(session) if any(f == "outlet" for _, _, f in columns) else {}
        rows = [_read_row(row, columns, outlets) for row in table.rows]
        matches = match_rows(session, [row.values for row in rows], [row.line for row in rows], on_duplicate)
        for row, match in zip(rows, matches, strict=True):
            row.problems += match.problems
            row.existing_id = match.existing_id
            row.duplicate = bool(match.problems)
    for start in range(0, len(rows), BATCH):
        steps.check()
        batch = rows[start : start + BATCH]
        for row in batch:
            base = cards.get(row.existing_id).draft if row.existing_id else ClientDraft(name="")
            changes = {f: v for f, v in row.values.items() if f != "outlet"}
            if "outlet" in row.values:
                changes["outlet_id"] = row.values["outlet"].id
            row.draft = replace(base, **changes)
            # "Enter the ID number" after "the ID number is masked" would only repeat it.
            row.problems += [p for p in cards.check(row.draft) if p.field not in row.unreadable]
            if "id_number" not in row.unreadable:
                row.warnings = id_warnings(row.draft.id_type, row.draft.id_number)
        steps.advance(len(batch))
    return rows


def _outlets(session: Session) -> dict[str, _Outlet | None]:
    """Outlets by code and by name; None for a name two outlets share."""
    found: dict[str, _Outlet | None] = {}
    by_code: dict[str, _Outlet] = {}
    for outlet_id, code, name in session.execute(select(models.Outlet.id, models.Outlet.code, models.Outlet.name)):
        outlet = _Outlet(outlet_id, name)
        found[name] = None if name in found else outlet
        by_code[code] = outlet
    return found | by_code  # a code wins over a name that happens to look like it


def _read_row(row: CsvRow, columns: Sequence[tuple[int, str, str]], outlets: dict[str, _Outlet | None]) -> _Row:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for index, header, field_name in columns:
        text = row.cells[index]
        if not text.strip():
            continue
        try:
            values[field_name] = (
                _outlet(text, outlets) if field_name == "outlet" else parse_cell(field_name, text, header)
            )
        except CellProblem as exc:
            problems.append(exc.problem)
    return _Row(row.line, values, problems, frozenset(p.field for p in problems))


def _outlet(text: str, outlets: dict[str, _Outlet | None]) -> _Outlet:
    key = text.strip()
    if key not in outlets:
        raise CellProblem(
            Problem(
                "outlet",
                "outlet_unknown",
                f"There is no outlet with the code or name “{key}”; add the outlet first, or leave the column out.",
                f"没有代码或名称为“{key}”的网点，请先添加该网点，或不导入这一列。",
            )
        )
    outlet = outlets[key]
    if outlet is None:
        raise CellProblem(
            Problem(
                "outlet",
                "outlet_ambiguous",
                f"Several outlets are called “{key}”; use its code.",
                f"有多个网点名为“{key}”，请填写网点代码。",
            )
        )
    return outlet


# check_card names the assets problem "assets"; the mapping calls the field assets_cents.
_PROBLEM_FIELDS = {"assets": "assets_cents"}


def _row_problems(
    row: _Row, columns: Sequence[tuple[int, str, str]], problems: Sequence[Problem] | None = None
) -> Iterator[RowProblem]:
    """The row's problems (or the `problems` given, e.g. its warnings) with their columns."""
    header_of = {f: h for _, h, f in columns}
    name = row.values.get("name", "")
    for problem in row.problems if problems is None else problems:
        column = header_of.get(_PROBLEM_FIELDS.get(problem.field, problem.field), "")
        yield RowProblem(row.line, name, problem.field, column, problem)


def _display(field_name: str, values: dict[str, Any], text: str, language: str) -> str:
    if field_name not in values:
        return display_raw(field_name, text)
    if field_name == "outlet":
        return str(values[field_name].name)
    return display_cell(field_name, values[field_name], language)
