"""The status bar's online/offline: a health probe with the sync runs' own trust settings."""

from __future__ import annotations

from pathlib import Path

from app.context import AppContext
from app.headoffice.connection import ConnectionService, ConnectionState
from app.headoffice.service import CA_BUNDLE_KEY
from tests.headoffice.server import HeadOffice


def test_online_offline_and_a_missing_ca_bundle(ctx: AppContext, headoffice: HeadOffice, tmp_path: Path) -> None:
    connection = ConnectionService(ctx.settings)
    assert connection.check() is ConnectionState.NOT_CONFIGURED
    ctx.settings.set_server_url(headoffice.url)
    assert connection.check() is ConnectionState.ONLINE
    # A CA bundle chosen at login that has since gone: nothing can be verified, so offline (the
    # runs refuse it the same way), never a crash of the status bar's timer.
    ctx.settings.set(CA_BUNDLE_KEY, str(tmp_path / "gone.pem"))
    assert connection.check() is ConnectionState.OFFLINE
    ctx.settings.set(CA_BUNDLE_KEY, "")
    ctx.settings.set_server_url("http://127.0.0.1:9")  # nothing listens there
    assert connection.check() is ConnectionState.OFFLINE
