"""Per-profile settings kept in the database: manager identity, daily targets, server."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from local_db.models import Setting


@dataclass(frozen=True)
class ManagerProfile:
    name: str = ""
    code: str = ""
    phone: str = ""
    outlet_code: str = ""


@dataclass(frozen=True)
class DailyTargets:
    """Defaults from the operating manuals (“5访”, 50 leaflets, 10 prospects, 20 care SMS)."""

    visits: int = 5
    leaflets: int = 50
    prospects: int = 10
    sms: int = 20
    meetings: int = 0


class SettingsService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.scalar(select(Setting).where(Setting.key == key))
            return default if row is None else json.loads(row.value_json)

    def set(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._sessions.begin() as session:
            row = session.scalar(select(Setting).where(Setting.key == key))
            if row is None:
                session.add(Setting(key=key, value_json=encoded))
            else:
                row.value_json = encoded

    def manager(self) -> ManagerProfile:
        return replace(ManagerProfile(), **self.get("manager", {}))

    def set_manager(self, profile: ManagerProfile) -> None:
        self.set("manager", profile.__dict__)

    def targets(self) -> DailyTargets:
        return replace(DailyTargets(), **self.get("daily_targets", {}))

    def set_targets(self, targets: DailyTargets) -> None:
        self.set("daily_targets", targets.__dict__)

    def server_url(self) -> str:
        return str(self.get("server_url", ""))

    def set_server_url(self, url: str) -> None:
        self.set("server_url", url.strip())
