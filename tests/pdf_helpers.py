"""Reading a printed form back in tests: its one A4 page's text (pypdf), and the page rendered to
a PNG with pdftoppm where poppler-utils is installed (`BRANCHDESK_PNG_DIR` keeps it to look at).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pypdf

A4 = (595, 842)  # points
PNG_DIR = os.environ.get("BRANCHDESK_PNG_DIR")  # keep the rendered pages here to look at


def one_a4_page_text(pdf: bytes) -> str:
    """The text of `pdf`, which must be one A4 page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    return reader.pages[0].extract_text()


def rendered_page(pdf: Path, name: str, folder: Path, dpi: int = 60) -> Path | None:
    """The first page of `pdf` as `<name>-1.png` (in BRANCHDESK_PNG_DIR when set, else `folder`),
    or None when pdftoppm is not installed."""
    if shutil.which("pdftoppm") is None:
        return None
    target = Path(PNG_DIR) if PNG_DIR else folder
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(target / name)], check=True, timeout=60)
    return target / f"{name}-1.png"
