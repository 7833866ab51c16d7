"""Connection state for the status bar: not set up, online or offline."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.profile.settings import SettingsService


class ConnectionState(str, Enum):
    NOT_CONFIGURED = "not_configured"
    ONLINE = "online"
    OFFLINE = "offline"


class ConnectionService:
    def __init__(self, settings: SettingsService) -> None:
        self._settings = settings

    def check(self) -> ConnectionState:
        url = self._settings.server_url()
        if not url:
            return ConnectionState.NOT_CONFIGURED
        # Imported on use: requests adds start-up time and is needed only once a server is set.
        from app.headoffice.service import CA_BUNDLE_KEY
        from sync.connectivity import Reachability, probe
        from sync.http import make_session

        # The same trust as the sync runs: a head office behind the bank's own CA is online too.
        try:
            session = make_session(self._settings.get(CA_BUNDLE_KEY) or None)
        except ValueError:  # the CA bundle set at login is gone: nothing can be verified
            return ConnectionState.OFFLINE
        with session:
            reached = probe(url, session)
        return ConnectionState.ONLINE if reached is Reachability.ONLINE else ConnectionState.OFFLINE
