"""The app's colours, in one place: a light and a dark palette, and the STATE colours every page
uses for the same meaning (overdue, draft, sent, rejected, done…).

The style sheet (resources/style/branchdesk.qss) is a template filled from the palette in force
(ui/shell/look.py); item models and painted widgets ask `state_colour(...)` / `colour(...)`, so
a red in the Today list and a red in the Receipts list are the same red, light or dark.
Labels take a tone with `set_tone(label, "problem")` instead of a colour of their own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

Scheme = Literal["light", "dark"]
# What a line or a label can say with its colour; the names are the style sheet's `tone` values.
State = Literal["overdue", "draft", "sent", "rejected", "done", "muted", "problem", "warning", "ok"]
STATES: tuple[State, ...] = ("overdue", "draft", "sent", "rejected", "done", "muted", "problem", "warning", "ok")


@dataclass(frozen=True)
class Palette:
    # Surfaces and text
    window: str
    surface: str
    alternate: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    selection: str
    selection_text: str
    nav_background: str
    nav_text: str
    nav_selected: str
    nav_selected_text: str
    banner_background: str
    banner_text: str
    banner_border: str
    # States: one colour per meaning, everywhere
    overdue: str
    draft: str
    sent: str
    rejected: str
    done: str
    problem: str
    warning: str
    ok: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


LIGHT = Palette(
    window="#f6f7f9",
    surface="#ffffff",
    alternate="#f8f9fb",
    text="#202124",
    muted="#5f6368",
    border="#d5d9de",
    accent="#1a73e8",
    accent_text="#ffffff",
    selection="#d2e3fc",
    selection_text="#0b3a82",
    nav_background="#eceff3",
    nav_text="#3c4043",
    nav_selected="#d2e3fc",
    nav_selected_text="#174ea6",
    banner_background="#fef7e0",
    banner_text="#7a4a00",
    banner_border="#f9d67a",
    overdue="#c5221f",
    draft="#8a5300",
    sent="#1967d2",
    rejected="#a50e0e",
    done="#188038",
    problem="#c5221f",
    warning="#a35200",
    ok="#188038",
)

DARK = Palette(
    window="#1e1f22",
    surface="#26272b",
    alternate="#2b2c31",
    text="#e8eaed",
    muted="#9aa0a6",
    border="#3f4246",
    accent="#8ab4f8",
    accent_text="#0b1a33",
    selection="#35435a",
    selection_text="#e8f0fe",
    nav_background="#17181a",
    nav_text="#d5d8dc",
    nav_selected="#35435a",
    nav_selected_text="#d2e3fc",
    banner_background="#3d3212",
    banner_text="#fde293",
    banner_border="#7a6421",
    overdue="#f28b82",
    draft="#fdd663",
    sent="#8ab4f8",
    rejected="#ee675c",
    done="#81c995",
    problem="#f28b82",
    warning="#fcad70",
    ok="#81c995",
)

PALETTES: dict[Scheme, Palette] = {"light": LIGHT, "dark": DARK}
_current: list[Scheme] = ["light"]


def current_scheme() -> Scheme:
    return _current[0]


def set_scheme(scheme: Scheme) -> None:
    """Called by the shell when it applies the style sheet (at start and when the system switches)."""
    _current[0] = scheme


def current() -> Palette:
    return PALETTES[_current[0]]


def colour(name: str) -> QColor:
    """A palette entry by name ("muted", "border"…) of the scheme in force."""
    return QColor(current().as_dict()[name])


def state_colour(state: State) -> QColor:
    """The one colour of a state (overdue, draft, sent, rejected, done, muted, problem, warning, ok)."""
    if state == "muted":
        return QColor(current().muted)
    return QColor(getattr(current(), state))


def set_tone(widget: QWidget, tone: State | None) -> None:
    """Colour a label (or any widget) by meaning: the style sheet's `[tone="problem"]` rules.
    None takes the tone away. Re-polishes, so a tone that changes after the widget was shown shows."""
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone or "")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
