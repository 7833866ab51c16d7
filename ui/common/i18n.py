"""Pick and install the UI language: --lang, else the system locale (zh* → zh_CN)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

SUPPORTED = ("en", "zh_CN")


def choose_language(forced: str | None) -> str:
    if forced:
        return forced
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current_language() -> str:
    """The language the UI is showing (install_translators sets the default locale to it), for
    the core's bilingual messages."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Returns the translators so the caller keeps them alive (Qt does not own them)."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    ours = QTranslator(app)
    qm = files("resources") / "i18n" / f"branchdesk_{language}.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    # Qt's own strings (OK/Cancel, file dialogs) come from the translations PySide6 ships.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed
