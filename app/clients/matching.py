"""Which rows of an import are a client already known: a saved card or an earlier row.

Two cards are the same client when they share an ID number, or a name and a mobile number
(the rule ClientService.find_duplicates uses). The saved cards are looked up in chunks for the
whole file at once, not once per row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.client_card import normalise_id, normalise_phone
from app.rules.ids import ClientId
from app.rules.problem import Problem
from local_db import models

OnDuplicate = Literal["skip", "update"]
LOOKUP_CHUNK = 900  # values per IN (...): below SQLite's limit on bound parameters


@dataclass(frozen=True)
class Match:
    problems: tuple[Problem, ...]  # empty when the row is nobody known, or updates a card
    existing_id: ClientId | None  # the one saved card the row updates (on_duplicate="update")


def match_rows(
    session: Session,
    rows: Sequence[Mapping[str, Any]],
    lines: Sequence[int],
    on_duplicate: OnDuplicate,
) -> list[Match]:
    """One Match per row (its values by field); `lines` name earlier rows in messages."""
    keys = [_keys(values) for values in rows]
    by_number, by_pair = _saved(session, keys)
    first_number: dict[str, int] = {}
    first_pair: dict[tuple[str, str], int] = {}
    matches = []
    for line, (number, pair) in zip(lines, keys, strict=True):
        found: list[Problem] = []
        if number:
            if number in first_number:
                earlier = first_number[number]
                found.append(
                    Problem(
                        "id_number",
                        "duplicate_in_file",
                        f"The same ID number is on line {earlier}.",
                        f"与第 {earlier} 行的证件号码相同。",
                    )
                )
            first_number.setdefault(number, line)
        if pair:
            if pair in first_pair:
                earlier = first_pair[pair]
                found.append(
                    Problem(
                        "mobile",
                        "duplicate_in_file",
                        f"The same name and mobile number are on line {earlier}.",
                        f"与第 {earlier} 行的姓名和手机号相同。",
                    )
                )
            first_pair.setdefault(pair, line)
        named = by_number.get(number, []) if number else []
        paired = by_pair.get(pair, []) if pair else []
        saved = {client_id for client_id, _ in named} | set(paired)
        existing_id: ClientId | None = None
        if saved and not found:
            if on_duplicate == "skip":
                found = _saved_duplicates(named, paired)
            elif len(saved) == 1:
                existing_id = ClientId(saved.pop())
            else:
                found.append(
                    Problem(
                        "id_number",
                        "duplicate_ambiguous",
                        "This row matches several saved cards; merge them first.",
                        "该行与多张已有客户档案相同，请先合并这些档案。",
                    )
                )
        matches.append(Match(tuple(found), existing_id))
    return matches


def _keys(values: Mapping[str, Any]) -> tuple[str, tuple[str, str] | None]:
    number = normalise_id(values.get("id_number", ""))
    name, mobile = values.get("name", "").strip(), normalise_phone(values.get("mobile", ""))
    return number, (name, mobile) if name and mobile else None


def _saved(
    session: Session, keys: Sequence[tuple[str, tuple[str, str] | None]]
) -> tuple[dict[str, list[tuple[str, str]]], dict[tuple[str, str], list[str]]]:
    """Saved, unmerged cards: (id, name) by ID number, and ids by (name, mobile)."""
    by_number: dict[str, list[tuple[str, str]]] = {}
    by_pair: dict[tuple[str, str], list[str]] = {}
    client = models.Client
    live = client.merged_into_id.is_(None)
    for chunk in _chunks(sorted({number for number, _ in keys if number})):
        for client_id, name, number in session.execute(
            select(client.id, client.name, client.id_number).where(live, client.id_number.in_(chunk))
        ):
            by_number.setdefault(number, []).append((client_id, name))
    for chunk in _chunks(sorted({pair[1] for _, pair in keys if pair})):
        for client_id, name, mobile in session.execute(
            select(client.id, client.name, client.mobile).where(live, client.mobile.in_(chunk))
        ):
            by_pair.setdefault((name, mobile), []).append(client_id)
    return by_number, by_pair


def _saved_duplicates(named: list[tuple[str, str]], paired: list[str]) -> list[Problem]:
    found = []
    if named:
        saved_name = named[0][1]
        found.append(
            Problem(
                "id_number",
                "duplicate_card",
                f"A card with this ID number is already saved ({saved_name}).",
                f"已有相同证件号码的客户档案（{saved_name}）。",
            )
        )
    if paired:
        found.append(
            Problem(
                "mobile",
                "duplicate_card",
                "A card with this name and mobile number is already saved.",
                "已有相同姓名和手机号的客户档案。",
            )
        )
    return found


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]
