"""Icons from a maintained set (qtawesome: Font Awesome and Material Design icons drawn from
fonts it ships), coloured from the palette in force. Nothing is drawn by hand, and they render
offscreen (tests, screenshots) like on screen.

Names are qtawesome's ("fa5s.receipt"); browse them with `qta-browser`.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QIcon

from ui.common.palette import State, current, state_colour

# qtawesome reaches Qt through QtPy, which would take PyQt5 first if it were installed too.
os.environ.setdefault("QT_API", "pyside6")
import qtawesome


def icon(name: str, tone: State | None = None) -> QIcon:
    """The icon `name` in the text colour (or a state's colour), the accent when selected."""
    colours = current()
    colour = state_colour(tone).name() if tone else colours.nav_text
    return qtawesome.icon(name, color=colour, color_active=colours.accent, color_selected=colours.nav_selected_text)
