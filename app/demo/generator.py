"""Fill an empty profile with a realistic, deterministic demo book of business.

`generate(store, clients=...)` writes everything in one transaction: cancelled or failed, the
database is left as it was. The same seed and `today` always give byte-identical rows, so a bug
seen in a demo can be reproduced anywhere.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, exists, or_, select, update

from app.common.progress import Progress, Steps
from app.demo.clients import ClientMaker, Profile
from app.demo.common import Batch, DemoRandom, IdentityMaker, NameMaker
from app.demo.outlets import build_outlets, outlet_count
from app.demo.paperwork import build_paperwork
from app.demo.paperwork_loop import last_sync
from app.demo.prospects import build_prospects, prospect_count
from app.demo.sales_forms import SalesFormMaker
from app.demo.schedule import ScheduleMaker
from app.errors import Cancelled, InvalidInput
from app.headoffice.service import LAST_SUCCESS_KEY
from app.profile.settings import ManagerProfile, SettingsService
from app.store import Store
from local_db import models

MAX_CLIENTS = 1_000_000
MAX_PROPOSALS = 60
CLIENT_CHUNK = 5_000  # clients generated and written per step; bounds memory and progress gaps
ROW_BATCH = 10_000  # rows per executemany
CACHE_KIB = 131_072  # page cache while generating: random-UUID indexes thrash the default 2 MiB
# Any of these holding rows means the profile is in use: demo data must never mix with real data.
IN_USE = (
    models.Client,
    models.Outlet,
    models.Visit,
    models.WorkLogEntry,
    models.DailyPlan,
    models.Proposal,
    models.OutboxItem,
)


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    outlets: int
    visits: int
    worklog_entries: int
    proposals: int
    receipts: int
    outbox_items: int
    prospects: int
    seconds: float


def generate(
    store: Store,
    *,
    clients: int,
    seed: int = 1,
    today: date | None = None,
    worklog_days: int = 730,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Write a demo book of `clients` cards (with outlets, diary, log, paperwork) into `store`.

    `store` is the profile's open Store (`AppContext.store`): the rows go in through its engine
    in one transaction, then the manager profile is saved through its sessions. `today` (default:
    the real date) anchors every date and stamp. Raises InvalidInput for a bad count or a profile
    that already has data, and Cancelled when `cancel` is set; either way nothing is written.
    `progress(done, total)` is called after each step (steps, not rows), on the calling thread,
    and `cancel` is checked between steps.
    """
    started = time.perf_counter()
    if isinstance(clients, bool) or not isinstance(clients, int) or not 1 <= clients <= MAX_CLIENTS:
        raise InvalidInput(
            f"The number of demo clients must be between 1 and {MAX_CLIENTS:,} (got {clients!r}).",
            zh=f"演示客户数必须在 1 到 {MAX_CLIENTS:,} 之间（现为 {clients!r}）。",
        )
    if isinstance(worklog_days, bool) or not isinstance(worklog_days, int) or worklog_days < 0:
        raise InvalidInput(
            f"The work-log history must be zero or more days (got {worklog_days!r}).",
            zh=f"工作日志的历史天数不能为负数（现为 {worklog_days!r}）。",
        )
    today = today or date.today()

    rng = DemoRandom(seed)
    names = NameMaker(rng)
    identities = IdentityMaker(rng)
    manager = ManagerProfile(
        name=names.full("F" if rng.random() < 0.6 else "M"),
        code="YB" + rng.digits(8),
        phone=identities.mobile(),
    )
    outlets, outlet_rows = build_outlets(rng, names, identities, today, outlet_count(clients))
    manager = replace(manager, outlet_code=outlets[0].code)
    # Sorted, so cards and their family/product/tag rows reach the id indexes in key order.
    client_ids = sorted(rng.uuid() for _ in range(clients))
    # Outlets differ in size: some branches bring in five times the clients of others.
    outlet_of = rng.choices(range(len(outlets)), [rng.randint(1, 5) for _ in outlets], k=clients)
    owners = rng.sample(range(clients), min(MAX_PROPOSALS, clients))
    fresh, fresh_vip, promoted = _recent_cards(rng, clients, owners)
    schedule = ScheduleMaker(rng, client_ids, outlet_of, outlets, today, fresh).build(worklog_days)
    # The manuals' forms of the last weeks (their own random source: the rest stays as it was).
    forms = SalesFormMaker(seed, schedule, client_ids, outlet_of, outlets, today, worklog_days, fresh)
    forms.build()
    client_maker = ClientMaker(
        rng,
        names,
        identities,
        outlets,
        today,
        first_seen=schedule.first_seen,
        fresh=fresh,
        promoted=promoted,
        vip=fresh_vip,
    )

    chunks = range(0, clients, CLIENT_CHUNK)
    worklog_batches = range(0, len(schedule.worklog), ROW_BATCH)
    steps = Steps(
        2 + len(chunks) + len(worklog_batches) + 2,
        progress,
        cancel,
        lambda: Cancelled(
            "Demo data generation was cancelled; nothing was saved.", zh="演示数据生成已取消；未保存任何内容。"
        ),
    )
    with store.engine.connect() as connection, _big_cache(connection), connection.begin():
        _refuse_unless_empty(connection)
        steps.check()
        writer = _Writer(connection)
        writer.write(outlet_rows)
        steps.advance()
        owner_set = set(owners)
        profiles: dict[int, Profile] = {}
        for start in chunks:
            rows, kept = client_maker.batch(
                client_ids,
                outlet_of,
                start,
                min(start + CLIENT_CHUNK, clients),
                schedule.last_contact,
                owner_set,
            )
            profiles.update(kept)
            forms.cards(rows)
            writer.write(rows)
            steps.advance()
        writer.write(schedule.diary)
        steps.advance()
        for start in worklog_batches:
            writer.write([(models.WorkLogEntry, schedule.worklog[start : start + ROW_BATCH])])
            steps.advance()
        paperwork, counts = build_paperwork(rng, identities, today, manager, [profiles[i] for i in owners], seed)
        writer.write(paperwork)
        extra_log, form_rows = forms.finish(paperwork)
        writer.write([(models.WorkLogEntry, extra_log)])
        _touch_contacts(connection, extra_log)
        writer.write(form_rows)
        steps.advance()
        # Their own stream: what the paperwork draws (products by the insured's age, …) must not
        # reshuffle the prospects of the same seed.
        prospects = build_prospects(DemoRandom(f"{seed}:prospects"), names, identities, today, client_ids, outlets,
                                    prospect_count(clients))  # fmt: skip
        writer.write([(models.Prospect, prospects)])
        steps.advance()
    settings = SettingsService(store.sessions)
    settings.set_manager(manager)
    # The last sync that sent the outbox's sent items and brought head office's replies.
    settings.set(LAST_SUCCESS_KEY, last_sync(today).isoformat())
    return DemoSummary(
        clients=clients,
        outlets=len(outlets),
        visits=schedule.visits + forms.extra_visits + counts.visits,
        worklog_entries=len(schedule.worklog) + len(extra_log),
        proposals=counts.proposals,
        receipts=counts.receipts,
        outbox_items=counts.outbox_items,
        prospects=len(prospects),
        seconds=time.perf_counter() - started,
    )


def _recent_cards(rng: DemoRandom, clients: int, owners: list[int]) -> tuple[set[int], set[int], set[int]]:
    """(fresh, fresh at gold+, promoted): the handful of cards created in the last 30 days (about
    1 in 500, at least 3, the first two at gold or above so the care list greets them), and the
    cards that reached gold or above in that time (1 in 200 of the ~30% at gold+, at least 2).

    A fresh card is no proposal owner (whose paperwork may be older); the schedule keeps it out
    of the diary and log before its opening.
    """
    owner_set = set(owners)
    candidates = [i for i in range(clients) if i not in owner_set]
    fresh_list = rng.sample(candidates, min(len(candidates), max(3, clients // 500)))
    fresh = set(fresh_list)
    others = [i for i in range(clients) if i not in fresh]
    promoted = set(rng.sample(others, min(len(others), max(2, clients * 3 // 2000))))
    return fresh, set(fresh_list[:2]), promoted


def _touch_contacts(connection: Connection, entries: list[dict[str, Any]]) -> None:
    """Work logged after the cards were written (the closings of finished proposals) moves their
    last contact, as the work log does."""
    client = models.Client
    for entry in entries:
        connection.execute(
            update(client)
            .where(client.id == entry["client_id"])
            .where(or_(client.last_contact_at.is_(None), client.last_contact_at < entry["at"]))
            # updated_at too: left out, its onupdate stamps the real clock and the same seed
            # would no longer give the same rows.
            .values(last_contact_at=entry["at"], updated_at=entry["at"])
        )


def _refuse_unless_empty(connection: Connection) -> None:
    for model in IN_USE:
        if connection.scalar(select(exists().select_from(model))):
            raise InvalidInput(
                f"This profile already has data ({model.__tablename__}); demo data is only "
                "generated into an empty profile so that it never mixes with real records.",
                "Open the demo profile or an empty data folder instead.",
                zh="此档案已有数据；演示数据只能生成到空档案中，以免与真实记录混在一起。",
                hint_zh="请改为打开演示档案或空的数据文件夹。",
            )


@contextmanager
def _big_cache(connection: Connection) -> Iterator[None]:
    """A large page cache while the indexes of 100,000 cards are built, then the usual one again."""
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")
        connection.commit()


class _Writer:
    """Bulk INSERTs through the DB-API cursor, each value converted by its column's own type.

    ORM and Core executemany spend most of their time building per-row parameters; converting
    column by column with the same bind processors, each distinct value once (a card's stamps
    repeat on its family, product and tag rows), makes the 100,000-card book twice as fast.
    Rows are dicts that must all have the keys of the first row of their batch.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._plans: dict[tuple[str, tuple[str, ...]], tuple[str, list[tuple[str, str, Any]]]] = {}

    def write(self, batch: Batch) -> None:
        # Converted values by column type, shared by all tables of the batch.
        seen: dict[str, dict[Any, Any]] = {}
        for model, rows in batch:
            if not rows:
                continue
            sql, plan = self._plan(model.__table__, tuple(rows[0]))
            defaults = _scalar_defaults(model.__table__)
            for start in range(0, len(rows), ROW_BATCH):
                chunk = rows[start : start + ROW_BATCH]
                columns = []
                for key, type_key, convert in plan:
                    # A column the rows do not name (added by a later migration) gets its default.
                    column = [row[key] for row in chunk] if key in rows[0] else [defaults[key]] * len(chunk)
                    if convert is not None:
                        converted = seen.setdefault(type_key, {})
                        for value in dict.fromkeys(column):
                            if value not in converted:
                                converted[value] = convert(value)
                        column = [converted[value] for value in column]
                    columns.append(column)
                self._connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))

    def _plan(self, table: Table, keys: tuple[str, ...]) -> tuple[str, list[tuple[str, str, Any]]]:
        cached = self._plans.get((table.name, keys))
        if cached is None:
            dialect = self._connection.dialect
            compiled = table.insert().compile(dialect=dialect, column_keys=list(keys))
            plan = []
            for key in compiled.positiontup or []:
                column_type = table.c[key].type
                # repr() spells out the type and its arguments, so equal reprs convert alike.
                plan.append(
                    (
                        key,
                        repr(column_type),
                        column_type.dialect_impl(dialect).bind_processor(dialect),
                    )
                )
            cached = self._plans[(table.name, keys)] = (str(compiled), plan)
        return cached


def _scalar_defaults(table: Table) -> dict[str, Any]:
    """Each column's plain default (`default=…` in the model), for rows that leave it out."""
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            found[column.key] = default.arg  # type: ignore[attr-defined]
        elif column.nullable:
            found[column.key] = None
    return found
