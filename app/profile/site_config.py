"""Settings IT sets for the whole computer: `site.toml` in the platform's site config folder.

The bank's IT department deploys one file per laptop (Linux /etc/xdg/BranchDesk/site.toml,
Windows C:\\ProgramData\\BranchDesk\\site.toml, macOS /Library/Application Support/BranchDesk/
site.toml; BRANCHDESK_SITE_CONFIG names another file) with head office's address, the CA bundle,
the longest idle time before the lock, where new versions are announced, and `locked`: which of
these the user may not change. A setting's effective value is the site's when locked, else the
user's own when set, else the site's as the default, else the built-in default
(`SiteConfig.effective`; app/profile/settings.py and app/profile/lock.py apply it).

The file is only read, never written, and it never writes the user's settings: an IT change
shows through at once, and taking a lock away gives the user's own value back. A file that is
not usable is refused at start (`SiteConfigError`: the file, the key and what is wrong, in both
languages); the CLI exits 2 and the window does not open, rather than run on guessed values.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import site_config_path

from app.errors import InvalidInput
from app.paths import APP_NAME

ENV_SITE_CONFIG = "BRANCHDESK_SITE_CONFIG"
SITE_FILE_NAME = "site.toml"
KEYS = ("head_office_url", "ca_bundle", "idle_lock_max_minutes", "update_url")
URL_KEYS = ("head_office_url", "update_url")
# The profile setting each site key is the default of. "sync_ca_bundle" is
# app/headoffice/service.py's CA_BUNDLE_KEY (tests/test_site_config.py checks they agree); the
# idle time (app/profile/lock.py) is clamped to the site's maximum rather than defaulted.
USER_KEYS = {"head_office_url": "server_url", "ca_bundle": "sync_ca_bundle", "update_url": "update_url"}
# What a message calls each key in Chinese; the key itself follows, as the file spells it.
NAMES_ZH = {"head_office_url": "总公司地址", "ca_bundle": "证书文件", "idle_lock_max_minutes": "闲置锁定最长时间",
            "update_url": "新版本通知地址", "locked": "锁定项"}  # fmt: skip
# What each key must be, in English and Chinese.
KINDS = {"head_office_url": ("a text (an https:// address)", "文本（https:// 地址）"),
         "ca_bundle": ("a text (a file path)", "文本（文件路径）"),
         "idle_lock_max_minutes": ("a whole number of minutes", "整数分钟数"),
         "update_url": ("a text (an https:// address)", "文本（https:// 地址）"),
         "locked": ("a list of key names", "键名列表")}  # fmt: skip
TOML_KINDS = {str: ("a text", "文本"), int: ("a number", "数值"), float: ("a number", "数值"),
              bool: ("true or false", "布尔值"), list: ("a list", "列表"), dict: ("a table", "表")}  # fmt: skip
ADDRESS_WHAT = {
    "not_an_address": ("{url} is not an address like https://hq.example.com",
                       "{url} 不是形如 https://hq.example.com 的地址"),
    "query": ("{url} must not carry a query or fragment (? or #)", "{url} 不能带查询参数或片段（? 或 #）"),
    "insecure": ("{url} uses http://, which sends the token unencrypted: use https:// (http:// only "
                 "reaches this computer)",
                 "{url} 使用 http://，令牌会以明文传输：请使用 https://（http:// 只能用于本机）"),
}  # fmt: skip


@dataclass(frozen=True)
class SiteConfig:
    """What the site file says; empty values where it says nothing (or there is no file)."""

    path: Path | None = None  # the file read, None when there is none
    head_office_url: str = ""
    ca_bundle: str = ""  # an absolute path to a file that existed at start
    idle_lock_max_minutes: int | None = None
    update_url: str = ""
    locked: frozenset[str] = frozenset()

    def value(self, key: str) -> str | int | None:
        found: str | int | None = getattr(self, key)
        return found

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def effective(self, key: str, own: Any) -> Any:
        """The site's value when locked, else `own` when set, else the site's ("" or None: none,
        the caller's built-in default applies)."""
        site = self.value(key)
        if key in self.locked:
            return site
        return own if own not in (None, "") else site


class SiteConfigError(InvalidInput):
    """The site file cannot be used; BranchDesk does not start until IT corrects it."""

    code = "site_config_invalid"

    def __init__(self, path: Path, key: str | None, what: str, what_zh: str) -> None:
        where = f"{key}: " if key else ""
        where_zh = f"{NAMES_ZH.get(key, key)}（{key}）：" if key else ""
        super().__init__(
            f"BranchDesk cannot start: the IT settings file {path} is wrong at {where}{what}.",
            "Your own settings were not changed. Ask your IT department to correct the file.",
            zh=f"网点工作台无法启动：信息科技部设置文件 {path} 有误，{where_zh}{what_zh}。",
            hint_zh="您自己的设置未作任何改动。请联系信息科技部更正该文件。",
        )
        self.path = path
        self.key = key


class SettingLocked(InvalidInput):
    """A change to a setting IT has locked."""

    code = "setting_locked"

    def __init__(self, key: str, path: Path | None) -> None:
        super().__init__(
            f"{key} is set by your IT department ({path}) and cannot be changed here.",
            "Ask your IT department if it must change.",
            zh=f"{NAMES_ZH.get(key, key)}由信息科技部统一设置（{path}），不能在此更改。",
            hint_zh="如需更改，请联系信息科技部。",
        )
        self.key = key


def site_config_file() -> Path:
    """BRANCHDESK_SITE_CONFIG when set, else site.toml in the platform's site config folder."""
    named = os.environ.get(ENV_SITE_CONFIG)
    if named:
        return Path(named).expanduser()
    return site_config_path(APP_NAME, appauthor=False) / SITE_FILE_NAME


def load_site_config(path: Path | None = None) -> SiteConfig:
    """The checked site file; an empty SiteConfig when the platform's file does not exist (a
    file named by the variable must exist); SiteConfigError for anything wrong in it."""
    named = path is not None or bool(os.environ.get(ENV_SITE_CONFIG))
    path = path if path is not None else site_config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if not named:
            return SiteConfig()
        raise SiteConfigError(path, None, "the file does not exist", "文件不存在") from None
    except OSError as exc:
        raise SiteConfigError(path, None, f"it cannot be read ({exc.strerror})", "文件无法读取") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SiteConfigError(path, None, "it is not UTF-8 text", "文件不是 UTF-8 编码的文本") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        at_zh = f"（第 {at[1]} 行第 {at[2]} 列）" if at else ""
        raise SiteConfigError(path, None, f"it is not TOML ({exc})", f"文件不是有效的 TOML 格式{at_zh}") from None
    return check_site_config(path, data)


def check_site_config(path: Path, data: dict[str, Any]) -> SiteConfig:
    for key in data:
        if key not in (*KEYS, "locked"):
            raise SiteConfigError(path, key, f"BranchDesk has no such setting (it knows {', '.join(KEYS)}, locked)",
                                  f"网点工作台没有这一设置项（可用：{'、'.join(KEYS)}、locked）")  # fmt: skip
    values: dict[str, Any] = {}
    for key in URL_KEYS:
        if key in data:
            values[key] = _address(path, key, _text(path, key, data[key]))
    if "ca_bundle" in data:
        bundle = Path(_text(path, "ca_bundle", data["ca_bundle"])).expanduser()
        bundle = bundle if bundle.is_absolute() else path.parent / bundle
        if not bundle.is_file():
            raise SiteConfigError(path, "ca_bundle", f"the certificate bundle {bundle} does not exist",
                                  f"证书文件 {bundle} 不存在")  # fmt: skip
        values["ca_bundle"] = str(bundle)
    if "idle_lock_max_minutes" in data:
        values["idle_lock_max_minutes"] = _minutes(path, data["idle_lock_max_minutes"])
    locked = data.get("locked", [])
    if not isinstance(locked, list) or not all(isinstance(k, str) for k in locked):
        raise _wrong_type(path, "locked", locked)
    for key in locked:
        if key not in KEYS:
            raise SiteConfigError(path, "locked", f"it names {key!r}, not a setting (one of {', '.join(KEYS)})",
                                  f"其中的 {key!r} 不是设置项（应为 {'、'.join(KEYS)} 之一）")  # fmt: skip
        if key not in values:
            raise SiteConfigError(path, "locked", f"it locks {key}, which the file gives no value",
                                  f"锁定了 {key}，但文件中没有给出它的值")  # fmt: skip
    return SiteConfig(path=path, locked=frozenset(locked), **values)


def _text(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise _wrong_type(path, key, value)
    if not value.strip():
        raise SiteConfigError(path, key, "it is empty (leave the line out instead)", "值为空（不需要时请删去这一行）")
    return value.strip()


def _address(path: Path, key: str, url: str) -> str:
    # The login's own rule (sync.http.check_base_url): https, or http only to this computer.
    from sync.http import BadAddress, check_base_url

    try:
        return check_base_url(url)
    except BadAddress as exc:
        en, zh = ADDRESS_WHAT.get(exc.reason, ADDRESS_WHAT["not_an_address"])
        raise SiteConfigError(path, key, en.format(url=url), zh.format(url=url)) from None


def _minutes(path: Path, value: object) -> int:
    from app.profile.lock import MAX_IDLE_MINUTES

    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(path, "idle_lock_max_minutes", value)
    if not 1 <= value <= MAX_IDLE_MINUTES:
        raise SiteConfigError(path, "idle_lock_max_minutes", f"it must be 1 to {MAX_IDLE_MINUTES} minutes, not {value}",
                              f"应为 1 到 {MAX_IDLE_MINUTES} 分钟，而不是 {value}")  # fmt: skip
    return value


def _wrong_type(path: Path, key: str, value: object) -> SiteConfigError:
    want, want_zh = KINDS[key]
    given, given_zh = TOML_KINDS.get(type(value), ("something else", "其他类型"))
    return SiteConfigError(path, key, f"it must be {want}, not {given}", f"应为{want_zh}，而不是{given_zh}")


# The file as read at start (`hold_site_config`); read on first use where no start-up held it.
_held: SiteConfig | None = None


def hold_site_config(config: SiteConfig | None) -> None:
    """What this process uses from now on; None: read the file again on next use."""
    global _held
    _held = config


def held_site_config() -> SiteConfig:
    global _held
    if _held is None:
        _held = load_site_config()
    return _held


def update_url() -> str:
    """IT's update address for this machine ("" for none), for app/updates' notice when it has no
    profile at hand; `SettingsService.update_url` gives the effective one (the user's own counts)."""
    return held_site_config().update_url
