"""A database made by the previous version keeps working: the server upgrades it in place as it
starts, on SQLite and on PostgreSQL, and keeps what it held."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, ForeignKey, Integer, MetaData, String, Table, Text, insert, inspect, text

from app.context import AppContext
from sync.headoffice.db import NAMING_CONVENTION, Counter, Manager, StatusEvent, UTCDateTime, make_engine, utcnow
from sync.headoffice.store import token_digest
from tests.headoffice.laptop import proposal_item, push
from tests.headoffice.server import HeadOffice

OLD_ANSWER = '{"id":"%s","kind":"proposal","status":"received","received_at":"2026-03-16T08:00:00.000000Z","seq":1}'


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_cluster").create_database())
    return f"sqlite:///{tmp_path / 'headoffice.db'}"


def _version_1_schema(engine: Engine) -> None:
    """The tables as version 1 made them: `records.idempotency_key` UNIQUE across all managers,
    and status events without a letter's fields (issue 19 added `fields_json`)."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Manager.metadata.tables[Manager.__tablename__].to_metadata(metadata)
    events = StatusEvent.metadata.tables[StatusEvent.__tablename__]
    Table("status_events", metadata, *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
                                              autoincrement=c.autoincrement)
                                       for c in events.columns if c.name != "fields_json"],
          sqlite_autoincrement=True)  # fmt: skip
    Table(
        "records", metadata,
        Column("seq", Counter, primary_key=True, autoincrement=True),
        Column("id", String(64), nullable=False, unique=True),
        Column("kind", String(16), nullable=False),
        Column("manager_code", ForeignKey("managers.code"), nullable=False, index=True),
        Column("proposal_id", String(64)),
        Column("idempotency_key", String(200), nullable=False, unique=True),
        Column("body_sha256", String(64), nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("response_code", Integer, nullable=False),
        Column("response_json", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("received_at", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )  # fmt: skip
    metadata.create_all(engine)


def test_a_version_1_database_is_upgraded_as_the_server_starts(db_url: str, tmp_path: Path, ctx: AppContext) -> None:
    engine = make_engine(db_url)
    _version_1_schema(engine)
    old = proposal_item(ctx, "BJ0107")
    token = "version-1-token-of-bj0107-kept-across-the-upgrade"
    with engine.begin() as connection:  # what version 1 held: a manager and one received proposal
        connection.execute(insert(Manager).values(code="BJ0107", name="王芳", token_sha256=token_digest(token),
                                                  created_at=utcnow()))  # fmt: skip
        connection.execute(text(
            "INSERT INTO records (id, kind, manager_code, idempotency_key, body_sha256, content_hash, "
            "response_code, response_json, body, received_at) VALUES (:id, 'proposal', 'BJ0107', :key, :sha, "
            ":hash, 201, :answer, :body, :at)"), {
            "id": old.record_id, "key": old.key, "sha": hashlib.sha256(old.payload.encode()).hexdigest(),
            "hash": json.loads(old.payload)["content_hash"], "answer": OLD_ANSWER % old.record_id, "body": old.payload,
            "at": utcnow().replace(tzinfo=None)})  # fmt: skip
    with HeadOffice(db_url, tmp_path / "server") as office:
        uniques = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("records")}
        assert ("manager_code", "idempotency_key") in uniques and ("idempotency_key",) not in uniques
        assert ["manager_code"] in [i["column_names"] for i in inspect(engine).get_indexes("records")]
        replay = push(office.url, token, old)  # the old push, sent again, gets its first answer
        assert (replay.status_code, replay.text) == (201, OLD_ANSWER % old.record_id)
        other_token = office.add_manager("SH0201")
        theirs = proposal_item(ctx, "SH0201")
        reused = push(office.url, other_token, theirs, key=old.key)  # the same key, another manager
        assert reused.status_code == 201, reused.text
        assert reused.json()["seq"] == 2  # sequence numbers carry on after the highest
        held = [(r.seq, r.id, r.manager_code, r.idempotency_key, r.body) for r in office.records()]
        assert held[0] == (1, old.record_id, "BJ0107", old.key, old.payload)
        assert [h[1] for h in held] == [old.record_id, theirs.record_id]
        office.restart()  # a second start finds nothing to upgrade
        assert push(office.url, token, old).text == OLD_ANSWER % old.record_id
        assert "fields_json" in {c["name"] for c in inspect(engine).get_columns("status_events")}
        letter = office.command("letter", old.record_id, "financial_evidence", "--reason", "请补充收入证明",
                                "--field", "documents=近六个月银行流水")  # fmt: skip
        assert letter["fields"] == {"documents": "近六个月银行流水"}
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            sql = connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'records'"))
        assert "AUTOINCREMENT" in sql
    engine.dispose()
