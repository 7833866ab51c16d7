"""Reading a file the user named, within a size limit: a device (/dev/zero, a disk) never ends and
is never what was meant; a pipe has no size to check first, so it is read up to the limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.errors import InvalidInput


def read_bounded(path: Path, name: str, limit: int, kind: str) -> bytes:
    """The file's bytes, or InvalidInput when it is missing, a folder, a device or over `limit`;
    `kind` names what the file should be ("a CSV file", "a proposal")."""
    try:
        with path.open("rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise InvalidInput(f"{name} is a device, not {kind}.", "Check that you picked the right file.",
                                   zh=f"{name} 是设备，不是所需的文件。", hint_zh="请确认选对了文件。")  # fmt: skip
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(f"{name} does not exist.", zh=f"{name} 不存在。") from None
    except IsADirectoryError:
        raise InvalidInput(f"{name} is a folder, not {kind}.", zh=f"{name} 是文件夹，不是所需的文件。") from None
    except OSError as exc:
        raise InvalidInput(f"{name} could not be read ({exc.strerror or exc}).", zh=f"无法读取 {name}。") from None
    if len(data) > limit:
        raise InvalidInput(f"{name} is larger than {limit // 2**20} MB; it is not {kind}.",
                           "Check that you picked the right file.",
                           zh=f"{name} 超过 {limit // 2**20} MB，不是所需的文件。",
                           hint_zh="请确认选对了文件。")  # fmt: skip
    return data
