"""Replacing a record's child rows (staff of an outlet, a visit's checklist) in place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def replace_children(
    session: Session,
    table: Any,
    parent_column: str,
    parent_id: str,
    rows: Iterable[tuple[str | None, dict[str, Any]]],
) -> bool:
    """Make the parent's rows in `table` exactly `rows` ((id or None for a new row, values)).

    Rows that survive keep their ids and creation dates, so records that travel to head office
    keep their identity. Returns whether anything changed.
    """
    column = getattr(table, parent_column)
    existing = {row.id: row for row in session.scalars(select(table).where(column == parent_id))}
    changed = False
    for row_id, values in rows:
        row = existing.pop(row_id, None) if row_id else None
        if row is None:
            session.add(table(**{parent_column: parent_id}, **values))
            changed = True
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed = True
    for row in existing.values():
        session.delete(row)
        changed = True
    return changed
