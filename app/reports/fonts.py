"""A Chinese font for the PDFs, embedded so the paper looks the same from any viewer or printer.

reportlab embeds (as a subset) only TrueType-outline fonts: its TTFont refuses CFF-flavoured
OpenType, which is what Noto Sans/Serif CJK usually are.  So the search is:

1. the file set in the profile's settings (`print.font_path`): the manager's choice wins;
2. the font the package carries (resources/fonts: WenQuanYi Micro Hei, Apache-2.0), so every
   laptop prints the same page whatever it has installed;
3. only if that file is missing (a damaged install): Windows' SimSun / Microsoft YaHei / SimHei;
   TrueType CJK fonts of Linux distributions (WenQuanYi, AR PL, Droid fallback), then anything
   else fontconfig lists for Chinese, each tried and skipped if reportlab cannot embed it;
4. reportlab's built-in `STSong-Light` CID font: always there, but *not* embedded, so a viewer
   without an Asian font pack may show blanks.  `FontChoice.reason` says so, for `doctor`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

if TYPE_CHECKING:
    from app.profile.settings import SettingsService

SETTING_KEY = "print.font_path"
BUILTIN_CID = "STSong-Light"
PROBE = "交接清单"  # a font without these glyphs is no use for our forms
WINDOWS_FILES = ("simsun.ttc", "msyh.ttc", "msyh.ttf", "simhei.ttf")
LINUX_FILES = (
    "wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc", "ukai.ttc",
    "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
)  # fmt: skip
LINUX_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
FC_LIST_TIMEOUT_S = 5
# The font the package carries (resources/fonts/README.txt says where it comes from).
BUNDLED_FILE = "wqy-microhei.ttc"
BUNDLED_FAMILY = "WenQuanYi Micro Hei"
BUNDLED_LICENCE = "Apache License 2.0"
BUNDLED_LICENCE_FILE = "LICENSE-Apache-2.0.txt"


def bundled_font() -> Path:
    """Where the carried font is: in the package (the PyInstaller bundle carries resources/ too)."""
    return Path(str(resources.files("resources").joinpath("fonts", BUNDLED_FILE)))


def bundled_licence() -> Path:
    return bundled_font().with_name(BUNDLED_LICENCE_FILE)


@dataclass(frozen=True)
class FontChoice:
    name: str  # as registered with reportlab, for styles and canvas.setFont
    path: str | None  # the file embedded; None for the built-in CID font
    embedded: bool
    reason: str  # which font and why, with what was skipped: shown by `doctor`
    licence: str = ""  # the carried font's licence and its file; "" for a file of the user's or the system's


class _Unusable(Exception):
    pass


def _windows_candidates() -> Iterator[Path]:
    roots = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        roots.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    for name in WINDOWS_FILES:
        for root in roots:
            yield root / name


def _linux_candidates() -> Iterator[Path]:
    found: dict[str, Path] = {}
    for root in LINUX_DIRS:
        for folder, _dirs, files in os.walk(Path(root).expanduser()):
            for file in files:
                found.setdefault(file, Path(folder) / file)
    for name in LINUX_FILES:
        if name in found:
            yield found[name]
    yield from _fontconfig_chinese()


def _fontconfig_chinese() -> Iterator[Path]:
    """Whatever else fontconfig knows for Chinese; most will be CFF and skipped."""
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=FC_LIST_TIMEOUT_S, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    for line in sorted(listing.splitlines()):
        path = line.strip().rstrip(":")
        if path.lower().endswith((".ttf", ".ttc", ".otf")):
            yield Path(path)


def _system_candidates() -> Iterator[Path]:
    if sys.platform == "win32":
        yield from _windows_candidates()
    else:
        yield from _linux_candidates()


def _register(path: Path) -> str:
    """Registers the file's first face; raises _Unusable with the reason it cannot be embedded."""
    if not path.is_file():
        raise _Unusable("no such file")
    name = "CJK-" + hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except Exception as error:  # reportlab raises TTFError, but also struct/Index errors on odd files
        raise _Unusable(str(error) or type(error).__name__) from error
    missing = [ch for ch in PROBE if ord(ch) not in font.face.charToGlyph]
    if missing:
        raise _Unusable(f"no Chinese glyphs ({''.join(missing)})")
    pdfmetrics.registerFont(font)
    return name


def _choose(configured: str | None) -> FontChoice:
    skipped: list[str] = []
    if configured:
        try:
            name = _register(Path(configured).expanduser())
            return FontChoice(name, str(configured), True, f"{SETTING_KEY} {configured}: embedded as a subset")
        except _Unusable as why:
            skipped.append(f"{SETTING_KEY} {configured} ({why})")
    bundled = bundled_font()
    try:
        name = _register(bundled)
    except _Unusable as why:
        skipped.append(f"bundled {bundled} ({why})")
    else:
        note = f"; skipped {', '.join(skipped)}" if skipped else ""
        return FontChoice(name, str(bundled), True,
                          f"bundled font {BUNDLED_FAMILY} {bundled}: embedded as a subset{note}",
                          f"{BUNDLED_LICENCE} ({bundled_licence()})")  # fmt: skip
    tried: set[Path] = set()
    for path in _system_candidates():
        if path in tried:
            continue
        tried.add(path)
        try:
            name = _register(path)
        except _Unusable as why:
            if path.exists():
                skipped.append(f"{path} ({why})")
            continue
        note = f"; skipped {', '.join(skipped)}" if skipped else ""
        return FontChoice(name, str(path), True, f"system font {path}: embedded as a subset{note}")
    pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_CID))
    note = f"; skipped {', '.join(skipped)}" if skipped else ""
    return FontChoice(
        BUILTIN_CID, None, False,
        f"no embeddable TrueType CJK font found, using reportlab's built-in {BUILTIN_CID} (not embedded: "
        f"a viewer without Chinese fonts may show blanks; install fonts-wqy-microhei or set {SETTING_KEY}){note}",
    )  # fmt: skip


_lock = threading.Lock()
_chosen: dict[str | None, FontChoice] = {}


def cjk_font(configured: str | None = None) -> FontChoice:
    """The font for our PDFs, registered with reportlab; searched once per process and path."""
    with _lock:
        if configured not in _chosen:
            _chosen[configured] = _choose(configured)
        return _chosen[configured]


def configured_font(settings: SettingsService) -> FontChoice:
    """`cjk_font` for the path set in the profile's settings, if any."""
    configured = settings.get(SETTING_KEY)
    return cjk_font(str(configured) if configured else None)


# Families a manager's laptop may have, as a settings list names them (the file names, e.g.
# NotoSansCJK-Regular.ttc, mean nothing on a Chinese screen).
KNOWN_FAMILIES = (
    ("notosanscjk", "Noto Sans CJK", "思源黑体"),
    ("sourcehansans", "Source Han Sans", "思源黑体"),
    ("notoserifcjk", "Noto Serif CJK", "思源宋体"),
    ("sourcehanserif", "Source Han Serif", "思源宋体"),
    ("wqy-microhei", "WenQuanYi Micro Hei", "文泉驿微米黑"),
    ("wqy-zenhei", "WenQuanYi Zen Hei", "文泉驿正黑"),
    ("droidsansfallback", "Droid Sans Fallback", "后备黑体"),
    ("msyh", "Microsoft YaHei", "微软雅黑"),
    ("simsun", "SimSun", "宋体"),
    ("simhei", "SimHei", "黑体"),
    ("pingfang", "PingFang SC", "苹方"),
)


def font_label(path: str, language: str = "zh_CN") -> str:
    """A font file as the settings list shows it: the family in the screen's language (bold
    said), or the file's own name for a family not known here."""
    name = Path(path).name
    stem = name.lower().replace("_", "-")
    for key, english, chinese in KNOWN_FAMILIES:
        if stem.startswith(key):
            bold = "bold" in stem or stem.startswith("msyhbd")
            if language == "zh_CN":
                return chinese + ("（粗体）" if bold else "")
            return english + (" Bold" if bold else "")
    return name
