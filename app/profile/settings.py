"""Per-profile settings kept in the database: manager identity, daily targets, server.

What the first-start step and the Settings dialog save goes through `save_setup`, checked
first: a refused value (a phone that is neither a mobile nor a landline, a head-office
address the token may not go to, a print font that cannot be embedded) saves nothing.

Head office's address, the CA bundle and the update address may come from IT's site file
(app/profile/site_config.py): `get` gives their effective value, and a value equal to IT's is
not stored as the user's own, so the user follows IT's default until they choose another. A
locked one is never written: the same value is passed over, another one is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidInput
from app.profile.site_config import USER_KEYS, SettingLocked, SiteConfig, held_site_config
from app.rules.client_card import LANDLINE, MOBILE, normalise_phone
from local_db.models import Setting

# The same key app/reports/fonts.py reads (SETTING_KEY); kept here so saving needs no reportlab.
PRINT_FONT_KEY = "print.font_path"
FIRST_START_KEY = "first_start_done"
MAX_TARGET = 999
UPDATE_URL_KEY = "update_url"
# Profile setting -> the site key giving its default (or its value, when locked).
SITE_KEYS = {user: site for site, user in USER_KEYS.items()}


@dataclass(frozen=True)
class ManagerProfile:
    name: str = ""
    code: str = ""
    phone: str = ""
    outlet_code: str = ""  # the outlet file of the first outlet below, if it is one
    # The outlets the manager works at: outlet-file codes, or names typed for outlets not on file.
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class DailyTargets:
    """Defaults from the operating manuals (“5访”, 50 leaflets, 10 prospects, 20 care SMS)."""

    visits: int = 5
    leaflets: int = 50
    prospects: int = 10
    sms: int = 20
    meetings: int = 0


class SettingsService:
    def __init__(self, sessions: sessionmaker[Session], site: SiteConfig | None = None) -> None:
        self._sessions = sessions
        self._site = site

    @property
    def site(self) -> SiteConfig:
        """IT's site file: the one given, else the one this process read at start."""
        return self._site if self._site is not None else held_site_config()

    def get(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.scalar(select(Setting).where(Setting.key == key))
            own = None if row is None else json.loads(row.value_json)
        if key in SITE_KEYS:
            value = self.site.effective(SITE_KEYS[key], own)
            return default if value in (None, "") else value
        return default if row is None else own

    def set(self, key: str, value: Any) -> None:
        with self._sessions.begin() as session:
            self._store(session, key, value)

    def is_locked(self, key: str) -> bool:
        """Whether IT's site file locks the profile setting `key` (or the site key of that name)."""
        return self.site.is_locked(SITE_KEYS.get(key, key))

    def _store(self, session: Session, key: str, value: Any) -> None:
        site_key = SITE_KEYS.get(key)
        if site_key is None:
            _write(session, key, value)
            return
        site = self.site
        site_value = site.value(site_key)
        same = isinstance(value, str) and value.strip().rstrip("/") == str(site_value or "").rstrip("/")
        if site.is_locked(site_key):
            if value in (None, "") or same:
                return  # IT's value stands; the user's own, if any, is kept for when the lock goes
            raise SettingLocked(site_key, site.path)
        if same and session.scalar(select(Setting).where(Setting.key == key)) is None:
            return  # IT's default, not chosen: it follows the site file if IT changes it
        _write(session, key, value)

    def manager(self) -> ManagerProfile:
        stored = dict(self.get("manager", {}))
        stored["outlets"] = tuple(stored.get("outlets") or ())
        return replace(ManagerProfile(), **stored)

    def set_manager(self, profile: ManagerProfile) -> None:
        self.set("manager", _manager_json(profile))

    def targets(self) -> DailyTargets:
        return replace(DailyTargets(), **self.get("daily_targets", {}))

    def set_targets(self, targets: DailyTargets) -> None:
        self.set("daily_targets", targets.__dict__)

    def server_url(self) -> str:
        return str(self.get("server_url", ""))

    def set_server_url(self, url: str) -> None:
        self.set("server_url", url.strip())

    def update_url(self) -> str:
        """Where the manager is sent for a new version (shown, never fetched); "" for none."""
        return str(self.get(UPDATE_URL_KEY) or "")

    def print_font(self) -> str:
        """The font file set for PDFs; "" lets app/reports/fonts.py choose."""
        return str(self.get(PRINT_FONT_KEY) or "")

    # ---- first start and the Settings dialog ------------------------------------------------

    def first_start_done(self) -> bool:
        return bool(self.get(FIRST_START_KEY, False))

    def needs_first_start(self) -> bool:
        """Offer the first-start step: never offered yet, and no manager saved by other means
        (a profile from before this step, or the demo generator's made-up manager)."""
        manager = self.manager()
        return not self.first_start_done() and not (manager.name or manager.code)

    def mark_first_start_done(self) -> None:
        """Skipped or saved: either way the step is not offered again."""
        self.set(FIRST_START_KEY, True)

    def setup(self) -> Setup:
        return Setup(self.manager(), self.server_url(), self.targets(), self.print_font(), self.update_url())

    def save_setup(self, setup: Setup) -> Setup:
        """Checks everything, then writes it in one transaction (and marks first start done);
        InvalidInput, bilingual, for the first value refused. Returns what was stored."""
        checked = check_setup(setup)
        values: dict[str, Any] = {"manager": _manager_json(checked.manager), "server_url": checked.server_url,
                                  "daily_targets": checked.targets.__dict__, FIRST_START_KEY: True,
                                  UPDATE_URL_KEY: checked.update_url}  # fmt: skip
        with self._sessions.begin() as session:
            for key, value in values.items():
                self._store(session, key, value)
            _write(session, PRINT_FONT_KEY, checked.print_font or None)
        return checked


@dataclass(frozen=True)
class Setup:
    """What the first-start step and the Settings dialog edit (the idle lock has its own service)."""

    manager: ManagerProfile
    server_url: str = ""
    targets: DailyTargets = DailyTargets()
    print_font: str = ""  # a font file; "" for the automatic choice
    update_url: str = ""  # where new versions are announced (IT's site file usually sets it)


def check_setup(setup: Setup) -> Setup:
    """The setup as stored (trimmed, the address normalised), or InvalidInput saying why not."""
    manager = setup.manager
    phone = normalise_phone(manager.phone)
    if phone and not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
        raise InvalidInput(
            f"{manager.phone.strip()} is not a phone number.",
            "Type an 11-digit mobile, or a landline with its area code (010-12345678).",
            zh=f"{manager.phone.strip()} 不是电话号码。",
            hint_zh="请填写 11 位手机号，或带区号的固定电话（如 010-12345678）。",
        )
    outlets = tuple(dict.fromkeys(o.strip() for o in manager.outlets if o.strip()))
    manager = replace(manager, name=manager.name.strip(), code=manager.code.strip(), phone=manager.phone.strip(),
                      outlet_code=manager.outlet_code.strip(), outlets=outlets)  # fmt: skip
    url = setup.server_url.strip()
    if url:
        # The login's own check: https, or http only to this computer (app/headoffice/service.py).
        from app.headoffice.service import server_address

        url = server_address(url)
    update_url = setup.update_url.strip()
    if update_url:
        from app.headoffice.service import server_address

        update_url = server_address(update_url)
    for name, value in setup.targets.__dict__.items():
        if not 0 <= int(value) <= MAX_TARGET:
            raise InvalidInput(
                f"A daily target ({name}) must be between 0 and {MAX_TARGET}.",
                zh=f"每日目标应在 0 到 {MAX_TARGET} 之间。",
            )
    font = setup.print_font.strip()
    if font:
        _check_font(font)
    return Setup(manager, url, setup.targets, font, update_url)


def font_files() -> list[str]:
    """The Chinese font files app/reports/fonts.py would try, for the Settings dialog to offer;
    one that cannot be embedded is refused when saved (`check_setup`)."""
    from app.reports import fonts

    return [str(p) for p in dict.fromkeys(fonts._system_candidates()) if p.is_file()]


def _check_font(path: str) -> None:
    from app.reports.fonts import cjk_font

    if cjk_font(path).path != path:  # fonts.py fell back to another font: this one is unusable
        raise InvalidInput(
            f"The font {path} cannot be used for printing: it is missing, has no Chinese, or cannot be embedded.",
            "Choose a TrueType Chinese font (.ttf or .ttc), or leave the choice to BranchDesk.",
            zh=f"字体 {path} 不能用于打印：文件不存在、不含中文，或无法嵌入。",
            hint_zh="请选择 TrueType 中文字体（.ttf 或 .ttc），或交给网点工作台自动选择。",
        )


def _manager_json(profile: ManagerProfile) -> dict[str, Any]:
    return {**profile.__dict__, "outlets": list(profile.outlets)}


def _write(session: Session, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        session.add(Setting(key=key, value_json=encoded))
    else:
        row.value_json = encoded
