"""Head office's own tables: managers, received records, the status feed, published reference files.

Not local_db: the server is another program with another database (SQLite by default,
PostgreSQL for several workers or hosts), so it declares its own metadata.

The tables are created with `metadata.create_all` on start, which creates what is missing and
never alters what exists (a table new in a version, such as reference_files, simply appears);
`create_schema` then upgrades, in place, what an earlier version made, using Alembic's
operations directly: Idempotency-Keys were UNIQUE across all managers and are now UNIQUE per
manager (`_scope_idempotency_keys`), and status events carry a letter's fields
(`_add_event_fields`, issue 19, whose letters, answers, requests and attachments tables are new;
issue 20's uploaded_files is new too).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

# 64-bit counters on PostgreSQL; SQLite's autoincrementing key must be declared INTEGER.
Counter = BigInteger().with_variant(Integer, "sqlite")
SQLITE_BUSY_TIMEOUT_MS = 30_000  # several workers share one file: wait for the writer, do not fail
DEFAULT_DB_URL = "sqlite:///headoffice.db"
UPGRADE_LOCK_KEY = 0x42445550  # "BDUP": PostgreSQL advisory lock held while the schema is upgraded


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """The wire's time form: ISO 8601 in UTC with a Z, to the microsecond."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class UTCDateTime(TypeDecorator[datetime]):
    """Naive UTC in the column (SQLite has no zones), aware UTC in Python."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Manager(Base):
    __tablename__ = "managers"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Only the SHA-256 of the token: tokens are 32 random bytes, so no slow hash is needed.
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Record(Base):
    """A proposal or receipt accepted from a laptop, and the answer it was given."""

    __tablename__ = "records"
    __table_args__ = (
        # What makes a replay from two workers at once land exactly once.  Per manager: a key
        # is the laptop's outbox item UUID, and one manager's key says nothing about another's.
        UniqueConstraint("manager_code", "idempotency_key"),
        # AUTOINCREMENT on SQLite too, so a sequence number is never handed out twice.
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)  # the laptop's record id
    kind: Mapped[str] = mapped_column(String(16))
    manager_code: Mapped[str] = mapped_column(ForeignKey("managers.code"), index=True)
    # For a receipt, the proposal it delivers (head office received that proposal first).
    proposal_id: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    body_sha256: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    response_code: Mapped[int] = mapped_column(Integer)
    response_json: Mapped[str] = mapped_column(Text)
    # The raw JSON text as received (up to the size limit): loaded only when asked for.
    body: Mapped[str] = mapped_column(Text, deferred=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StatusEvent(Base):
    __tablename__ = "status_events"
    __table_args__ = (
        Index("ix_status_events_manager_cursor", "manager_code", "cursor"),
        {"sqlite_autoincrement": True},
    )

    cursor: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    manager_code: Mapped[str] = mapped_column(ForeignKey("managers.code"))
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    policy_number: Mapped[str | None] = mapped_column(String(40))
    problem_id: Mapped[str | None] = mapped_column(String(64))
    problem_kind: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    # A letter's own fields (issue 19), as a JSON object of strings; null for other events.
    fields_json: Mapped[str | None] = mapped_column(Text)


class Letter(Base):
    """A letter or problem case head office raised (issue 19): its kind and own fields."""

    __tablename__ = "letters"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the feed's problem_id
    manager_code: Mapped[str] = mapped_column(ForeignKey("managers.code"), index=True)
    record_id: Mapped[str] = mapped_column(String(64))  # the proposal or receipt it was raised on
    proposal_id: Mapped[str] = mapped_column(String(64), index=True)  # the laptop's proposal
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    fields_json: Mapped[str] = mapped_column(Text, default="{}")
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnswerRow(Base):
    """An answer a laptop sent to a letter (its push is a `records` row of kind answer), and
    head office's reply."""

    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the laptop's answer id
    manager_code: Mapped[str] = mapped_column(ForeignKey("managers.code"), index=True)
    proposal_id: Mapped[str] = mapped_column(String(64), index=True)
    letter_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(10))
    signatures_json: Mapped[str] = mapped_column(Text, default="[]")  # [{"role", "name", "sha256"}]
    answered_at: Mapped[str] = mapped_column(String(40))  # as the laptop said
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reply: Mapped[str | None] = mapped_column(String(10))  # accepted | question | closed
    reply_text: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RequestRow(Base):
    """A change (投保单变更申请书) or withdrawal (撤销投保申请书) request, and head office's reply."""

    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    manager_code: Mapped[str] = mapped_column(ForeignKey("managers.code"), index=True)
    proposal_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # change | withdraw
    reason: Mapped[str] = mapped_column(Text, default="")
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    requested_at: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reply: Mapped[str | None] = mapped_column(String(10))  # accepted | refused
    reply_text: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AttachmentRow(Base):
    """A file sent with an answer or a request, its SHA-256 checked on arrival."""

    __tablename__ = "attachments"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    answer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    request_id: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class UploadedFile(Base):
    """A scan or attachment uploaded over tus (sync/headoffice/uploads.py, issue 20), its
    SHA-256 checked, kept by that SHA-256 for the pushes that name it (a receipt's scan is read
    from here, an answer's or request's attachment copied into `attachments`)."""

    __tablename__ = "uploaded_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReferenceFile(Base):
    """A published reference file (sync/headoffice/references.py): the holiday calendar or the
    product catalogue, every version ever published kept (head office checks a proposal against
    the catalogue version the laptop used)."""

    __tablename__ = "reference_files"
    __table_args__ = (UniqueConstraint("kind", "version"), {"sqlite_autoincrement": True})

    seq: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # calendar | products (sync.wire.REFERENCE_PATHS)
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the JSON text served, byte for byte
    sha256: Mapped[str] = mapped_column(String(64))  # of the body: the strong ETag
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PublishedVersion(Base):
    """A version of the laptop app head office announces (sync/headoffice/version.py, issue 21),
    with its notes; every publication kept, the latest served."""

    __tablename__ = "app_versions"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Counter, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(40))  # a release number (app.rules.app_version)
    notes_zh: Mapped[str] = mapped_column(Text, default="")
    notes_en: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # synchronous stays FULL: a 201 promises the record survives a power cut.
    cursor.close()


def make_engine(db_url: str) -> Engine:
    """An engine for SQLite (WAL, busy timeout) or PostgreSQL (psycopg 3)."""
    url = make_url(db_url)
    if url.drivername in ("postgresql", "postgres"):
        # Plain postgresql:// means psycopg2 to SQLAlchemy; we ship psycopg 3.
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    """Creates the tables that are missing and upgrades those an earlier version made."""
    Base.metadata.create_all(engine)
    with engine.connect() as connection:
        # One upgrader at a time (several workers or hosts may start together); whoever waited
        # finds the work done when it looks again under the lock.
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        _scope_idempotency_keys(connection)
        _add_event_fields(connection)
        connection.commit()


def _add_event_fields(connection: Connection) -> None:
    """status_events gains `fields_json` (issue 19: a letter's own fields); rows kept as they are."""
    columns = {c["name"] for c in inspect(connection).get_columns("status_events")}
    if "fields_json" not in columns:
        Operations(MigrationContext.configure(connection)).add_column(
            "status_events", Column("fields_json", Text, nullable=True)
        )


def _scope_idempotency_keys(connection: Connection) -> None:
    """UNIQUE(idempotency_key) becomes UNIQUE(manager_code, idempotency_key) (version 1 → 2).

    Every existing row stays as it was: keys unique across all managers are unique per manager.
    SQLite cannot drop a constraint, so there the table is rebuilt and its rows copied, seq
    included (AUTOINCREMENT then carries on after the highest)."""
    uniques = inspect(connection).get_unique_constraints("records")
    old = next((u["name"] for u in uniques if u["column_names"] == ["idempotency_key"]), None)
    if old is None:
        return
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("records", naming_convention=NAMING_CONVENTION,
                                      table_kwargs={"sqlite_autoincrement": True}) as batch:  # fmt: skip
        batch.drop_constraint(old, type_="unique")
        batch.create_unique_constraint("uq_records_manager_code_idempotency_key", ["manager_code", "idempotency_key"])


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
