"""zh_CN: every string in the UI has a finished translation, and it is what the user sees."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from tests.ui.conftest import some
from ui.common.i18n import choose_language
from ui.shell.application import Shell

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "branchdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def ui_sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))


def test_every_ui_string_is_in_the_ts_file_and_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *ui_sources(), "-ts", str(fresh)], check=True, capture_output=True)
    # A message is its context, text and disambiguation comment, as Qt looks it up.
    wanted = {
        (ctx.findtext("name"), m.findtext("source"), m.findtext("comment"))
        for ctx in ET.parse(fresh).iter("context")
        for m in ctx.iter("message")
    }
    have = {}
    for ctx in ET.parse(TS).iter("context"):
        for message in ctx.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            text = (translation.text or "").strip() or "".join(n.text or "" for n in translation.iter("numerusform"))
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            key = (ctx.findtext("name"), message.findtext("source"), message.findtext("comment"))
            have[key] = finished and bool(text.strip())
    missing = sorted(wanted - set(have))
    unfinished = sorted(key for key in wanted if have.get(key) is False)
    assert not missing, f"run `make translations` and translate: {missing}"
    assert not unfinished, f"untranslated in {TS.name}: {unfinished}"


def test_compiled_qm_is_up_to_date(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(rebuilt)], check=True, capture_output=True)
    assert rebuilt.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_chinese_user_sees_chinese(qtbot: QtBot, chinese: None, ui_settings: QSettings, data_dir: Path) -> None:
    shell = Shell(ui_settings)
    try:
        with qtbot.waitSignal(shell.profile_did_open, timeout=20_000):
            shell.start(data_dir)
        window = shell.window
        assert window.windowTitle() == "网点工作台"
        assert [some(window.nav.item(i)).text() for i in range(6)] == [
            "今日",
            "拜访计划",
            "客户",
            "投保单",
            "保单回执",
            "同步",
        ]
        assert window.today.demo_offer.button.text() == "打开演示档案(&E)"
        qtbot.waitUntil(lambda: window.status.outbox_label.text() == "待发送：0 项")
        assert "年" in window.today.blurb.text()  # the date in Chinese long format
    finally:
        shell.close()


def test_qt_own_buttons_are_translated_too(chinese: None) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_language_choice() -> None:
    assert choose_language("zh_CN") == "zh_CN"
    assert choose_language("en") == "en"
