"""IT's site file (app/profile/site_config.py): each key's effective value, locks, and every bad
file refused at start with its file, key and reason in both languages (the real CLI exits 2)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.context import AppContext
from app.errors import InvalidInput
from app.headoffice.service import CA_BUNDLE_KEY
from app.profile.lock import IDLE_KEY, LockService
from app.profile.settings import SettingsService, Setup
from app.profile.site_config import (
    ENV_SITE_CONFIG,
    USER_KEYS,
    SettingLocked,
    SiteConfig,
    SiteConfigError,
    hold_site_config,
    load_site_config,
    site_config_file,
)

BRANCHDESK = str(Path(sys.executable).with_name("branchdesk"))
HQ = "https://hq.bank.example"
UPDATES = "https://it.bank.example/branchdesk"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    path = tmp_path / "bank-ca.pem"
    path.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    return path


def site_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def site(tmp_path: Path, text: str) -> SiteConfig:
    return load_site_config(site_file(tmp_path, text))


def test_the_file_is_in_the_platforms_site_config_folder_or_where_the_variable_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert site_config_file() == tmp_path / "etc-xdg" / "BranchDesk" / "site.toml"
    assert load_site_config() == SiteConfig()  # none there: nothing set by IT
    monkeypatch.setenv(ENV_SITE_CONFIG, str(tmp_path / "elsewhere.toml"))
    assert site_config_file() == tmp_path / "elsewhere.toml"


def test_keys_name_the_settings_the_app_reads() -> None:
    assert USER_KEYS["ca_bundle"] == CA_BUNDLE_KEY


def test_a_full_file_is_read(tmp_path: Path, bundle: Path) -> None:
    config = site(tmp_path, f'head_office_url = "{HQ}/"\nca_bundle = "{bundle.name}"\n'
                            f'idle_lock_max_minutes = 15\nupdate_url = "{UPDATES}"\n'
                            'locked = ["head_office_url", "ca_bundle"]\n')  # fmt: skip
    assert config.head_office_url == HQ  # as the login keeps it: no trailing slash
    assert config.ca_bundle == str(bundle)  # a relative path is beside the site file
    assert config.idle_lock_max_minutes == 15
    assert config.update_url == UPDATES
    assert config.locked == {"head_office_url", "ca_bundle"}


@pytest.mark.parametrize(
    ("setting", "site_key", "own", "given"),
    [("server_url", "head_office_url", "https://own.example", HQ),
     (CA_BUNDLE_KEY, "ca_bundle", "/own/ca.pem", "BUNDLE"),
     ("update_url", "update_url", "https://own.example/new", UPDATES)],
)  # fmt: skip
def test_each_key_is_a_default_the_users_own_value_overrides_unless_locked(
    ctx: AppContext, tmp_path: Path, bundle: Path, setting: str, site_key: str, own: str, given: str
) -> None:
    value = str(bundle) if given == "BUNDLE" else given
    line = f'{site_key} = "{value}"\n'
    free = SettingsService(ctx.store.sessions, site(tmp_path, line))
    locked = SettingsService(ctx.store.sessions, site(tmp_path, line + f'locked = ["{site_key}"]\n'))
    nothing = SettingsService(ctx.store.sessions, SiteConfig())
    assert free.get(setting, "") == value  # no own value: the site's is the default
    assert nothing.get(setting, "") == ""  # no site file: the built-in default
    nothing.set(setting, own)
    assert free.get(setting) == own
    assert locked.get(setting) == value
    assert locked.is_locked(setting) and not free.is_locked(setting)
    with pytest.raises(SettingLocked) as refused:
        locked.set(setting, "https://another.example")
    assert "信息科技部" in refused.value.text("zh_CN")
    locked.set(setting, value)  # the same value: passed over, the user's own kept
    assert nothing.get(setting) == own


def test_the_site_default_is_not_stored_as_the_users_own(ctx: AppContext, tmp_path: Path) -> None:
    """Saving the Settings dialog as shown keeps following IT: a new site address shows through."""
    settings = SettingsService(ctx.store.sessions, site(tmp_path, f'head_office_url = "{HQ}"\n'))
    settings.save_setup(settings.setup())
    moved = SettingsService(ctx.store.sessions, site(tmp_path, 'head_office_url = "https://hq2.bank.example"\n'))
    assert moved.server_url() == "https://hq2.bank.example"


def test_saving_a_locked_address_that_differs_saves_nothing(ctx: AppContext, tmp_path: Path) -> None:
    settings = SettingsService(ctx.store.sessions, site(tmp_path, f'head_office_url = "{HQ}"\nlocked = '
                                                                  '["head_office_url"]\n'))  # fmt: skip
    setup = settings.setup()
    assert setup.server_url == HQ
    with pytest.raises(SettingLocked):
        settings.save_setup(Setup(setup.manager.__class__(name="王芳"), "https://other.example"))
    assert settings.manager().name == ""  # one transaction: nothing of it was kept
    assert not settings.first_start_done()


def test_the_idle_time_is_clamped_to_the_site_maximum(ctx: AppContext, tmp_path: Path) -> None:
    capped = LockService(SettingsService(ctx.store.sessions, site(tmp_path, "idle_lock_max_minutes = 15\n")))
    plain = LockService(SettingsService(ctx.store.sessions, SiteConfig()))
    assert capped.idle_minutes() == 10  # the built-in 10 is within 15
    plain.set_idle_minutes(60)
    assert capped.idle_minutes() == 15
    plain.set_idle_minutes(0)  # never: not allowed under a maximum
    assert capped.idle_minutes() == 15
    with pytest.raises(InvalidInput) as refused:
        capped.set_idle_minutes(20)
    assert "15" in refused.value.text("zh_CN") and "信息科技部" in refused.value.text("zh_CN")
    with pytest.raises(InvalidInput):
        capped.set_idle_minutes(0)
    capped.set_idle_minutes(5)
    assert capped.idle_minutes() == 5 and capped.idle_limit().maximum == 15


def test_a_locked_idle_time_is_the_maximum(ctx: AppContext, tmp_path: Path) -> None:
    config = site(tmp_path, 'idle_lock_max_minutes = 15\nlocked = ["idle_lock_max_minutes"]\n')
    locked = LockService(SettingsService(ctx.store.sessions, config))
    plain = LockService(SettingsService(ctx.store.sessions, SiteConfig()))
    plain.set_idle_minutes(5)
    assert locked.idle_minutes() == 15 and locked.idle_limit().locked
    with pytest.raises(SettingLocked):
        locked.set_idle_minutes(5)
    locked.set_idle_minutes(15)
    assert plain.idle_minutes() == 5  # the user's own, back when IT lifts the lock


BAD_FILES = [
    # (file text, key named, English reason, Chinese reason)
    ('head_office_url = "https://hq.example\n', None, "not TOML", "不是有效的 TOML 格式（第 1 行"),
    ('server = "https://hq.example"\n', "server", "no such setting", "没有这一设置项"),
    ("[head_office]\nurl = 1\n", "head_office", "no such setting", "没有这一设置项"),
    ("head_office_url = 42\n", "head_office_url", "must be a text", "应为文本"),
    ('head_office_url = "http://hq.example"\n', "head_office_url", "uses http://", "使用 http://"),
    ('head_office_url = "hq.example"\n', "head_office_url", "is not an address", "不是形如"),
    ('update_url = "https://it.example/?v=1"\n', "update_url", "query", "查询参数"),
    ('update_url = ""\n', "update_url", "is empty", "值为空"),
    ('ca_bundle = "/nowhere/ca.pem"\n', "ca_bundle", "/nowhere/ca.pem does not exist",
     "证书文件 /nowhere/ca.pem 不存在"),
    ('idle_lock_max_minutes = "15"\n', "idle_lock_max_minutes", "whole number", "整数分钟数"),
    ("idle_lock_max_minutes = true\n", "idle_lock_max_minutes", "whole number", "整数分钟数"),
    ("idle_lock_max_minutes = 0\n", "idle_lock_max_minutes", "1 to 240", "1 到 240"),
    ("idle_lock_max_minutes = 15\nlocked = [\"idle\"]\n", "locked", "'idle'", "'idle' 不是设置项"),
    ('locked = "update_url"\n', "locked", "a list of key names", "键名列表"),
    ('locked = ["update_url"]\n', "locked", "locks update_url", "锁定了 update_url"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key", "en", "zh"), BAD_FILES)
def test_a_bad_file_is_refused_naming_the_file_the_key_and_why(
    tmp_path: Path, text: str, key: str | None, en: str, zh: str
) -> None:
    path = site_file(tmp_path, text)
    with pytest.raises(SiteConfigError) as refused:
        load_site_config(path)
    error = refused.value
    assert error.key == key and error.path == path
    for language, reason in (("en", en), ("zh_CN", zh)):
        said = error.text(language)
        assert str(path) in said and reason in said
        assert key is None or key in said
    assert "信息科技部" in error.text("zh_CN") and "IT department" in error.text("en")


def test_a_file_that_is_not_utf8_or_missing_where_named_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "site.toml"
    path.write_bytes('head_office_url = "https://总部.example"\n'.encode("gbk"))
    with pytest.raises(SiteConfigError, match="UTF-8"):
        load_site_config(path)
    monkeypatch.setenv(ENV_SITE_CONFIG, str(tmp_path / "typo.toml"))
    with pytest.raises(SiteConfigError, match="does not exist"):
        load_site_config()


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_cli_refuses_a_bad_file_with_exit_2_and_keeps_the_users_settings(data_dir: Path, tmp_path: Path) -> None:
    ctx = AppContext.open(data_dir)
    ctx.settings.set("server_url", "https://own.example")
    LockService(ctx.settings).set_idle_minutes(30)
    ctx.close()
    before = _files(data_dir)
    path = site_file(tmp_path, 'head_office_url = "http://hq.bank.example"\nlocked = ["head_office_url"]\n')
    env = {**os.environ, ENV_SITE_CONFIG: str(path)}
    result = subprocess.run([BRANCHDESK, "--data-dir", str(data_dir), "doctor"], capture_output=True, text=True,
                            timeout=120, env=env)  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert str(path) in result.stderr and "head_office_url" in result.stderr
    assert "uses http://" in result.stderr and "使用 http://" in result.stderr  # both languages
    assert _files(data_dir) == before  # the profile was not even opened
    ctx = AppContext.open(data_dir)
    try:
        assert ctx.settings.server_url() == "https://own.example"
        assert ctx.settings.get(IDLE_KEY) == 30
    finally:
        ctx.close()


def test_the_cli_says_it_in_the_language_asked_for(tmp_path: Path) -> None:
    path = site_file(tmp_path, "idle_lock_max_minutes = 999\n")
    env = {**os.environ, ENV_SITE_CONFIG: str(path)}
    command = [BRANCHDESK, "--data-dir", str(tmp_path / "p"), "proposal", "check", "--lang", "zh_CN", "x.json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 2
    assert "闲置锁定最长时间（idle_lock_max_minutes）" in result.stderr and "IT department" not in result.stderr


def test_a_good_file_is_used_by_the_cli_and_leaves_the_users_settings_alone(
    data_dir: Path, tmp_path: Path, bundle: Path
) -> None:
    ctx = AppContext.open(data_dir)
    ctx.settings.set(CA_BUNDLE_KEY, "/own/ca.pem")
    ctx.close()
    path = site_file(tmp_path, f'head_office_url = "{HQ}"\nca_bundle = "{bundle}"\nlocked = ["ca_bundle"]\n')
    env = {**os.environ, ENV_SITE_CONFIG: str(path)}
    result = subprocess.run([BRANCHDESK, "--data-dir", str(data_dir), "doctor"], capture_output=True, text=True,
                            timeout=120, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    ctx = AppContext.open(data_dir)
    try:
        own = SettingsService(ctx.store.sessions, SiteConfig())
        assert own.get(CA_BUNDLE_KEY) == "/own/ca.pem" and own.server_url() == ""
    finally:
        ctx.close()


def test_the_update_address_is_read_from_the_held_file(ctx: AppContext, tmp_path: Path) -> None:
    from app.profile.site_config import update_url

    assert update_url() == "" == ctx.settings.update_url()  # no site file
    hold_site_config(site(tmp_path, f'update_url = "{UPDATES}"\n'))
    assert update_url() == UPDATES == ctx.settings.update_url()


def test_a_locked_address_is_the_only_one_a_login_may_send_the_token_to(ctx: AppContext, tmp_path: Path) -> None:
    """The CLI's `login --server` names an address itself: with IT's locked, another is refused
    before anything is sent (the GUI's field is read-only)."""
    hold_site_config(site(tmp_path, f'head_office_url = "{HQ}"\nlocked = ["head_office_url"]\n'))
    with pytest.raises(SettingLocked) as refused:
        ctx.sync.login("https://elsewhere.example", "BJ0107", "a-token")
    assert refused.value.key == "head_office_url" and "信息科技部" in refused.value.message_zh
    assert ctx.settings.server_url() == HQ and not ctx.sync.login_state().has_token
