"""The package carries its own Chinese font, so a PDF looks the same on every laptop.

Each test forgets the font chosen earlier in the process (`fonts._chosen`): the choice is cached.
"""

from __future__ import annotations

import fnmatch
import io
import json
import re
import tomllib
from pathlib import Path

import pypdf
import pytest

from app.context import AppContext
from app.reports import fonts
from app.reports.fonts import BUNDLED_FILE, SETTING_KEY, bundled_font, bundled_licence, cjk_font, configured_font
from app.reports.handover import handover_pdf
from app.reports.render import pdf_page_images
from tests.handover_data import pdf_dict
from tests.test_cli import branchdesk
from tests.test_handover_pdf import ink_fraction, long_view, page_texts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_chosen", {})


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop without a single Chinese font: nothing in the font folders, no fontconfig."""
    monkeypatch.setattr(fonts, "LINUX_DIRS", ())
    monkeypatch.setattr(fonts, "WINDOWS_FILES", ())
    monkeypatch.setenv("PATH", "")


def embedded_fonts(pdf: bytes) -> list[tuple[str, bytes]]:
    """(BaseFont, the embedded TrueType program) of each font with a /FontFile2 on the first page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = []
    for entry in pdf_dict(pdf_dict(reader.pages[0]["/Resources"])["/Font"]).values():
        font = pdf_dict(entry)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            program = descriptor.get_object()["/FontFile2"].get_object().get_data()
            found.append((str(font["/BaseFont"]), program))
    return found


def test_the_font_and_its_licence_are_in_the_package() -> None:
    font, licence = bundled_font(), bundled_licence()
    assert font.is_file() and font.stat().st_size > 1_000_000
    assert "Apache License" in licence.read_text(encoding="utf-8") and "Version 2.0" in licence.read_text()
    copyright_file = font.with_name("COPYRIGHT-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "WenQuanYi" in copyright_file and "Apache-2.0" in copyright_file
    # A wheel built from pyproject carries every file of the folder (setuptools' package-data).
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["resources"]
    for path in font.parent.iterdir():
        if path.is_file():
            assert any(fnmatch.fnmatch(f"fonts/{path.name}", p) for p in patterns), path.name


def test_without_any_system_font_the_pdf_embeds_the_bundled_one(no_system_fonts: None) -> None:
    chosen = cjk_font()
    assert chosen.embedded and chosen.path == str(bundled_font()) and Path(chosen.path).name == BUNDLED_FILE
    assert chosen.reason.startswith("bundled font WenQuanYi Micro Hei") and "embedded as a subset" in chosen.reason
    assert chosen.licence == f"Apache License 2.0 ({bundled_licence()})"
    pdf = handover_pdf(long_view(3), chosen)
    ((base_font, program),) = embedded_fonts(pdf)
    assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei(-0)?", base_font), base_font
    # A subset: the glyphs used, not the 5 MB file.
    assert 1_000 < len(program) < 300_000
    (text,) = page_texts(pdf)
    for expected in ("投保资料交接清单", "王芳（BJ0107）", "建国门支行（BJ-JGM）", "客户01", "第 1 页 / 共 1 页"):
        assert expected in text, expected
    (page,) = pdf_page_images(pdf, dpi=72)
    assert ink_fraction(page.crop((0, 0, page.width // 3, page.height // 14))) > 0.005  # the title is drawn


def test_the_bundled_font_comes_before_the_systems() -> None:
    # Whatever this machine has installed (WenQuanYi, Noto, Droid), the carried file is used.
    assert cjk_font().path == str(bundled_font())


def test_a_font_set_in_settings_still_wins(ctx: AppContext, tmp_path: Path) -> None:
    mine = tmp_path / "my-company-font.ttc"
    mine.write_bytes(bundled_font().read_bytes())
    ctx.settings.set(SETTING_KEY, str(mine))
    chosen = configured_font(ctx.settings)
    assert chosen.path == str(mine) and chosen.reason.startswith(SETTING_KEY) and chosen.licence == ""
    ctx.settings.set(SETTING_KEY, "/nowhere/simsun.ttc")
    fallback = configured_font(ctx.settings)
    assert fallback.path == str(bundled_font())
    assert "skipped print.font_path /nowhere/simsun.ttc (no such file)" in fallback.reason


def test_a_damaged_install_without_the_file_falls_back_to_the_system_search(
    monkeypatch: pytest.MonkeyPatch, no_system_fonts: None
) -> None:
    monkeypatch.setattr(fonts, "BUNDLED_FILE", "gone.ttc")
    chosen = cjk_font()
    assert chosen.path is None and not chosen.embedded
    assert "skipped bundled" in chosen.reason and "gone.ttc (no such file)" in chosen.reason


def test_doctor_names_the_font_file_and_its_licence(data_dir: Path) -> None:
    text = branchdesk("--data-dir", str(data_dir), "doctor")
    assert text.returncode == 0, text.stderr
    assert f"print font:      bundled font WenQuanYi Micro Hei {bundled_font()}: embedded as a subset" in text.stdout
    assert f"font licence:    Apache License 2.0 ({bundled_licence()})" in text.stdout
    report = json.loads(branchdesk("--data-dir", str(data_dir), "doctor", "--json").stdout)["print_font"]
    assert report["path"] == str(bundled_font()) and report["embedded"] is True
    assert report["licence"].startswith("Apache License 2.0")
