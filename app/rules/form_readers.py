"""Readers of a JSON form's fields, shared by the proposal and the receipt forms.

Pure (stdlib and `app.rules` only).  A reader takes a value, its path in the form and the
list of problems so far; it returns the value read and adds what is wrong with it: its type
(J003), a date that does not exist (J004), a value outside its list (J005), and then the
limits of `app.rules.limits` (J005 ids, J006 text, J007 ranges, J008 lengths).  A record
reader adds the unknown (J002) and missing (J001) keys of an object.  Type messages name the
field by its path, as the file does; limit messages by its label, as the form does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from app.rules import limits
from app.rules.limits import Label
from app.rules.problem import Problem

Reader = Callable[[object, str, list[Problem]], Any]
OutOfRange = Callable[[int, str, tuple[int, int], Label], Problem | None]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KINDS = {
    "text": ("text", "文本"),
    "integer": ("a whole number", "整数"),
    "boolean": ("true or false", "true 或 false"),
    "date": ("a date like 2026-03-15", "形如 2026-03-15 的日期"),
    "object": ("an object", "对象"),
    "array": ("an array", "数组"),
    "answer": ("true/false, a whole number or text", "true/false、整数或文本"),
}


def is_int(value: object) -> TypeGuard[int]:
    # JSON true/false arrive as bool, which Python counts as int: refuse them as numbers.
    return isinstance(value, int) and not isinstance(value, bool)


def add(problem: Problem | None, problems: list[Problem]) -> None:
    if problem is not None:
        problems.append(problem)


def wrong(path: str, kind: str, nullable: bool, problems: list[Problem]) -> None:
    en, zh = KINDS[kind]
    if nullable:
        en, zh = f"{en} or null", f"{zh}或 null"
    problems.append(Problem(path, "J003_wrong_type", f"{path} must be {en}.", f"{path} 应为{zh}。"))


def boolean(value: object, path: str, problems: list[Problem]) -> Any:
    if isinstance(value, bool):
        return value
    wrong(path, "boolean", False, problems)
    return None


@dataclass(frozen=True)
class FormReaders:
    """The readers of one form: `form` names it in messages, `label` names a field by its path."""

    form: Label
    label: Callable[[str], Label]

    def text(self, most: int, nullable: bool = False) -> Reader:
        def read(value: object, path: str, problems: list[Problem]) -> Any:
            if value is None and nullable:
                return None
            if not isinstance(value, str):
                wrong(path, "text", nullable, problems)
                return None
            add(limits.text_problem(value, path, most, self.label(path)), problems)
            return value

        return read

    def integer(
        self, bounds: tuple[int, int], nullable: bool = False, beyond: OutOfRange = limits.range_problem
    ) -> Reader:
        def read(value: object, path: str, problems: list[Problem]) -> Any:
            if value is None and nullable:
                return None
            if not is_int(value):
                wrong(path, "integer", nullable, problems)
                return None
            add(beyond(value, path, bounds, self.label(path)), problems)
            return value

        return read

    def uuid(self, value: object, path: str, problems: list[Problem]) -> Any:
        """The laptop's id of a record: canonical UUID text (`limits.UUID_TEXT`)."""
        before = len(problems)
        text = self.text(limits.UUID_CHARS)(value, path, problems)
        if len(problems) == before:
            add(limits.uuid_problem(text, path, self.label(path)), problems)
        return text

    def date_or_null(self, value: object, path: str, problems: list[Problem]) -> date | None:
        """A `"YYYY-MM-DD"` date within `limits.FIRST_DAY`-`limits.LAST_DAY`, or null."""
        if value is None:
            return None
        if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
            wrong(path, "date", True, problems)
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            problems.append(Problem(
                path, "J004_bad_date", f"{path}: {value} is not a real date.", f"{path}：{value} 不是存在的日期。",
            ))  # fmt: skip
            return None
        add(limits.date_problem(day, path, self.label(path)), problems)
        return day

    def record(self, cls: type[Any], readers: dict[str, Reader], nullable: bool = False) -> Reader:
        """An object with exactly the keys of `readers`, read into `cls`; None when any is missing."""

        def read(value: object, path: str, problems: list[Problem]) -> Any:
            if value is None and nullable:
                return None
            if not isinstance(value, dict):
                wrong(path or "document", "object", nullable, problems)
                return None
            prefix = f"{path}." if path else ""
            for key in [limits.shown(key) for key in value if key not in readers]:
                problems.append(Problem(
                    f"{prefix}{key}", "J002_unknown_field",
                    f"{prefix}{key} is not a field of {self.form[0]}.", f"{prefix}{key} 不是{self.form[1]}的字段。",
                ))  # fmt: skip
            parsed = {}
            for key, reader in readers.items():
                if key in value:
                    parsed[key] = reader(value[key], f"{prefix}{key}", problems)
                else:
                    problems.append(Problem(
                        f"{prefix}{key}", "J001_missing_field",
                        f"{prefix}{key} is missing (write null or \"\" when blank).",
                        f"缺少 {prefix}{key}（空白时写 null 或 \"\"）。",
                    ))  # fmt: skip
            return cls(**parsed) if len(parsed) == len(readers) else None

        return read


def one_of(reader: Reader, allowed: Callable[[Any], bool], en: str, zh: str) -> Reader:
    """`reader`, then J005 unless the value it read is `allowed`."""

    def read(value: object, path: str, problems: list[Problem]) -> Any:
        before = len(problems)
        parsed = reader(value, path, problems)
        if len(problems) == before and not allowed(parsed):
            problems.append(Problem(path, "J005_bad_value", f"{path} must be {en}.", f"{path} 应为{zh}。"))
        return parsed

    return read
