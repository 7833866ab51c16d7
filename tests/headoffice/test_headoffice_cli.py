"""`branchdesk-headoffice` as installed (the pyproject entry point), run as a process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import requests

from app.context import AppContext
from app.headoffice.status import LETTER_KINDS
from sync.headoffice.store import PROBLEM_KINDS
from tests.headoffice.laptop import proposal_item, push
from tests.headoffice.server import HeadOffice

ENTRY_POINT = Path(sys.executable).with_name("branchdesk-headoffice")
PACKAGE = Path(__file__).resolve().parents[2] / "sync" / "headoffice"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert ENTRY_POINT.exists(), "pip install -e . installs the branchdesk-headoffice script"
    return subprocess.run(
        [str(ENTRY_POINT), *args], cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=60
    )


def test_add_manager_prints_a_working_token_once(tmp_path: Path, ctx: AppContext) -> None:
    added = run("add-manager", "BJ0107", "王芳", cwd=tmp_path)  # default --db: headoffice.db right here
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert len(token) >= 43 and "\n" not in token and "shown only this once" in added.stderr
    assert (tmp_path / "headoffice.db").exists()
    assert token not in (tmp_path / "headoffice.db").read_bytes().decode("latin-1")  # only its hash is kept
    again = run("add-manager", "BJ0107", "王芳", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr and again.stdout == ""
    for code, name in (("has space", "名"), ("", "名"), ("OK1", " ")):
        bad = run("add-manager", code, name, cwd=tmp_path)
        assert bad.returncode == 2, (code, name)
    with HeadOffice(f"sqlite:///{tmp_path / 'headoffice.db'}", tmp_path) as office:
        assert push(office.url, token, proposal_item(ctx, "BJ0107")).status_code == 201


def test_decide_refuses_what_it_cannot_record(headoffice: HeadOffice, headoffice_token: str, ctx: AppContext) -> None:
    item = proposal_item(ctx, "BJ0107")
    assert push(headoffice.url, headoffice_token, item).status_code == 201
    db = ("--db", headoffice.db_url)
    cases = [
        (("decide", "no-such-record", "accepted", *db), "no proposal or receipt"),
        (("decide", item.record_id, "problem", *db), "--reason"),
        (("decide", item.record_id, "issued", *db), "--policy-number"),
        (("decide", item.record_id, "accepted", "--policy-number", "P1", *db), "--policy-number"),
        (("decide", item.record_id, "accepted", "--problem-kind", "review", *db), "--problem-kind"),
        (("decide", item.record_id, "rejected", *db), "invalid choice"),
        (("decide", item.record_id, "problem", "--reason", "补" * 2001, *db), "at most 2,000 characters"),
    ]
    for args, said in cases:
        done = run(*args, cwd=headoffice.workdir)
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
    ok = run("decide", item.record_id, "accepted", "--reason", "核保通过", *db, cwd=headoffice.workdir)
    assert ok.returncode == 0, ok.stderr
    feed = requests.get(f"{headoffice.url}/v1/status", headers={"Authorization": f"Bearer {headoffice_token}"},
                        timeout=5).json()  # fmt: skip
    assert [(e["status"], e["reason"]) for e in feed["events"]] == [("received", ""), ("accepted", "核保通过")]


def test_serve_refuses_bad_arguments(tmp_path: Path) -> None:
    assert run("serve", "--port", "70000", cwd=tmp_path).returncode == 2
    assert run("serve", "--workers", "0", cwd=tmp_path).returncode == 2
    assert run("serve", "--port", "x", cwd=tmp_path).returncode == 2
    bad_limit = run("serve", cwd=tmp_path, env={"BRANCHDESK_MAX_BODY": "lots", "PATH": "/usr/bin:/bin"})
    assert bad_limit.returncode == 2 and "BRANCHDESK_MAX_BODY" in bad_limit.stderr
    for name, value in (("BRANCHDESK_BODY_TIMEOUT", "soon"), ("BRANCHDESK_BODY_TIMEOUT", "nan"),
                        ("BRANCHDESK_BODY_BUDGET", "1024")):  # fmt: skip
        bad = run("serve", cwd=tmp_path, env={name: value, "PATH": "/usr/bin:/bin"})
        assert bad.returncode == 2 and name in bad.stderr, (name, value, bad.stderr)
    bad_url = run("add-manager", "A1", "名", "--db", "nosuchdb://x", cwd=tmp_path)
    assert bad_url.returncode == 2 and "--db" in bad_url.stderr
    assert run(cwd=tmp_path).returncode == 2


def test_problem_kinds_are_the_laptops_letter_kinds() -> None:
    assert PROBLEM_KINDS == LETTER_KINDS


def test_server_imports_only_sync_and_pure_rules() -> None:
    """The server may use the laptop's pure rules, never its services, database or UI."""
    ours = ("app", "ui", "local_db", "sync", "tests")
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # `from sync import wire` counts as sync.wire: the names imported, not only the package.
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom)
                else [])  # fmt: skip
            for name in names:
                if name.split(".")[0] in ours:
                    assert name.startswith(("sync.", "app.rules")), f"{path.name} imports {name}"
