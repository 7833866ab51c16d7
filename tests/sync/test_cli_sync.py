"""`branchdesk login`, `logout` and `sync` as a user runs them, and the token never leaking.

`sync` runs as the installed command in a subprocess, with BRANCHDESK_TOKEN as an unattended
run has it. `login` and `logout` run in-process, because the in-memory keyring (tests/conftest.py)
lives in this process; a subprocess would reach for the machine's real keyring.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import update

from app.cli.main import build_parser, run
from app.context import AppContext
from app.headoffice.service import MANAGER_KEY, BadServerAddress
from app.profile.audit import recent_events
from local_db import models
from local_db.opening import DB_FILENAME
from sync.outbox import error_json
from tests.headoffice.fixtures import SAMPLE_MANAGER
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal
from tests.sync.conftest import MakeProfile, log_in
from tests.sync.helpers import assert_exactly_once, outbox
from tests.sync.test_faults import BRANCHDESK

# The subprocess uses the tests' keyring (tests/memory_keyring.py, through the keyringrc.cfg that
# conftest writes): it holds the profile's database key, and no token in a new process.


def cli(monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(build_parser().parse_args(list(args)))


def branchdesk_sync(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "BRANCHDESK_TOKEN"}
    return subprocess.run([BRANCHDESK, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          timeout=120, env={**clean, **(env or {})})  # fmt: skip


def test_login_reads_the_token_from_stdin_and_keeps_it_in_the_keyring(
    data_dir: Path,
    headoffice: HeadOffice,
    headoffice_token: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(monkeypatch, "wrong\n", "--data-dir", str(data_dir), "login", "--server", headoffice.url,
               "--manager", SAMPLE_MANAGER) == 1  # fmt: skip
    assert "refused this token" in capsys.readouterr().err
    code = cli(monkeypatch, headoffice_token + "\n", "--data-dir", str(data_dir), "login",
               "--server", headoffice.url, "--manager", SAMPLE_MANAGER)  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"Logged in to {headoffice.url} as manager {SAMPLE_MANAGER}" in out.out
    assert headoffice_token not in out.out + out.err
    assert keyring.get_password("BranchDesk", f"{headoffice.url}|{SAMPLE_MANAGER}") == headoffice_token

    assert cli(monkeypatch, "", "--data-dir", str(data_dir), "logout") == 0
    assert "removed" in capsys.readouterr().out
    assert keyring.get_password("BranchDesk", f"{headoffice.url}|{SAMPLE_MANAGER}") is None

    keyring.set_keyring(fail.Keyring())
    # Without a keyring the database key comes from a passphrase (app/keys.py), so a profile of its own.
    monkeypatch.setenv("BRANCHDESK_PASSPHRASE", "a long enough passphrase")
    bare = data_dir.parent / "no-keyring"
    assert cli(monkeypatch, headoffice_token + "\n", "--data-dir", str(bare), "login",
               "--server", headoffice.url, "--manager", SAMPLE_MANAGER) == 4  # fmt: skip
    assert "No secure password store is available" in capsys.readouterr().err
    assert cli(monkeypatch, "t\n", "--data-dir", str(bare), "login", "--server", "nowhere",
               "--manager", SAMPLE_MANAGER) == 2  # fmt: skip


def test_unattended_login_and_sync_need_no_password_store(
    ctx: AppContext, headoffice: HeadOffice, headoffice_token: str
) -> None:
    finished_proposal(ctx)
    token = {"BRANCHDESK_TOKEN": headoffice_token}
    # No keyring at all, nothing on stdin: the variable is the token and nothing is stored.
    login = branchdesk_sync(ctx.data_dir, "login", "--server", headoffice.url, "--manager", SAMPLE_MANAGER,
                            env=token)  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert "no token was stored" in login.stdout and headoffice_token not in login.stdout + login.stderr
    result = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert result.returncode == 0, result.stderr
    assert headoffice.records()[0].id == ctx.sync.items()[0].record_id
    refused = branchdesk_sync(ctx.data_dir, "login", "--server", headoffice.url, "--manager", SAMPLE_MANAGER,
                              env={"BRANCHDESK_TOKEN": "revoked"})  # fmt: skip
    assert refused.returncode == 1 and "refused this token" in refused.stderr


def test_sync_exit_codes_and_one_line_per_item_left(ctx: AppContext, headoffice: HeadOffice,
                                                    headoffice_token: str, tmp_path: Path) -> None:  # fmt: skip
    finished_proposal(ctx)
    result = branchdesk_sync(ctx.data_dir, "sync")
    assert result.returncode == 4 and "Not logged in to head office" in result.stderr

    ctx.sync.login(headoffice.url, SAMPLE_MANAGER, headoffice_token)
    # The stored token is out of reach: the subprocess's keyring holds the database key, no token
    # (no password store at all is covered by the login test above).
    result = branchdesk_sync(ctx.data_dir, "sync")
    assert result.returncode == 4 and "Not logged in to head office" in result.stderr

    token = {"BRANCHDESK_TOKEN": headoffice_token}
    result = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("sent 1, rejected 0, waiting 0")

    foreign = finished_proposal(ctx, manager_code="SH0002")
    result = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == (
        f"2 proposal {foreign} rejected: Head office says this belongs to another manager; "
        "check the manager code on the form."
    )
    result = branchdesk_sync(ctx.data_dir, "--lang", "zh_CN", "sync", "--json", env=token)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["left"] == [{"seq": 2, "kind": "proposal", "record_id": foreign, "status": "rejected",
                               "reason": "总公司认为这属于其他客户经理；请检查表上的客户经理代码。"}]  # fmt: skip
    assert branchdesk_sync(ctx.data_dir, "sync", env={"BRANCHDESK_TOKEN": "revoked"}).returncode == 4

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    assert branchdesk_sync(not_a_folder, "sync", env=token).returncode == 3


def test_the_token_is_nowhere_but_the_keyring_after_a_sync(
    make_profile: MakeProfile,
    headoffice: HeadOffice,
    headoffice_token: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ctx = make_profile(3, 1)
    caplog.set_level(logging.DEBUG)  # urllib3 and every other library at their most talkative
    assert cli(monkeypatch, headoffice_token, "--data-dir", str(ctx.data_dir), "login", "--server",
               headoffice.url, "--manager", SAMPLE_MANAGER) == 0  # fmt: skip
    assert ctx.sync.run_once().sent == 4
    foreign = finished_proposal(ctx, manager_code="SH0002")
    cli_run = branchdesk_sync(ctx.data_dir, "sync", env={"BRANCHDESK_TOKEN": headoffice_token})
    assert cli_run.returncode == 1
    ctx.sync.discard(next(i.id for i in ctx.sync.items() if i.record_id == foreign))
    settings = json.dumps(
        [
            ctx.settings.get(key)
            for key in (
                "server_url",
                "sync_manager_code",
                "sync_ca_bundle",
                "sync_status_cursor",
                "sync_last_success_at",
            )
        ]
    )
    assert headoffice.url in settings and headoffice_token not in settings
    ctx.close()

    needle = headoffice_token.encode("utf-8")
    files = [p for p in ctx.data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {DB_FILENAME} and any(p.parent.name == "discarded" for p in files)
    for path in files:  # the database (and its WAL), hence settings; discarded copies; anything else
        assert needle not in path.read_bytes(), path
    captured = capsys.readouterr()
    assert "/v1/proposals" in headoffice.log_text()
    logs = caplog.text + captured.out + captured.err + cli_run.stdout + cli_run.stderr + headoffice.log_text()
    assert "Authorization" not in logs and headoffice_token not in logs


def test_http_to_another_host_is_refused_by_login_and_sync(
    ctx: AppContext, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, said in (("en", "http://example.com uses http://, which would send the token unencrypted: use "
                              "the https:// address."),
                       ("zh_CN", "http://example.com 使用 http://，令牌会以明文传输："
                                 "请使用 https:// 地址。")):  # fmt: skip
        assert cli(monkeypatch, "a-token\n", "--data-dir", str(data_dir), "--lang", lang, "login", "--server",
                   "http://example.com", "--manager", SAMPLE_MANAGER) == 2  # fmt: skip
        assert capsys.readouterr().err.startswith(f"branchdesk: {said}")
    assert ctx.settings.server_url() == ""
    assert keyring.get_password("BranchDesk", f"http://example.com|{SAMPLE_MANAGER}") is None
    # An empty token at the prompt is said in the chosen language too, with exit 2.
    assert cli(monkeypatch, "\n", "--data-dir", str(data_dir), "--lang", "zh_CN", "login", "--server",
               "https://hq.example.com", "--manager", SAMPLE_MANAGER) == 2  # fmt: skip
    assert capsys.readouterr().err.startswith("branchdesk: 令牌为空。")
    with pytest.raises(BadServerAddress) as caught:  # the login dialog's call, in both languages
        ctx.sync.login("http://hq.example.com:8000/", SAMPLE_MANAGER, "a-token")
    assert "unencrypted" in caught.value.message and "明文" in caught.value.message_zh

    # A profile an older version logged in over http:// never sends its token there again.
    finished_proposal(ctx)
    ctx.settings.set_server_url("http://example.com")
    ctx.settings.set(MANAGER_KEY, SAMPLE_MANAGER)
    result = branchdesk_sync(ctx.data_dir, "sync", env={"BRANCHDESK_TOKEN": "a-token"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "branchdesk: http://example.com uses http://, which would send the token unencrypted"
    )
    assert [i.status for i in ctx.sync.items()] == ["pending"]


def test_rejected_items_are_retried_from_the_cli_as_from_the_sync_page(
    make_profile: MakeProfile, headoffice: HeadOffice, headoffice_token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = make_profile(4)
    # As an older version left them after a proxy's HTML 403: "rejected", though head office never saw them.
    with ctx.store.sessions.begin() as session:
        session.execute(update(models.OutboxItem).values(
            status="rejected", attempts=1, last_error=error_json("http_403", "HTTP 403", 403)))  # fmt: skip
    log_in(ctx, headoffice, headoffice_token)
    token = {"BRANCHDESK_TOKEN": headoffice_token}
    statuses = lambda: [i.status for i in outbox(ctx)]  # noqa: E731

    result = branchdesk_sync(ctx.data_dir, "sync", env=token)
    assert result.returncode == 1 and result.stdout.startswith("sent 0, rejected 0, waiting 0")
    assert result.stdout.count("rejected: Head office refused it (HTTP 403): HTTP 403") == 4

    one = branchdesk_sync(ctx.data_dir, "sync", "--retry", "2", env=token)
    assert one.returncode == 1, one.stderr
    assert one.stdout.startswith("retried 1 (seq 2)\nsent 1, rejected 0, waiting 0")
    assert statuses() == ["rejected", "sent", "rejected", "rejected"]
    for wrong, said in ((["--retry", "99"], "No outbox item has seq 99."),
                        (["--retry", "3", "--retry", "2"], "Item 2 is sent; only a rejected or waiting item"),
                        (["--retry", "two"], "invalid int value: 'two'")):  # fmt: skip
        refused = branchdesk_sync(ctx.data_dir, "sync", *wrong, env=token)
        assert refused.returncode == 2 and said in refused.stderr and "Traceback" not in refused.stderr
        assert statuses() == ["rejected", "sent", "rejected", "rejected"]  # all checked before any changed

    every = branchdesk_sync(ctx.data_dir, "sync", "--retry-rejected", "--json", env=token)
    assert every.returncode == 0, every.stderr
    report = json.loads(every.stdout)
    assert (report["retried"], report["sent"], report["left"]) == ([1, 3, 4], 3, [])
    assert_exactly_once(ctx, headoffice)
    with ctx.store.sessions() as session:
        assert [e.action for e in recent_events(session, entity="outbox", limit=10)] == ["retry"] * 4

    with pytest.raises(SystemExit):
        build_parser().parse_args(["sync", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--retry SEQ" in shown and "--retry-rejected" in shown and "5 when another sync" in shown
