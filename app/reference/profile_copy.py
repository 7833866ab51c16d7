"""What every kind of reference data does with the profile's copy: read it back, or fall back to
the shipped data when it is missing or no longer reads (logged), and write a new one atomically
(a temporary file beside it, flushed and synced, then renamed over it: a crash leaves the old
copy or the new one, never half of one); and check a file to import (`newer_file`).

Used by app/reference/held.py (the holiday calendar) and app/reference/products.py (the product
catalogue).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.errors import InvalidInput
from app.rules.reference_file import ReferenceFileError

log = logging.getLogger(__name__)
Data = TypeVar("Data")


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


Held = TypeVar("Held", bound=Versioned)


def read_copy(path: Path, parse: Callable[[bytes], Data], what: str) -> Data | None:
    """The data in the profile's copy at `path`, or None: there is none, or it cannot be read or
    parsed (`parse` raises a ValueError saying why), which is logged and the shipped data used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("%s %s could not be read: %s", what, path, exc)
        return None
    try:
        return parse(raw)
    except ValueError as exc:
        log.warning("%s %s is not valid, the shipped one is used: %s", what, path, exc)
        return None


def write_copy(path: Path, document: dict[str, Any], prefix: str) -> None:
    """Write `document` as JSON to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{prefix}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def newer_file(
    raw: bytes, parse: Callable[[bytes], Held], held: Held, name: str | None, what: str, what_zh: str
) -> Held:
    """The reference file `raw` parsed, to be installed; InvalidInput (nothing changed) when it
    does not parse (`parse` raises ReferenceFileError) or its version is not newer than `held`.
    `name`: the file's path as given (without one, "the file" in each language); `what`: what is
    held, in "not newer than the <what> held" (`what_zh`: 当前<what_zh>)."""
    name, name_zh = (name, name) if name else ("The file", "该文件")
    try:
        incoming = parse(raw)
    except ReferenceFileError as exc:
        raise InvalidInput(f"{name} was not installed: {exc.problem.en}",
                           zh=f"{name_zh} 未安装：{exc.problem.zh_CN}") from None  # fmt: skip
    if incoming.version <= held.version:
        raise InvalidInput(f"{name} was not installed: its version {incoming.version} is not newer than the "
                           f"{what} held (version {held.version}).",
                           zh=f"{name_zh} 未安装：其版本 {incoming.version} "
                           f"不高于当前{what_zh}（版本 {held.version}）。")  # fmt: skip
    return incoming
