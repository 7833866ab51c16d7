"""Client file cards: find, read, save (drafts too), duplicates, merge, reveal, history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.clients import search
from app.clients.records import (
    ClientCard,
    ClientDraft,
    ClientRow,
    DateEntry,
    FamilyEntry,
    HistoryEntry,
    ProductEntry,
    SaveResult,
)
from app.clients.search import ClientQuery, Statement
from app.common.local_time import local_zone
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.rules.client_card import (
    CardFields,
    Problem,
    age_on,
    check_card,
    normalise_id,
    normalise_phone,
    segment_for_age,
)
from app.rules.ids import ClientId, OutletId, optional_id
from app.rules.masking import mask_id_number, mask_phone
from app.rules.names import pinyin_keys
from local_db import models
from local_db.base import new_uuid, utcnow

REVEALABLE = ("id_number", "mobile", "phone_other")
CHILD_TABLES = (models.FamilyMember, models.ProductHolding, models.ImportantDate, models.ClientTag)
# Tables whose rows follow a client when two cards are merged.
HISTORY_LINKS = (
    (models.Visit, models.Visit.client_id),
    (models.VisitSeries, models.VisitSeries.client_id),
    (models.WorkLogEntry, models.WorkLogEntry.client_id),
    (models.ProposalParty, models.ProposalParty.client_id),
)


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_utc(value: Any) -> datetime | None:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value is not None else None


class ClientService:
    def __init__(
        self,
        engine: Engine,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self._engine = engine
        self._sessions = sessions
        self._actor = actor
        self._today = today

    # ---- finding ---------------------------------------------------------------------

    def search(self, query: ClientQuery, limit: int = 50) -> list[ClientRow]:
        """The first `limit` matches in the query's order: what search-as-you-type shows."""
        today = self._today()
        statement = search.page_statement(query, today, limit)
        rows = self._fetch(statement)
        return [self._row(r[:-1], today) for r in rows]  # the last column is the sort key

    def _fetch(self, statement: Statement) -> list[Any]:
        # A pooled DBAPI connection: this runs on every keystroke, and SQLAlchemy's execution
        # layer would add a fifth to the time of a typical search.
        conn = self._engine.raw_connection()
        try:
            return conn.cursor().execute(statement.sql, statement.params).fetchall()
        finally:
            conn.close()

    def matching_ids(self, query: ClientQuery) -> list[ClientId]:
        """Every match, in order; the list model pages through these."""
        statement = search.ids_statement(query, self._today())
        return [r[0] for r in self._fetch(statement)]

    def rows(self, ids: Sequence[ClientId]) -> list[ClientRow]:
        """Rows for these ids, in the order given (ids no longer present are skipped)."""
        if not ids:
            return []
        today = self._today()
        statement = search.rows_statement(list(ids))
        found = {r[0]: self._row(r, today) for r in self._fetch(statement)}
        return [found[i] for i in ids if i in found]

    def _row(self, r: Sequence[Any], today: date) -> ClientRow:
        (
            client_id,
            name,
            gender,
            birth,
            tier,
            mobile,
            _id_type,
            id_number,
            last_contact,
            next_maturity,
            blacklisted,
            status,
            tags_text,
            outlet_name,
        ) = r
        birth = _as_date(birth)
        age = age_on(birth, today) if birth else None
        return ClientRow(
            id=client_id,
            name=name,
            gender=gender,
            age=age,
            segment=segment_for_age(age),
            tier=tier,
            mobile_masked=mask_phone(mobile),
            id_masked=mask_id_number(id_number),
            outlet_name=outlet_name or "",
            last_contact_at=_as_utc(last_contact),
            next_maturity_on=_as_date(next_maturity),
            blacklisted=bool(blacklisted),
            is_draft=status == "draft",
            tags=tuple(tags_text.split()) if tags_text else (),
        )

    def tags(self) -> list[str]:
        with self._sessions() as session:
            return list(session.scalars(select(models.ClientTag.tag).distinct().order_by(models.ClientTag.tag)))

    # ---- reading ---------------------------------------------------------------------

    def get(self, client_id: ClientId) -> ClientCard:
        with self._sessions() as session:
            client = session.get(models.Client, client_id)
            if client is None:
                raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
            draft = ClientDraft(
                id=ClientId(client.id),
                name=client.name,
                gender=client.gender,
                birth_date=client.birth_date,
                id_type=client.id_type,
                id_number=client.id_number or "",
                mobile=client.mobile,
                phone_other=client.phone_other,
                address=client.address,
                occupation=client.occupation,
                employer=client.employer,
                tier=client.tier,
                source=client.source,
                risk_preference=client.risk_preference,
                income_band=client.income_band,
                assets_cents=client.assets_cents,
                investments=client.investments,
                hobbies=client.hobbies,
                notes=client.notes,
                blacklisted=client.blacklisted,
                blacklist_reason=client.blacklist_reason,
                outlet_id=optional_id(OutletId, client.outlet_id),
                tags=tuple(
                    session.scalars(
                        select(models.ClientTag.tag)
                        .where(models.ClientTag.client_id == client_id)
                        .order_by(models.ClientTag.tag)
                    )
                ),
                family=tuple(_entries(session, models.FamilyMember, FamilyEntry, client_id)),
                products=tuple(_entries(session, models.ProductHolding, ProductEntry, client_id)),
                dates=tuple(_entries(session, models.ImportantDate, DateEntry, client_id)),
            )
            outlet = session.get(models.Outlet, client.outlet_id) if client.outlet_id else None
            age = age_on(client.birth_date, self._today()) if client.birth_date else None
            return ClientCard(
                draft=draft,
                status=client.status,
                age=age,
                segment=segment_for_age(age),
                id_masked=mask_id_number(client.id_number),
                mobile_masked=mask_phone(client.mobile),
                phone_other_masked=mask_phone(client.phone_other),
                outlet_name=outlet.name if outlet else "",
                last_contact_at=client.last_contact_at,
                next_maturity_on=client.next_maturity_on,
                created_at=client.created_at,
                updated_at=client.updated_at,
                problems=tuple(self.check(draft)),
            )

    def check(self, draft: ClientDraft) -> list[Problem]:
        return check_card(
            CardFields(
                name=draft.name,
                gender=draft.gender,
                birth_date=draft.birth_date,
                id_type=draft.id_type,
                id_number=draft.id_number,
                mobile=draft.mobile,
                phone_other=draft.phone_other,
                tier=draft.tier,
                source=draft.source,
                risk_preference=draft.risk_preference,
                assets_cents=draft.assets_cents,
            ),
            self._today(),
        )

    # ---- writing ---------------------------------------------------------------------

    def save(
        self,
        draft: ClientDraft,
        session: Session | None = None,
        extra_problems: Sequence[Problem] = (),
    ) -> SaveResult:
        """Save as typed. A card that breaks a rule is kept as a draft, never as valid.

        `extra_problems` are what the caller found before building the draft (a date or an
        amount that would not parse); they too keep the card a draft."""
        problems = tuple(extra_problems) + tuple(self.check(draft))
        if session is not None:
            return self._save(session, draft, problems)
        with self._sessions.begin() as own:
            return self._save(own, draft, problems)

    def _values(self, draft: ClientDraft, problems: tuple[Problem, ...]) -> dict[str, Any]:
        """The card's column values as stored: normalised, with pinyin and derived fields."""
        if not draft.name.strip():
            # Even a draft needs something to be found by in the list.
            raise InvalidInput(
                "A card needs at least a name before it can be kept.", zh="客户档案至少要有姓名才能保存。"
            )
        pinyin, initials = pinyin_keys(draft.name)
        today = self._today()
        return dict(
            status="draft" if problems else "valid",
            name=draft.name.strip(),
            name_pinyin=pinyin,
            name_initials=initials,
            gender=draft.gender,
            birth_date=draft.birth_date,
            id_type=draft.id_type,
            id_number=normalise_id(draft.id_number) or None,
            mobile=normalise_phone(draft.mobile),
            phone_other=draft.phone_other.strip(),
            address=draft.address.strip(),
            occupation=draft.occupation.strip(),
            employer=draft.employer.strip(),
            tier=draft.tier,
            source=draft.source,
            risk_preference=draft.risk_preference,
            income_band=draft.income_band,
            assets_cents=draft.assets_cents,
            investments=draft.investments,
            hobbies=draft.hobbies,
            notes=draft.notes,
            blacklisted=draft.blacklisted,
            blacklist_reason=draft.blacklist_reason,
            outlet_id=draft.outlet_id,
            tags_text=" ".join(_clean_tags(draft.tags)),
            next_maturity_on=min(
                (p.maturity_on for p in draft.products if p.maturity_on and p.maturity_on >= today),
                default=None,
            ),
        )

    def _save(self, session: Session, draft: ClientDraft, problems: tuple[Problem, ...]) -> SaveResult:
        created = draft.id is None
        client = models.Client() if created else session.get(models.Client, draft.id)
        if client is None:
            raise NotFound(f"No client card {draft.id}.", zh="找不到该客户档案。")
        values = self._values(draft, problems)
        changed = [k for k, v in values.items() if getattr(client, k, None) != v]
        if not created and client.tier != values["tier"]:
            # The day the card reached its tier: a care message congratulates a client newly at gold
            # or above (app/day/care.py). Set when the tier rises; unknown (None) after it falls.
            from app.rules.client_card import TIERS

            ranks = {tier: rank for rank, tier in enumerate(TIERS)}
            rising = ranks.get(values["tier"], -1) > ranks.get(client.tier, -1)
            client.tier_since = self._today() if rising else None
        for key, value in values.items():
            setattr(client, key, value)
        if created:
            session.add(client)
        session.flush()
        for table in CHILD_TABLES:
            session.execute(delete(table).where(table.client_id == client.id))
        for table, rows in _child_rows(client.id, draft):
            session.add_all(table(**row) for row in rows)
        record_event(
            session,
            actor=self._actor(),
            action="create" if created else "edit",
            entity="client",
            entity_id=client.id,
            # Field names only: the values may be ID or phone numbers.
            detail={"status": values["status"], "fields": sorted(changed)},
        )
        return SaveResult(ClientId(client.id), values["status"], problems, created)

    def create_many(self, drafts: Sequence[ClientDraft], session: Session) -> list[SaveResult]:
        """New cards in bulk, for imports: the same rules and stored values as `save`, written
        with one insert per table. The caller records one audit event for the whole batch
        (an import of 100,000 rows should not add 100,000 events)."""
        if any(d.id is not None for d in drafts):
            raise InvalidInput("create_many only makes new cards; save updates one at a time.",
                               zh="批量创建只能新建档案；更新请逐个保存。")  # fmt: skip
        if not drafts:
            return []  # an insert given no rows would write one row of defaults
        now = utcnow()
        results: list[SaveResult] = []
        clients: list[dict[str, Any]] = []
        children: dict[Any, list[dict[str, Any]]] = {table: [] for table in CHILD_TABLES}
        for draft in drafts:
            problems = tuple(self.check(draft))
            values = self._values(draft, problems)
            client_id = ClientId(new_uuid())
            clients.append({"id": client_id, "created_at": now, "updated_at": now, **values})
            for table, rows in _child_rows(client_id, draft):
                children[table] += [{"id": new_uuid(), "created_at": now, "updated_at": now, **r} for r in rows]
            results.append(SaveResult(client_id, values["status"], problems, True))
        session.execute(insert(models.Client), clients)
        for table, rows in children.items():
            if rows:
                session.execute(insert(table), rows)
        return results

    # ---- duplicates and merge ----------------------------------------------------------

    def find_duplicates(self, draft: ClientDraft) -> list[ClientRow]:
        """Other cards with the same ID number, or with the same name and the same mobile."""
        number = normalise_id(draft.id_number)
        mobile = normalise_phone(draft.mobile)
        conditions = []
        if number:
            conditions.append(models.Client.id_number == number)
        if draft.name.strip() and mobile:
            conditions.append((models.Client.name == draft.name.strip()) & (models.Client.mobile == mobile))
        if not conditions:
            return []
        from sqlalchemy import or_

        with self._sessions() as session:
            ids = [
                ClientId(i)
                for i in session.scalars(
                    select(models.Client.id).where(
                        or_(*conditions),
                        models.Client.merged_into_id.is_(None),
                        models.Client.id != (draft.id or ""),
                    )
                )
            ]
        return self.rows(ids)

    def merge(self, keep_id: ClientId, drop_id: ClientId) -> None:
        """Fold `drop_id` into `keep_id`: all history, family, products, dates and tags move;
        the dropped card stays (hidden) pointing at the kept one."""
        if keep_id == drop_id:
            raise InvalidInput("A card cannot be merged into itself.", zh="客户档案不能与自身合并。")
        with self._sessions.begin() as session:
            keep = session.get(models.Client, keep_id)
            drop = session.get(models.Client, drop_id)
            if keep is None or drop is None or keep.merged_into_id or drop.merged_into_id:
                raise NotFound(
                    "Both cards must exist and not be merged already.", zh="两份档案都必须存在且尚未被合并。"
                )
            kept_tags = set(session.scalars(select(models.ClientTag.tag).where(models.ClientTag.client_id == keep_id)))
            session.execute(
                delete(models.ClientTag).where(
                    models.ClientTag.client_id == drop_id, models.ClientTag.tag.in_(kept_tags)
                )
            )
            for table in (models.FamilyMember, models.ProductHolding, models.ImportantDate, models.ClientTag):
                session.execute(update(table).where(table.client_id == drop_id).values(client_id=keep_id))
            for history, column in HISTORY_LINKS:
                session.execute(update(history).where(column == drop_id).values(client_id=keep_id))
            tags = sorted(session.scalars(select(models.ClientTag.tag).where(models.ClientTag.client_id == keep_id)))
            keep.tags_text = " ".join(tags)
            keep.last_contact_at = max(filter(None, (keep.last_contact_at, drop.last_contact_at)), default=None)
            keep.next_maturity_on = session.scalar(
                select(func.min(models.ProductHolding.maturity_on)).where(
                    models.ProductHolding.client_id == keep_id,
                    models.ProductHolding.maturity_on >= self._today(),
                )
            )
            for field_name in ("mobile", "phone_other", "address", "employer", "occupation"):
                if not getattr(keep, field_name) and getattr(drop, field_name):
                    setattr(keep, field_name, getattr(drop, field_name))
            drop.merged_into_id = keep_id
            record_event(
                session,
                actor=self._actor(),
                action="merge",
                entity="client",
                entity_id=keep_id,
                detail={"merged": drop_id},
            )

    def delete_draft(self, client_id: ClientId) -> None:
        """A draft card that should not have been made (a duplicate, a slip): gone from lists and
        pickers, the deletion in the audit log. Refused for a valid card, and for a draft with any
        history (a visit, a log entry, a proposal, a prospect or merged card pointing at it):
        that one is merged or finished instead, so nothing done with the client is lost."""
        with self._sessions.begin() as session:
            client = session.get(models.Client, client_id)
            if client is None or client.merged_into_id is not None:
                raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
            if client.status != "draft":
                raise InvalidInput("Only a draft card can be deleted.", zh="只能删除草稿状态的客户档案。")
            links = [*HISTORY_LINKS, (models.Client, models.Client.merged_into_id),
                     (models.Prospect, models.Prospect.converted_client_id),
                     (models.Prospect, models.Prospect.referred_by_client_id)]  # fmt: skip
            if any(session.scalar(select(column).where(column == client_id).limit(1)) for _table, column in links):
                raise InvalidInput(
                    "This draft card already has history (visits, log entries, proposals or linked cards) "
                    "and is not deleted.",
                    "Merge it into the existing card, or complete it.",
                    zh="此草稿档案已有记录（拜访、日志、投保单或关联档案），不能删除。",
                    hint_zh="请将其合并到已有档案，或补全后保留。",
                )
            name = client.name
            session.execute(delete(models.Client).where(models.Client.id == client_id))
            record_event(session, actor=self._actor(), action="delete", entity="client", entity_id=client_id,
                         detail={"status": "draft", "name": name})  # fmt: skip

    # ---- privacy -----------------------------------------------------------------------

    def reveal(self, client_id: ClientId, field_name: str) -> str:
        """The unmasked value, for the card only; every reveal goes into the audit log."""
        if field_name not in REVEALABLE:
            raise InvalidInput(f"{field_name} is not a field that can be revealed.", zh="该字段不能显示明文。")
        with self._sessions.begin() as session:
            client = session.get(models.Client, client_id)
            if client is None:
                raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
            record_event(
                session,
                actor=self._actor(),
                action="reveal",
                entity="client",
                entity_id=client_id,
                detail={"field": field_name},
            )
            return getattr(client, field_name) or ""

    # ---- contact history ---------------------------------------------------------------

    def history(self, client_id: ClientId, limit: int = 200) -> list[HistoryEntry]:
        with self._sessions() as session:
            entries: list[HistoryEntry] = []
            for v in session.scalars(
                select(models.Visit)
                .where(models.Visit.client_id == client_id)
                .order_by(models.Visit.starts_at.desc())
                .limit(limit)
            ):
                entries.append(
                    HistoryEntry(
                        v.starts_at, "visit", v.purpose, v.status + (f" · {v.outcome}" if v.outcome else ""), v.id
                    )
                )
            forms, form_entries = _form_history(session, client_id, limit)
            entries.extend(forms)
            for w in session.scalars(
                select(models.WorkLogEntry)
                # A done visit and its work-log entry are one meeting: the visit row above says it.
                .where(models.WorkLogEntry.client_id == client_id, models.WorkLogEntry.visit_id.is_(None))
                .order_by(models.WorkLogEntry.at.desc())
                .limit(limit)
            ):
                if w.id in form_entries:
                    continue  # the call or interview form above is that work: shown once, as the form
                entries.append(
                    HistoryEntry(
                        w.at, "worklog", w.kind, " · ".join(filter(None, (w.sales_step, w.outcome, w.notes))), w.id
                    )
                )
            proposals = (
                session.execute(
                    select(models.Proposal)
                    .join(models.ProposalParty, models.ProposalParty.proposal_id == models.Proposal.id)
                    .where(models.ProposalParty.client_id == client_id)
                    .distinct()
                )
                .scalars()
                .all()
            )
            for p in proposals:
                entries.append(HistoryEntry(p.finished_at or p.created_at, "proposal", p.product_name, p.status, p.id))
                for r in session.scalars(select(models.Receipt).where(models.Receipt.proposal_id == p.id)):
                    signed = r.finished_at or r.created_at
                    entries.append(HistoryEntry(signed, "receipt", r.policy_number, r.status, r.id))
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[:limit]


def _form_history(session: Session, client_id: str, limit: int) -> tuple[list[HistoryEntry], set[str]]:
    """The sales forms about the client (电话邀约, 需求面谈, 成交面谈), and the ids of the work-log
    entries they wrote: the history shows each piece of work once, as its form.

    Kinds call_record | needs_interview | closing_interview; the title is the form's outcome or
    status code (prepared, done, draft, appointment, closed…) for the screen to put in words."""
    zone = local_zone()
    entries: list[HistoryEntry] = []
    worklog_ids: set[str] = set()
    for c in session.scalars(
        select(models.CallRecord)
        .where(models.CallRecord.client_id == client_id)
        .order_by(models.CallRecord.call_on.desc())
        .limit(limit)
    ):
        when = c.called_at or datetime.combine(c.call_on, time(9), zone)
        title = (c.outcome or c.status) if c.status == "done" else c.status
        agreed = c.agreed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if c.agreed_at else ""
        detail = " · ".join(filter(None, (agreed, c.agreed_place, _first_line(c.notes or c.script))))
        entries.append(HistoryEntry(when, "call_record", title, detail, c.id))
        worklog_ids.add(c.worklog_id or "")
    for n in session.scalars(
        select(models.NeedsInterview)
        .where(models.NeedsInterview.client_id == client_id)
        .order_by(models.NeedsInterview.held_on.desc())
        .limit(limit)
    ):
        detail = _first_line(n.needs_found or n.analysis or n.preparation)
        entries.append(
            HistoryEntry(datetime.combine(n.held_on, time(9), zone), "needs_interview", n.status, detail, n.id)
        )
        worklog_ids.add(n.worklog_id or "")
    for f in session.scalars(
        select(models.ClosingInterview)
        .where(models.ClosingInterview.client_id == client_id)
        .order_by(models.ClosingInterview.held_on.desc())
        .limit(limit)
    ):
        title = f.outcome if f.status == "done" and f.outcome else f.status
        detail = " · ".join(filter(None, (f.product_name, _first_line(f.improve or f.other))))
        entries.append(
            HistoryEntry(datetime.combine(f.held_on, time(9), zone), "closing_interview", title, detail, f.id)
        )
        worklog_ids.add(f.worklog_id or "")
    return entries, worklog_ids - {""}


def _first_line(text: str, most: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= most else line[: most - 1] + "…"


def _clean_tags(tags: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))


def _child_rows(client_id: str, draft: ClientDraft) -> list[tuple[Any, list[dict[str, Any]]]]:
    return [
        (models.FamilyMember, [{"client_id": client_id, **asdict(f)} for f in draft.family]),
        (models.ProductHolding, [{"client_id": client_id, **asdict(p)} for p in draft.products]),
        (models.ImportantDate, [{"client_id": client_id, **asdict(d)} for d in draft.dates]),
        (models.ClientTag, [{"client_id": client_id, "tag": t} for t in _clean_tags(draft.tags)]),
    ]


def _entries(session: Session, table: Any, entry_type: Any, client_id: str) -> list[Any]:
    names = [f.name for f in fields(entry_type)]
    return [
        entry_type(**{n: getattr(row, n) for n in names})
        for row in session.scalars(select(table).where(table.client_id == client_id).order_by(table.created_at))
    ]
