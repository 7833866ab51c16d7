"""What every reference data file from head office (the holiday calendar, the product catalogue)
has in common: a JSON object with exactly the keys kind, version and one key of its own data,
refused whole with a `ReferenceFileError` that says why in both languages.

Pure (stdlib and `app.rules` only).  `file_header` checks the common part and returns the
version; each kind keeps its own error class, codes and the checks of its data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.rules.problem import Problem


class ReferenceFileError(ValueError):
    """The file is not reference data this app accepts; `problem` says why in both languages."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.en)
        self.problem = problem


@dataclass(frozen=True)
class FileKind:
    """How one kind of reference file names itself in the refusals of its header."""

    kind: str  # the value of "kind", e.g. "holiday-calendar"
    data_key: str  # the key of its data, e.g. "years"
    name: str  # in "This is not a <name> file", e.g. "holiday calendar"
    name_zh: str  # 节假日日历
    short: str  # in "The <short>'s version", e.g. "calendar"
    short_zh: str  # 日历
    not_this_code: str  # the problem code of a file of another kind, e.g. "C001_not_a_calendar"
    version_code: str  # the problem code of a bad version, e.g. "C002_bad_version"


def file_header(document: Any, file: FileKind, refuse: Callable[[str, str, str, str], ReferenceFileError]) -> int:
    """The version of `document` once its kind and keys are those of `file`; else what
    `refuse(code, en, zh, where)` makes of the reason, raised."""
    if not isinstance(document, dict) or set(document) != {"kind", "version", file.data_key}:
        raise refuse(file.not_this_code, f"This is not a {file.name} file: it must be an object with "
                     f"exactly the keys kind, version and {file.data_key}.",
                     f"这不是{file.name_zh}文件：应为只含 kind、version、{file.data_key} 三个键的对象。",
                     "")  # fmt: skip
    if document["kind"] != file.kind:
        raise refuse(file.not_this_code, f"This is not a {file.name} file: its kind must be '{file.kind}'.",
                     f"这不是{file.name_zh}文件：kind 应为“{file.kind}”。", "kind")  # fmt: skip
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(file.version_code, f"The {file.short}'s version must be a whole number from 1 up.",
                     f"{file.short_zh}的版本号应为不小于 1 的整数。", "version")  # fmt: skip
    return version
