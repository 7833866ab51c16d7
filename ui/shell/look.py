"""The app's look, applied once at start: the CJK UI font, the Fusion style with the palette of
the system's colour scheme (light or dark, ui/common/palette.py), and the one style sheet
(resources/style/branchdesk.qss, a template filled from that palette). When the system switches
between light and dark while the app runs, the look follows.
"""

from __future__ import annotations

import os
from importlib.resources import files
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.reports.fonts import bundled_font
from ui.common.palette import PALETTES, Palette, Scheme, set_scheme

# The first installed of these is the UI font: Windows' YaHei, macOS' PingFang, then the Linux
# CJK families; all have Latin letters and digits drawn to match the Chinese.
UI_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)
BODY_POINT_SIZE = 10.0
SCHEME_ENV = "BRANCHDESK_COLOR_SCHEME"
_following: list[bool] = [False]


def ui_font_family() -> str | None:
    """The first of UI_FONTS installed here; else the one the package carries (the PDFs' font),
    so a laptop with no Chinese font still shows Chinese, not boxes; None if even that fails."""
    installed = set(QFontDatabase.families())
    found = next((family for family in UI_FONTS if family in installed), None)
    if found is not None:
        return found
    loaded = QFontDatabase.addApplicationFont(str(bundled_font()))
    families = QFontDatabase.applicationFontFamilies(loaded) if loaded >= 0 else []
    return families[0] if families else None


def system_scheme() -> Scheme:
    """The system's light or dark; BRANCHDESK_COLOR_SCHEME=light|dark forces one (screenshots,
    desktops that do not tell Qt)."""
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced in ("light", "dark"):
        return "dark" if forced == "dark" else "light"
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def style_sheet(scheme: Scheme) -> str:
    """The style sheet filled with the scheme's palette (a missing palette name raises KeyError)."""
    template = (files("resources") / "style" / "branchdesk.qss").read_text(encoding="utf-8")
    return Template(template).substitute(PALETTES[scheme].as_dict())


def qt_palette(colours: Palette) -> QPalette:
    """Qt's palette for the widgets the style sheet does not reach (and for Fusion's drawing)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: colours.surface,
        QPalette.ColorRole.AlternateBase: colours.alternate,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.Button: colours.surface,
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.ToolTipBase: colours.surface,
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.PlaceholderText: colours.muted,
        QPalette.ColorRole.Highlight: colours.selection,
        QPalette.ColorRole.HighlightedText: colours.selection_text,
        QPalette.ColorRole.Link: colours.accent,
        QPalette.ColorRole.Mid: colours.border,
        QPalette.ColorRole.Midlight: colours.alternate,
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours.muted))
    return palette


def apply_look(app: QApplication, scheme: Scheme | None = None) -> Scheme:
    """Font, style, palette and style sheet for `scheme` (the system's when None); returns it.
    The first call also makes the look follow the system's light/dark switches from then on."""
    chosen = scheme or system_scheme()
    family = ui_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSizeF(BODY_POINT_SIZE)
    app.setFont(font)
    app.setStyle("Fusion")
    set_scheme(chosen)
    app.setPalette(qt_palette(PALETTES[chosen]))
    app.setStyleSheet(style_sheet(chosen))
    if not _following[0]:
        _following[0] = True
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_look(app))
    return chosen
