"""Settings kept in the profile (issue 15 item 6): what the first-start step and the Settings
dialog save, checked first; the demo profile on a machine without a password store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import app.demo.profile as demo_profile
from app import keys
from app.context import AppContext
from app.credentials import CredentialsUnavailable
from app.errors import InvalidInput
from app.paths import demo_data_dir
from app.profile.settings import PRINT_FONT_KEY, DailyTargets, ManagerProfile, Setup
from app.reports import fonts
from app.store import open_store

MANAGER = ManagerProfile(name=" 王芳 ", code="BJ0107", phone="139 1111 2222", outlet_code="BJ-HD-01",
                         outlets=("BJ-HD-01", "海淀支行营业部", "BJ-HD-01", " "))  # fmt: skip


def test_a_new_profile_asks_for_the_first_start_once(ctx: AppContext) -> None:
    assert ctx.settings.needs_first_start()
    ctx.settings.mark_first_start_done()  # skipped
    assert not ctx.settings.needs_first_start()


def test_a_profile_with_a_manager_already_is_not_asked(ctx: AppContext) -> None:
    ctx.settings.set_manager(ManagerProfile(name="王芳"))
    assert not ctx.settings.needs_first_start()


def test_the_setup_is_saved_trimmed_and_read_back(ctx: AppContext) -> None:
    targets = DailyTargets(visits=6, leaflets=40, prospects=8, sms=25, meetings=5)
    stored = ctx.settings.save_setup(Setup(MANAGER, " https://hq.example.com/ ", targets))

    assert stored == ctx.settings.setup()
    assert stored.manager == ManagerProfile(name="王芳", code="BJ0107", phone="139 1111 2222", outlet_code="BJ-HD-01",
                                            outlets=("BJ-HD-01", "海淀支行营业部"))  # fmt: skip
    assert stored.server_url == "https://hq.example.com" == ctx.settings.server_url()
    assert ctx.settings.targets() == targets
    assert not ctx.settings.needs_first_start()


@pytest.mark.parametrize(
    ("setup", "zh"),
    [
        (Setup(replace(MANAGER, phone="12345")), "不是电话号码"),
        (Setup(MANAGER, "http://hq.example.com"), "https://"),
        (Setup(MANAGER, "hq.example.com"), "不是服务器地址"),
        (Setup(MANAGER, targets=DailyTargets(visits=-1)), "每日目标"),
        (Setup(MANAGER, print_font="/nowhere/font.ttf"), "不能用于打印"),
    ],
)
def test_a_refused_value_saves_nothing_and_says_why_in_chinese(ctx: AppContext, setup: Setup, zh: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        ctx.settings.save_setup(setup)
    assert zh in refused.value.text("zh_CN")
    assert ctx.settings.manager() == ManagerProfile() and ctx.settings.server_url() == ""
    assert ctx.settings.needs_first_start()


def test_the_print_font_goes_where_the_pdfs_read_it(ctx: AppContext) -> None:
    assert PRINT_FONT_KEY == fonts.SETTING_KEY
    usable = next((c for c in map(str, fonts._system_candidates()) if fonts.cjk_font(c).path == c), None)
    if usable is None:
        pytest.skip("no embeddable Chinese TrueType font on this machine")
    ctx.settings.save_setup(Setup(MANAGER, print_font=usable))
    assert fonts.configured_font(ctx.settings).path == usable
    ctx.settings.save_setup(Setup(MANAGER))  # back to the automatic choice
    assert ctx.settings.print_font() == ""


def test_the_demo_profile_opens_without_a_password_store(
    data_dir: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_profile, "DEMO_CLIENTS", 30)
    monkeypatch.setattr(demo_profile, "DEMO_WORKLOG_DAYS", 3)

    target = demo_profile.prepare_demo_profile(data_dir)

    assert target == demo_data_dir(data_dir) and keys.read_mode(target) == keys.PASSPHRASE
    ctx = AppContext(store=open_store(target), is_demo=True)  # as the shell opens it: no passphrase
    try:
        assert not ctx.overview.is_empty()
        assert ctx.settings.manager().name and not ctx.settings.needs_first_start()
    finally:
        ctx.close()
    with pytest.raises(Exception) as wrong:  # the published passphrase is the demo's, not any profile's
        open_store(data_dir)
    assert getattr(wrong.value, "code", "") == "passphrase_needed"


def test_no_password_store_is_said_without_english_in_chinese() -> None:
    said = CredentialsUnavailable("keyring.backends.fail.Keyring is not a secure store").text("zh_CN")
    assert "keyring.backends" not in said and "密码存储" in said
