"""`branchdesk audit verify` against a real profile tampered with the way an attacker would.

The append-only triggers refuse UPDATE and DELETE, so each tampering first drops them, as
anyone holding the file could; the hash chain must still give it away.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.clients.records import ClientDraft
from app.context import AppContext
from app.profile.audit import _digest, verify_chain
from app.rules.id_numbers import make_resident_id
from tests.test_cli import branchdesk

ID = make_resident_id("310104", date(1985, 6, 15), 12, "F")


def _profile_with_events(data_dir: Path) -> None:
    """Five events: two cards created, three reveals."""
    ctx = AppContext.open(data_dir)
    try:
        first = ctx.clients.save(ClientDraft(name="王芳", gender="F", id_number=ID, mobile="13912345678")).client_id
        ctx.clients.save(ClientDraft(name="李强", gender="M", mobile="13800001111"))
        for field in ("id_number", "mobile", "id_number"):
            ctx.clients.reveal(first, field)
    finally:
        ctx.close()


def _tamper(data_dir: Path, change: Callable[[Session], object]) -> None:
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions.begin() as session:
            session.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
            session.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
            change(session)
    finally:
        ctx.close()


def _verify(data_dir: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = branchdesk("--data-dir", str(data_dir), "audit", "verify", "--json", *extra)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def _changed(session: Session) -> None:
    session.execute(text("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3"))


def _deleted(session: Session) -> None:
    session.execute(text("DELETE FROM audit_events WHERE seq = 3"))


def _reordered(session: Session) -> None:
    session.execute(text("UPDATE audit_events SET seq = -1 WHERE seq = 3"))
    session.execute(text("UPDATE audit_events SET seq = 3 WHERE seq = 4"))
    session.execute(text("UPDATE audit_events SET seq = 4 WHERE seq = -1"))


def _inserted(session: Session) -> None:
    """A forged event slipped in at seq 3 with a correct hash; the later ones renumbered."""
    session.execute(text("UPDATE audit_events SET seq = -seq WHERE seq >= 3"))
    session.execute(text("UPDATE audit_events SET seq = 1 - seq WHERE seq < 0"))
    prev = session.execute(text("SELECT hash FROM audit_events WHERE seq = 2")).scalar_one()
    # Hashed as record_event does (ISO, aware); SQLite keeps the naive UTC text below.
    digest = _digest(prev, 3, "2026-01-05T09:00:00+00:00", "local", "export", "client", None, "{}")
    session.execute(text(
        "INSERT INTO audit_events (id, created_at, updated_at, seq, at, actor, action, entity, entity_id, "
        "detail_json, prev_hash, hash) VALUES ('forged', :at, :at, 3, :at, 'local', 'export', 'client', NULL, "
        "'{}', :prev, :hash)"
    ), {"at": "2026-01-05 09:00:00.000000", "prev": prev, "hash": digest})  # fmt: skip


def test_an_untouched_log_is_intact(data_dir: Path) -> None:
    _profile_with_events(data_dir)
    code, report = _verify(data_dir)
    assert code == 0
    assert report["intact"] and report["events"] == 5 and report["first_broken_seq"] is None
    assert report["head"]["seq"] == 5 and len(report["head"]["hash"]) == 64
    plain = branchdesk("--data-dir", str(data_dir), "audit", "verify")
    assert plain.returncode == 0 and "audit log intact: 5 events" in plain.stdout


def test_the_database_refuses_to_change_or_delete_an_event(ctx: AppContext) -> None:
    ctx.clients.save(ClientDraft(name="王芳", gender="F", id_number=ID))
    for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DatabaseError, match="append-only"), ctx.store.sessions.begin() as session:
            session.execute(text(statement))
    with ctx.store.sessions() as session:
        assert verify_chain(session).intact


@pytest.mark.parametrize(
    ("change", "first_broken", "kind"),
    [(_changed, 3, "changed"), (_deleted, 3, "missing"), (_reordered, 3, "changed"), (_inserted, 4, "changed")],
    ids=["changed", "deleted", "reordered", "inserted"],
)
def test_tampering_is_reported_with_the_first_broken_seq(
    data_dir: Path, change: Callable[[Session], None], first_broken: int, kind: str
) -> None:
    _profile_with_events(data_dir)
    _tamper(data_dir, change)
    code, report = _verify(data_dir)
    assert code == 1 and not report["intact"]
    assert report["first_broken_seq"] == first_broken
    assert kind in {p["kind"] for p in report["problems"]}
    plain = branchdesk("--data-dir", str(data_dir), "audit", "verify")
    assert plain.returncode == 1 and f"first broken at seq {first_broken}" in plain.stdout


def test_dropped_triggers_alone_are_reported(data_dir: Path) -> None:
    _profile_with_events(data_dir)
    _tamper(data_dir, lambda _session: None)
    code, report = _verify(data_dir)
    assert code == 1 and report["first_broken_seq"] is None
    assert [p["kind"] for p in report["problems"]] == ["triggers_missing"]


def test_a_cut_off_tail_is_caught_only_by_an_anchor(data_dir: Path) -> None:
    """The chain alone cannot tell that its last events were deleted: say so, and prove the anchor works."""
    _profile_with_events(data_dir)
    _, before = _verify(data_dir)
    anchor = f"{before['head']['seq']}:{before['head']['hash']}"

    def cut_tail(session: Session) -> None:
        session.execute(text("DELETE FROM audit_events WHERE seq = 5"))
        session.execute(text(
            "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"))  # fmt: skip
        session.execute(text(
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"))  # fmt: skip

    _tamper(data_dir, cut_tail)
    assert _verify(data_dir)[0] == 0
    code, report = _verify(data_dir, "--anchor", anchor)
    assert code == 1 and report["first_broken_seq"] == 5
    assert [p["kind"] for p in report["problems"]] == ["anchor"]


def test_bad_anchor_is_a_usage_error(data_dir: Path) -> None:
    result = branchdesk("--data-dir", str(data_dir), "audit", "verify", "--anchor", "five")
    assert result.returncode == 2 and "SEQ:HASH" in result.stderr


def test_list_shows_the_latest_events_without_full_numbers(data_dir: Path) -> None:
    _profile_with_events(data_dir)
    result = branchdesk("--data-dir", str(data_dir), "audit", "list", "--entity", "client", "--limit", "2", "--json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [e["seq"] for e in events] == [5, 4] and {e["action"] for e in events} == {"reveal"}
    text_out = branchdesk("--data-dir", str(data_dir), "audit", "list").stdout
    assert len(text_out.splitlines()) == 5
    assert ID not in text_out and "13912345678" not in text_out


# ---- what the verifier must survive: malformed rows, a dropped table, an unreadable file ----


def _blob_actor(session: Session) -> None:
    session.execute(text("UPDATE audit_events SET actor = x'00ff10' WHERE seq = 3"))


def _blob_prev_hash(session: Session) -> None:
    session.execute(text("UPDATE audit_events SET prev_hash = randomblob(32) WHERE seq = 3"))


def _text_seq(session: Session) -> None:
    session.execute(text("UPDATE audit_events SET seq = '5th' WHERE seq = 5"))


@pytest.mark.parametrize(
    ("change", "first_broken", "kind"),
    [(_blob_actor, 3, "malformed"), (_blob_prev_hash, 3, "malformed"), (_text_seq, 5, "bad_seq")],
    ids=["blob-actor", "blob-prev-hash", "text-seq"],
)
def test_malformed_rows_are_reported_as_tampering(
    data_dir: Path, change: Callable[[Session], None], first_broken: int, kind: str
) -> None:
    _profile_with_events(data_dir)
    _tamper(data_dir, change)
    code, report = _verify(data_dir)
    assert code == 1 and report["checked"] and not report["intact"]
    assert report["first_broken_seq"] == first_broken
    assert kind in {p["kind"] for p in report["problems"]}
    plain = branchdesk("--data-dir", str(data_dir), "audit", "verify")
    assert plain.returncode == 1 and f"TAMPERED — first broken at seq {first_broken}" in plain.stdout
    assert plain.stderr == ""


def test_a_dropped_audit_table_is_tampering(data_dir: Path) -> None:
    _profile_with_events(data_dir)
    _tamper(data_dir, lambda session: session.execute(text("DROP TABLE audit_events")))
    code, report = _verify(data_dir)
    assert code == 1 and not report["intact"] and report["events"] == 0
    assert [p["kind"] for p in report["problems"]] == ["table_missing"]
    plain = branchdesk("--data-dir", str(data_dir), "audit", "verify")
    assert plain.returncode == 1
    assert "audit log TAMPERED" in plain.stdout and "The audit table is missing" in plain.stdout


def test_an_unreadable_audit_table_is_could_not_check_not_tampered(data_dir: Path) -> None:
    _profile_with_events(data_dir)
    ctx = AppContext.open(data_dir)
    try:
        with ctx.store.sessions() as session:
            root = session.scalar(text("SELECT rootpage FROM sqlite_master WHERE name = 'audit_events'"))
    finally:
        ctx.close()
    db_path = data_dir / "branchdesk.sqlite3"
    with db_path.open("r+b") as handle:  # a failing disk: the table's page no longer decrypts
        handle.seek((root - 1) * 4096 + 1000)
        handle.write(b"\x00" * 64)
    result = branchdesk("--data-dir", str(data_dir), "audit", "verify")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "audit log NOT CHECKED: the database" in result.stderr and "could not be read" in result.stderr
    assert "`branchdesk doctor` checks the file for damage." in result.stderr
    assert "TAMPERED" not in result.stdout and "unexpected" not in result.stderr
    as_json = branchdesk("--data-dir", str(data_dir), "audit", "verify", "--json")
    assert as_json.returncode == 3 and json.loads(as_json.stdout)["checked"] is False


def test_audit_list_shows_damaged_rows_as_damaged(data_dir: Path) -> None:
    _profile_with_events(data_dir)

    def damage(session: Session) -> None:
        session.execute(text("UPDATE audit_events SET detail_json = 'not json {' WHERE seq = 2"))
        session.execute(text("UPDATE audit_events SET actor = x'00ff', at = 'yesterday' WHERE seq = 4"))

    _tamper(data_dir, damage)
    result = branchdesk("--data-dir", str(data_dir), "audit", "list")
    assert result.returncode == 0, result.stderr
    lines = {int(line.split()[0]): line for line in result.stdout.splitlines()}
    assert sorted(lines) == [1, 2, 3, 4, 5]
    assert lines[2].endswith("DAMAGED (detail)")
    assert lines[4].endswith("DAMAGED (at, actor)") and " ? " in lines[4]
    assert "DAMAGED" not in lines[1] + lines[3] + lines[5]
    as_json = branchdesk("--data-dir", str(data_dir), "audit", "list", "--json")
    assert as_json.returncode == 0
    damaged = {entry["seq"]: entry["damaged"] for entry in json.loads(as_json.stdout)}
    assert damaged == {5: [], 4: ["at", "actor"], 3: [], 2: ["detail"], 1: []}
