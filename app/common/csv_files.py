"""CSV files as people bring them from Excel, and CSV files Excel opens correctly.

Chinese Excel saves "CSV" in the system code page (GBK, which GB18030 extends and decodes the
same) and "CSV UTF-8" with a byte-order mark; both are read. Anything else is refused with a
message that names the file and, where there is one, the line.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.common.bounded_read import read_bounded
from app.errors import InvalidInput

MAX_ROWS = 200_000
# Far above 200,000 rows of client data; stops a wrong file (a video, a disk image) being read.
MAX_BYTES = 256 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Workbooks people pick by mistake: .xlsx is a zip archive, .xls an OLE compound file.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SAVE_AS_CSV = "In Excel choose File › Save As › “CSV UTF-8” (or “CSV”) and import that file."
SAVE_AS_CSV_ZH = "请在 Excel 中选择“文件 › 另存为 › CSV UTF-8”（或“CSV”），再导入该文件。"


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # the file line the record starts on; the header is line 1
    cells: tuple[str, ...]  # exactly one per header


@dataclass(frozen=True)
class CsvTable:
    name: str  # the file's name, for messages and the audit log
    encoding: str  # utf-8 | utf-8-sig | gb18030 (GBK files are read as GB18030)
    headers: tuple[str, ...]
    rows: tuple[CsvRow, ...]  # blank lines are left out; line numbers stay the file's own


def read_csv(source: Path | str | bytes, name: str | None = None) -> CsvTable:
    """Read a whole CSV file (a path, or its bytes with `name` for messages)."""
    if isinstance(source, bytes):
        data, name = source, name or "The file"
    else:
        path = Path(source)
        name = name or path.name
        data = read_bounded(path, name, MAX_BYTES, "a CSV file")
    text, encoding = _decode(data, name)
    headers, rows = _parse(text, name)
    return CsvTable(name, encoding, headers, rows)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise InvalidInput(f"{name} is empty.", zh=f"{name} 是空文件。")
    if data.startswith(UTF16_BOMS):
        raise InvalidInput(f"{name} is saved as “Unicode text” (UTF-16), not CSV.", SAVE_AS_CSV,
                           zh=f"{name} 保存成了“Unicode 文本”（UTF-16），不是 CSV。",
                           hint_zh=SAVE_AS_CSV_ZH)  # fmt: skip
    if data.startswith(WORKBOOK_MAGIC):
        raise InvalidInput(f"{name} is an Excel workbook, not a CSV file.", SAVE_AS_CSV,
                           zh=f"{name} 是 Excel 工作簿，不是 CSV 文件。", hint_zh=SAVE_AS_CSV_ZH)  # fmt: skip
    if b"\x00" in data:
        line = _line_at(data, data.index(0))
        raise InvalidInput(f"{name} is not a text file (line {line}).", SAVE_AS_CSV,
                           zh=f"{name} 不是文本文件（第 {line} 行）。", hint_zh=SAVE_AS_CSV_ZH)  # fmt: skip
    if data.startswith(UTF8_BOM):
        body = data[len(UTF8_BOM) :]
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"{name} says it is UTF-8 but line {_line_at(body, exc.start)} is not.",
                SAVE_AS_CSV,
                zh=f"{name} 标明是 UTF-8，但第 {_line_at(body, exc.start)} 行不是。",
                hint_zh=SAVE_AS_CSV_ZH,
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is neither UTF-8 nor GBK text (line {_line_at(data, exc.start)}).",
            SAVE_AS_CSV,
            zh=f"{name} 既不是 UTF-8 也不是 GBK 文本（第 {_line_at(data, exc.start)} 行）。",
            hint_zh=SAVE_AS_CSV_ZH,
        ) from None


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _parse(text: str, name: str) -> tuple[tuple[str, ...], tuple[CsvRow, ...]]:
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise InvalidInput(f"{name} is not a text file: line {line} holds control characters.", SAVE_AS_CSV,
                           zh=f"{name} 不是文本文件：第 {line} 行含有控制字符。", hint_zh=SAVE_AS_CSV_ZH)  # fmt: skip
    records = _records(text, name)
    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise InvalidInput(
            f"{name} has no header row: line 1 must name the columns.", zh=f"{name} 没有表头：第 1 行必须是各列的名称。"
        )
    headers = tuple(_clean_header(cell) for cell in first[1])
    _refuse_repeated(headers, name)
    rows: list[CsvRow] = []
    width = len(headers)
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width:
            # Excel pads ragged rows with empty cells; only text past the last column is an error.
            if any(cell.strip() for cell in cells[width:]):
                raise InvalidInput(
                    f"{name}, line {line}: {len(cells)} cells, but the header names only {width} columns.",
                    "A comma inside a value needs the value in double quotes; or add the missing header.",
                    zh=f"{name} 第 {line} 行有 {len(cells)} 个单元格，但表头只有 {width} 列。",
                    hint_zh="值中含逗号时须用双引号括起来；或补上缺少的表头。",
                )
            cells = cells[:width]
        rows.append(CsvRow(line, tuple(cells) + ("",) * (width - len(cells))))
        if len(rows) > MAX_ROWS:
            raise InvalidInput(f"{name} has more than {MAX_ROWS:,} rows.", "Split it into smaller files.",
                               zh=f"{name} 超过 {MAX_ROWS:,} 行。", hint_zh="请拆分成较小的文件。")  # fmt: skip
    if not rows:
        raise InvalidInput(f"{name} has a header but no rows to import.", zh=f"{name} 只有表头，没有可导入的行。")
    return headers, tuple(rows)


def _records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span several lines)."""
    # strict: a stray quote is an error to report, not a reason to merge rows silently.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput(f"{name}, line {previous + 1} is not valid CSV ({exc}).",
                               zh=f"{name} 第 {previous + 1} 行不是有效的 CSV。") from None  # fmt: skip
        yield previous + 1, cells
        previous = reader.line_num


def _clean_header(cell: str) -> str:
    # A second byte-order mark (a file saved twice) and full-width spaces come from Excel.
    return cell.replace("\ufeff", "").strip().replace("\u3000", "")


def _refuse_repeated(headers: Sequence[str], name: str) -> None:
    seen: dict[str, int] = {}
    for column, header in enumerate(headers, start=1):
        if header and header in seen:
            raise InvalidInput(
                f"{name}: the column “{header}” appears twice in the header (columns {seen[header]} and {column}).",
                "Rename or delete one of them.",
                zh=f"{name}：表头中“{header}”列出现了两次（第 {seen[header]} 列和第 {column} 列）。",
                hint_zh="请重命名或删除其中一列。",
            )
        seen[header] = column


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it on success and is removed on failure,
    so a cancelled or failed write never leaves half a file under the real name."""
    if path.exists() and not path.is_file():
        # Renaming over a folder fails; over a device or a pipe it would replace it (as root, /dev/null).
        raise InvalidInput(f"{path} is not a regular file (a folder, a device or a pipe).", "Name a file to write.",
                           zh=f"{path} 不是普通文件（而是文件夹、设备或管道）。",
                           hint_zh="请指定要写入的文件。")  # fmt: skip
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield temp
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InvalidInput(f"{path} could not be written ({exc.strerror or exc}).", zh=f"无法写入 {path}。") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_rows(path: Path, rows: Iterable[Sequence[str]], encoding: str) -> int:
    """Write `rows` (the header included) and return how many were written.

    The file is owner-only whatever the umask: every CSV written here holds client data
    (names, and in a revealed export or an import report full ID and phone numbers)."""
    count = 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if hasattr(os, "fchmod"):  # Windows has none; there the user's own folders are private
        os.fchmod(descriptor, 0o600)
    with open(descriptor, "w", encoding=encoding, newline="") as handle:
        # The default dialect is Excel's own: commas, CRLF, quotes only where needed.
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
