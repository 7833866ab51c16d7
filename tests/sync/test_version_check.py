"""The laptop asks head office for the current app version (issue 21): against the real server,
plus a stand-in for answers head office never gives (not JSON, too big)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import delete

from app.context import AppContext
from app.profile.site_config import ENV_SITE_CONFIG, hold_site_config
from app.rules.app_version import is_newer, parse_version
from app.updates.service import ANNOUNCEMENT_KEY, CHECKED_KEY, UpdateService
from sync.headoffice.db import PublishedVersion, make_engine, session_factory, utcnow
from sync.http import HeadOffice as Client
from sync.http import Rejected, Retryable
from tests.headoffice.server import HeadOffice, free_port
from tests.sync.conftest import log_in

RUNNING = "1.3.2"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 16, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def updates(ctx: AppContext, clock: Clock | None = None, url: str | None = None) -> UpdateService:
    """The service as the app builds it; `url` stands in for the update address when given."""
    return UpdateService(ctx.settings, ctx.credentials, running=RUNNING, clock=clock or Clock(),
                         update_url=None if url is None else (lambda: url), timeout=(1.0, 2.0))  # fmt: skip


def publish(office: HeadOffice, version: str, notes: str = "Faster sync.", notes_zh: str = "同步更快。") -> None:
    done = office.cli("publish-version", version, "--notes", notes, "--notes-zh", notes_zh)
    assert done.returncode == 0, done.stderr


def put_row(office: HeadOffice, version: str) -> None:
    """A row `publish-version` would refuse, straight into head office's database."""
    engine = make_engine(office.db_url)
    try:
        with session_factory(engine).begin() as session:
            session.execute(delete(PublishedVersion))
            session.add(PublishedVersion(version=version, notes_zh="", notes_en="", published_at=utcnow()))
    finally:
        engine.dispose()


def test_versions_compare_as_releases() -> None:
    assert is_newer("1.4.0", "1.3.2") and is_newer("1.10", "1.9.9") and is_newer("2", "1.99")
    assert not is_newer("1.4", "1.4.0") and not is_newer("1.3.0", "1.4.0")
    assert not is_newer("banana", "1.0") and not is_newer("1.5", "") and not is_newer(None, "1.0")
    assert parse_version("1.4") == parse_version("1.4.0")
    assert parse_version("1" * 41) is None


def test_newer_version_is_noticed_dismissed_and_a_later_one_noticed_again(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    service = updates(ctx, url="https://it.example.cn/branchdesk")
    assert service.check(force=True).outcome == "not_published"
    assert service.notice() is None
    publish(headoffice, "1.4.0")
    checked = service.check(force=True)
    assert checked.outcome == "newer" and checked.announcement is not None
    notice = service.notice()
    assert notice is not None and notice.version == "1.4.0" and notice.running == RUNNING
    assert notice.announcement.notes("zh_CN") == "同步更快。" and notice.announcement.notes("en") == "Faster sync."
    assert notice.update_url == "https://it.example.cn/branchdesk"
    # Kept in the settings store: a new service (the next start) shows it without asking.
    assert ctx.settings.get(ANNOUNCEMENT_KEY)["version"] == "1.4.0"
    assert updates(ctx).notice() is not None

    service.dismiss("1.4.0")
    assert service.notice() is None
    assert service.check(force=True).outcome == "newer"  # asked again: still dismissed
    assert service.notice() is None
    publish(headoffice, "1.4.1", "Fixes printing.", "修复打印。")
    service.check(force=True)
    again = service.notice()
    assert again is not None and again.version == "1.4.1" and again.announcement.notes("zh_CN") == "修复打印。"


def test_the_update_address_is_it_s_from_the_site_config(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    publish(headoffice, "1.4.0")
    site = tmp_path / "site.toml"
    site.write_text('update_url = "https://it.bank.example.cn/branchdesk"\n', encoding="utf-8")
    monkeypatch.setenv(ENV_SITE_CONFIG, str(site))
    hold_site_config(None)  # read the file named above, as a start-up does
    try:
        service = updates(ctx)
        assert service.check(force=True).outcome == "newer"
        notice = service.notice()
        assert notice is not None and notice.update_url == "https://it.bank.example.cn/branchdesk"
    finally:
        hold_site_config(None)
    monkeypatch.delenv(ENV_SITE_CONFIG)
    notice = updates(ctx).notice()
    assert notice is not None and notice.update_url == ""  # no site file, no address of the user's own


def test_the_running_version_or_an_older_one_shows_nothing(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    publish(headoffice, RUNNING)
    assert updates(ctx).check(force=True).outcome == "current"
    assert updates(ctx).notice() is None
    put_row(headoffice, "1.0")  # an older one (head office rolled back its database)
    assert updates(ctx).check(force=True).outcome == "current"
    assert updates(ctx).notice() is None


def test_asked_at_most_once_a_day_unless_forced(ctx: AppContext, headoffice: HeadOffice, headoffice_token: str) -> None:
    log_in(ctx, headoffice, headoffice_token)
    clock = Clock()
    service = updates(ctx, clock)
    assert service.due()
    assert service.check().outcome == "not_published"
    publish(headoffice, "1.4.0")
    clock.now += timedelta(hours=23)
    assert not service.due() and service.check().outcome == "not_due"
    assert service.notice() is None  # not asked, so not known yet
    assert service.check(force=True).outcome == "newer"  # the manager pressed Sync now
    clock.now += timedelta(hours=23, minutes=59)
    assert service.check().outcome == "not_due"
    clock.now += timedelta(minutes=2)
    assert service.check().outcome == "newer"
    # A clock set back (a laptop's battery) does not stop the checks for ever.
    clock.now -= timedelta(days=30)
    assert service.due()


def test_offline_or_not_logged_in_shows_nothing_and_keeps_what_was_known(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str
) -> None:
    assert updates(ctx).check(force=True).outcome == "not_logged_in"
    log_in(ctx, headoffice, headoffice_token)
    publish(headoffice, "1.4.0")
    clock = Clock()
    assert updates(ctx, clock).check().outcome == "newer"
    headoffice.stop()
    clock.now += timedelta(days=2)
    service = updates(ctx, clock)
    assert service.check().outcome == "unreachable"
    assert service.due()  # not answered: asked again next time
    notice = service.notice()
    assert notice is not None and notice.version == "1.4.0"  # learnt before, still true offline
    headoffice.start()
    log_in(ctx, headoffice, "a-revoked-token")
    assert service.check(force=True).outcome == "not_logged_in"


def test_a_version_that_does_not_parse_is_ignored_and_logged(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str, caplog: pytest.LogCaptureFixture
) -> None:
    log_in(ctx, headoffice, headoffice_token)
    publish(headoffice, "1.4.0")
    assert updates(ctx).check(force=True).outcome == "newer"
    put_row(headoffice, "version two")
    with caplog.at_level(logging.WARNING, logger="app.updates.service"):
        assert updates(ctx).check(force=True).outcome == "bad_answer"
    assert "not an announcement" in caplog.text
    notice = updates(ctx).notice()
    assert notice is not None and notice.version == "1.4.0"  # the last good one stays


class _Odd(BaseHTTPRequestHandler):
    """Answers GET /v1/version as no head office does."""

    answer: bytes = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def odd_server(answer: bytes) -> Iterator[str]:
    handler = type("Odd", (_Odd,), {"answer": answer})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("answer", [b"<html><body>Welcome to the branch portal</body></html>",
                                    b'["1.4.0"]', b"{" * 70_000], ids=["html", "not_an_object", "too_big"])  # fmt: skip
def test_an_answer_that_is_not_json_is_ignored_and_logged(
    ctx: AppContext, answer: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with odd_server(answer) as url, caplog.at_level(logging.WARNING, logger="app.updates.service"):
        client = Client(url, "token")
        with pytest.raises(Retryable):
            client.version()
        client.close()
        log_in(ctx, url, "token")
        service = updates(ctx)
        assert service.check(force=True).outcome == "unreachable"
        assert service.notice() is None
        assert ctx.settings.get(CHECKED_KEY) is None
    assert "version check:" in caplog.text


def test_the_client_types_head_offices_answers(headoffice: HeadOffice, headoffice_token: str) -> None:
    client = Client(headoffice.url, headoffice_token)
    with pytest.raises(Rejected) as missing:
        client.version()
    assert (missing.value.status, missing.value.code) == (404, "not_published")
    publish(headoffice, "2.0")
    assert client.version()["version"] == "2.0"
    client.close()
    with pytest.raises(Retryable) as offline:
        Client(f"http://127.0.0.1:{free_port()}", headoffice_token).version()
    assert offline.value.code == "offline"


def test_the_cli_sync_tells_of_a_newer_version(ctx: AppContext, headoffice: HeadOffice, headoffice_token: str) -> None:
    """`branchdesk sync` (what a scheduled task runs) says it too, in the language asked for."""
    from tests.sync.test_cli_sync import branchdesk_sync

    log_in(ctx, headoffice, headoffice_token)
    token = {"BRANCHDESK_TOKEN": headoffice_token}
    quiet = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert quiet.returncode == 0 and "version" not in quiet.stdout, quiet.stderr  # nothing published
    publish(headoffice, "99.1.0")
    told = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert told.stdout.splitlines()[-1] == "new version 99.1.0: Faster sync. Ask your IT department to install it."
    chinese = branchdesk_sync(ctx.data_dir, "--lang", "zh_CN", "sync", "--json", env=token)
    assert json.loads(chinese.stdout)["update"] == {"version": "99.1.0", "notes": "同步更快。", "update_url": ""}
    line = branchdesk_sync(ctx.data_dir, "--lang", "zh_CN", "sync", env=token).stdout.splitlines()[-1]
    assert line == "有新版本 99.1.0：同步更快。请联系信息科技部安装。"
