"""Finding clients: filters, sorting and search-as-you-type over 100,000 cards.

Queries are built as SQL text with bound parameters (never user text in the SQL) so the same
statement can be timed against plain sqlite3 in `make bench`. Matching rules:
- three or more Chinese characters: the FTS5 trigram index finds them anywhere in the name,
  employer or tags; four or more digits anywhere in a phone number; four or
  more characters at the *end* of an ID number (never its middle, which is the birth date);
- Latin letters: the start of the full pinyin or of the initials (and, from three letters,
  employer or tags);
- one or two Chinese characters: the start of the name, or a whole tag;
- several words: every word must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from app.errors import InvalidInput
from app.rules.client_card import normalise_id
from app.rules.ids import OutletId
from app.rules.names import pinyin_keys

ID_TAIL = re.compile(r"[0-9Xx]{4,}")
ASCII_WORD = re.compile(r"[A-Za-z]+")
DIGITS = re.compile(r"\d+")
# Sorts after every character a name or pinyin can hold, for prefix ranges on an index.
HIGH = "\U0010ffff"


class SortKey(str, Enum):
    NAME = "name"  # pinyin order, the way a Chinese phone book sorts
    TIER = "tier"
    LAST_CONTACT = "last_contact"
    NEXT_MATURITY = "next_maturity"


SORT_SQL = {
    SortKey.NAME: "c.name_pinyin {dir}, c.id {dir}",
    SortKey.TIER: (
        "CASE c.tier WHEN 'private' THEN 4 WHEN 'diamond' THEN 3 WHEN 'platinum' THEN 2 "
        "WHEN 'gold' THEN 1 ELSE 0 END {dir}, c.name_pinyin, c.id"
    ),
    # Never-contacted and no-maturity cards go last whichever way the column is sorted.
    SortKey.LAST_CONTACT: "c.last_contact_at IS NULL, c.last_contact_at {dir}, c.id",
    SortKey.NEXT_MATURITY: "c.next_maturity_on IS NULL, c.next_maturity_on {dir}, c.id",
}

SEGMENT_AGES = {"young": (0, 35), "middle": (35, 60), "retired": (60, 200)}


@dataclass(frozen=True)
class ClientQuery:
    text: str = ""
    tiers: frozenset[str] = field(default_factory=frozenset)
    segment: str | None = None  # young | middle | retired
    outlet_id: OutletId | None = None
    tag: str | None = None
    blacklisted: bool | None = None
    sort: SortKey = SortKey.NAME
    descending: bool = False


@dataclass(frozen=True)
class Statement:
    sql: str
    params: dict[str, Any]


class QueryTooShort(InvalidInput):
    """Digits only and fewer than four: too little to search phone numbers by."""

    code = "query_too_short"

    def __init__(self, term: str) -> None:
        super().__init__("Type at least 4 digits to search phone numbers.", zh="按电话号码搜索时请至少输入 4 位数字。")
        self.term = term


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts(match: str, key: str, params: dict[str, Any]) -> str:
    params[key] = match
    return (
        "c.id IN (SELECT k.client_id FROM client_search_fts f JOIN client_search_keys k "
        f"ON k.rowid = f.rowid WHERE client_search_fts MATCH :{key})"
    )


def _prefix(column: str, value: str, key: str, params: dict[str, Any]) -> str:
    params[f"{key}_lo"], params[f"{key}_hi"] = value, value + HIGH
    return f"{column} >= :{key}_lo AND {column} < :{key}_hi"


def term_branches(term: str, key: str, params: dict[str, Any]) -> list[str]:
    """The ways one typed word can match, each a condition an index answers on its own.

    Prefixes are matched on the pinyin index (a Chinese prefix through its own pinyin, with
    the name checked too), so a page sorted by name walks that index in order and stops.
    """
    if DIGITS.fullmatch(term):
        if len(term) < 4:
            raise QueryTooShort(term)
        phrase = _fts_phrase(term)
        id_tail = _fts_phrase(normalise_id(term) + "$")
        return [_fts(f"phones: {phrase} OR id_tail: {id_tail}", key, params)]
    if ID_TAIL.fullmatch(term):
        return [_fts(f"id_tail: {_fts_phrase(normalise_id(term) + '$')}", key, params)]
    if ASCII_WORD.fullmatch(term):
        lower = term.lower()
        branches = [_prefix("c.name_pinyin", lower, f"{key}p", params)]
        if len(term) >= 2:
            branches.append(_prefix("c.name_initials", lower, f"{key}i", params))
        if len(term) >= 3:
            branches.append(_fts(f"{{employer tags}}: {_fts_phrase(term)}", f"{key}f", params))
        return branches
    if len(term) >= 3:
        return [_fts(f"{{names employer tags}}: {_fts_phrase(term)}", key, params)]
    pinyin, _ = pinyin_keys(term)
    # The unary + keeps SQLite off the name index, so it walks the pinyin one in order.
    name = _prefix("+c.name", term, f"{key}n", params)
    params[f"{key}t"] = term
    return [
        f"{_prefix('c.name_pinyin', pinyin, f'{key}p', params)} AND {name}",
        f"c.id IN (SELECT client_id FROM client_tags WHERE tag = :{key}t)",
    ]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def where_clause(query: ClientQuery, today: date, with_text: bool = True) -> tuple[str, dict[str, Any]]:
    conditions = ["c.merged_into_id IS NULL"]
    params: dict[str, Any] = {}
    if with_text:
        for index, term in enumerate(query.text.split()):
            branches = term_branches(term, f"t{index}", params)
            conditions.append("(" + " OR ".join(f"({b})" for b in branches) + ")")
    if query.tiers:
        names = []
        for i, tier in enumerate(sorted(query.tiers)):
            params[f"tier{i}"] = tier
            names.append(f":tier{i}")
        conditions.append(f"c.tier IN ({', '.join(names)})")
    if query.segment:
        youngest, oldest = SEGMENT_AGES[query.segment]
        # Age in [youngest, oldest) ⇔ born after today-oldest years and on/before today-youngest.
        # Dates are stored as ISO text; compare as text, which orders the same way.
        params["born_after"] = _years_before(today, oldest).isoformat()
        params["born_by"] = _years_before(today, youngest).isoformat()
        conditions.append("c.birth_date > :born_after AND c.birth_date <= :born_by")
    if query.outlet_id:
        params["outlet_id"] = query.outlet_id
        conditions.append("c.outlet_id = :outlet_id")
    if query.tag:
        params["tag"] = query.tag
        conditions.append("c.id IN (SELECT client_id FROM client_tags WHERE tag = :tag)")
    if query.blacklisted is not None:
        params["blacklisted"] = int(query.blacklisted)
        conditions.append("c.blacklisted = :blacklisted")
    return " AND ".join(conditions), params


def order_clause(query: ClientQuery) -> str:
    return SORT_SQL[query.sort].format(dir="DESC" if query.descending else "ASC")


ROW_COLUMNS = (
    "c.id, c.name, c.gender, c.birth_date, c.tier, c.mobile, c.id_type, c.id_number, "
    "c.last_contact_at, c.next_maturity_on, c.blacklisted, c.status, c.tags_text, o.name"
)


def page_statement(query: ClientQuery, today: date, limit: int) -> Statement:
    terms = query.text.split()
    select = f"SELECT {ROW_COLUMNS}, c.name_pinyin AS sort_key FROM clients c LEFT JOIN outlets o ON o.id = c.outlet_id"
    if len(terms) == 1 and query.sort is SortKey.NAME:
        # One word, sorted by name: each way of matching fetches its own first page through
        # its own index, and the pages are merged. An OR of them would make SQLite gather and
        # sort every match (thousands for "z" or "张") before keeping fifty.
        filters, params = where_clause(query, today, with_text=False)
        branches = term_branches(terms[0], "t0", params)
        if len(branches) > 1:
            order = order_clause(query)
            parts = [
                f"SELECT * FROM ({select} WHERE {filters} AND ({branch}) ORDER BY {order} LIMIT :limit)"
                for branch in branches
            ]
            params["limit"] = limit
            direction = "DESC" if query.descending else "ASC"
            return Statement(
                " UNION ".join(parts) + f" ORDER BY sort_key {direction}, 1 {direction} LIMIT :limit",
                params,
            )
    where, params = where_clause(query, today)
    params["limit"] = limit
    return Statement(f"{select} WHERE {where} ORDER BY {order_clause(query)} LIMIT :limit", params)


def ids_statement(query: ClientQuery, today: date) -> Statement:
    where, params = where_clause(query, today)
    return Statement(f"SELECT c.id FROM clients c WHERE {where} ORDER BY {order_clause(query)}", params)


def rows_statement(ids: list[str]) -> Statement:
    params = {f"i{n}": client_id for n, client_id in enumerate(ids)}
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    return Statement(
        f"SELECT {ROW_COLUMNS} FROM clients c LEFT JOIN outlets o ON o.id = c.outlet_id WHERE c.id IN ({marks})",
        params,
    )
