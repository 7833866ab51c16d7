"""Prospects (准客户): quick capture without an ID, a stage, referrals both ways, conversion.

A prospect is captured with a name and a mobile number at the outlet; the mobile must be a real
mainland mobile (the client card's rule), and a client card or prospect that already has it is
handed back instead of a second record. *Convert* makes the client card from what is known (a
draft until the ID number is typed in), moves the prospect's work-log entries onto it and keeps
the prospect as `converted`, pointing at the card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.clients.records import ClientDraft
from app.clients.service import ClientService
from app.day.worklog import CONTACT_KINDS
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.prospects.records import (
    SOURCES,
    STAGES,
    CaptureResult,
    Conversion,
    MobileMatch,
    ProspectDetail,
    ProspectId,
    ProspectInput,
    ProspectRow,
    Referral,
)
from app.rules.client_card import GENDERS, MOBILE, normalise_phone
from app.rules.ids import ClientId, OutletId, optional_id
from app.rules.masking import mask_phone
from local_db.models import Client, Outlet, Prospect, WorkLogEntry

# Column widths of the prospects table (local_db/models/followups.py).
MAX_CHARS = {"name": 50, "occupation": 100, "housing": 100, "car": 100, "family": 200, "interests": 200}
FIELD_ZH = {
    "name": "姓名",
    "occupation": "职业",
    "housing": "住房",
    "car": "车辆",
    "family": "家庭",
    "interests": "兴趣爱好",
}
# Stages a user sets by hand; `converted` only comes from converting.
SETTABLE_STAGES = tuple(s for s in STAGES if s != "converted")
LIST_LIMIT = 500


@dataclass(frozen=True)
class ProspectQuery:
    text: str = ""  # name, occupation or interests contain it; 4+ digits: in the mobile
    stage: str | None = None
    limit: int = LIST_LIMIT


class ProspectService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clients: ClientService,
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._clients = clients
        self._actor = actor
        self._today = today

    # ---- capture and edit ----------------------------------------------------------------

    def capture(self, fields: ProspectInput, *, keep_duplicate: bool = False) -> CaptureResult:
        """Save a new prospect, or hand back the card or prospect with the same mobile (nothing
        saved) unless `keep_duplicate` (the user looked at it and wants both, e.g. a family phone)."""
        fields = _cleaned(fields)
        with self._sessions.begin() as session:
            _check(session, fields, self_id=None)
            if not keep_duplicate:
                match = _mobile_match(session, fields.mobile, self_id=None)
                if match is not None:
                    return CaptureResult(None, match)
            row = Prospect(captured_on=self._today(), stage="new", **_values(fields))
            session.add(row)
            session.flush()
            record_event(session, actor=self._actor(), action="create", entity="prospect", entity_id=row.id,
                         detail={"source": row.source, "duplicate_kept": keep_duplicate})  # fmt: skip
            return CaptureResult(_row_of(session, row.id), None)

    def update(self, prospect_id: ProspectId, fields: ProspectInput, *, keep_duplicate: bool = False) -> CaptureResult:
        fields = _cleaned(fields)
        with self._sessions.begin() as session:
            row = _get(session, prospect_id)
            _check(session, fields, self_id=prospect_id)
            if not keep_duplicate and normalise_phone(row.mobile) != fields.mobile:
                match = _mobile_match(session, fields.mobile, self_id=prospect_id)
                if match is not None:
                    return CaptureResult(None, match)
            values = _values(fields)
            changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
            for key, value in values.items():
                setattr(row, key, value)
            record_event(session, actor=self._actor(), action="edit", entity="prospect", entity_id=row.id,
                         detail={"fields": changed})  # fmt: skip
            session.flush()
            return CaptureResult(_row_of(session, row.id), None)

    def set_stage(self, prospect_id: ProspectId, stage: str) -> ProspectRow:
        if stage not in SETTABLE_STAGES:
            raise InvalidInput(
                f"Unknown or unsettable stage {stage!r}.",
                "A prospect becomes converted by converting it to a client card.",
                zh="该阶段不能直接设置。",
                hint_zh="准客户转为客户档案后才会成为“已转化”。",
            )
        with self._sessions.begin() as session:
            row = _get(session, prospect_id)
            if row.converted_client_id is not None:
                raise InvalidInput("This prospect is a client now; its stage stays converted.",
                                   zh="该准客户已转为客户，阶段保持“已转化”。")  # fmt: skip
            if row.stage != stage:
                record_event(session, actor=self._actor(), action="stage", entity="prospect", entity_id=row.id,
                             detail={"from": row.stage, "to": stage})  # fmt: skip
                row.stage = stage
            session.flush()
            return _row_of(session, row.id)

    # ---- reading -------------------------------------------------------------------------

    def search(self, query: ProspectQuery = ProspectQuery()) -> list[ProspectRow]:
        statement = _rows_statement().order_by(Prospect.captured_on.desc(), Prospect.created_at.desc())
        text = query.text.strip()
        if text:
            digits = normalise_phone(text)
            if digits.isdigit() and len(digits) >= 4:
                statement = statement.where(Prospect.mobile.contains(digits, autoescape=True))
            else:
                statement = statement.where(
                    or_(*(column.contains(text, autoescape=True)
                          for column in (Prospect.name, Prospect.occupation, Prospect.interests)))
                )  # fmt: skip
        if query.stage:
            statement = statement.where(Prospect.stage == query.stage)
        with self._sessions() as session:
            return [_row(r) for r in session.execute(statement.limit(query.limit))]

    def get(self, prospect_id: ProspectId) -> ProspectDetail:
        with self._sessions() as session:
            row = _get(session, prospect_id)
            referred_by = None
            if row.referred_by_prospect_id:
                other = session.get(Prospect, row.referred_by_prospect_id)
                if other is not None:
                    referred_by = Referral("prospect", other.id, other.name, other.stage)
            elif row.referred_by_client_id:
                client = session.get(Client, row.referred_by_client_id)
                if client is not None:
                    referred_by = Referral("client", client.id, client.name, "")
            referred = _referred(session, Prospect.referred_by_prospect_id == row.id)
            fields = ProspectInput(
                name=row.name, mobile=row.mobile, gender=row.gender, age=row.age, occupation=row.occupation,
                housing=row.housing, car=row.car, family=row.family, interests=row.interests, source=row.source,
                referred_by_client_id=optional_id(ClientId, row.referred_by_client_id),
                referred_by_prospect_id=optional_id(ProspectId, row.referred_by_prospect_id),
                outlet_id=optional_id(OutletId, row.outlet_id), notes=row.notes,
            )  # fmt: skip
            return ProspectDetail(_row_of(session, row.id), fields, referred_by, referred)

    def referred_by_client(self, client_id: ClientId) -> list[Referral]:
        """Whom a client referred: the other side of each prospect's 'referred by'."""
        with self._sessions() as session:
            return list(_referred(session, Prospect.referred_by_client_id == client_id))

    def captured_on(self, day: date) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).where(Prospect.captured_on == day)) or 0

    # ---- conversion ----------------------------------------------------------------------

    def convert(self, prospect_id: ProspectId) -> Conversion:
        """Make the client card from what is known; the prospect's history moves onto it."""
        with self._sessions.begin() as session:
            row = _get(session, prospect_id)
            if row.converted_client_id is not None:
                raise InvalidInput("This prospect was already converted to a client card.",
                                   "Open that card instead.", zh="该准客户已经转为客户档案。",
                                   hint_zh="请直接打开那份档案。")  # fmt: skip
            referred = row.referred_by_client_id is not None or row.referred_by_prospect_id is not None
            draft = ClientDraft(
                name=row.name,
                gender=row.gender,
                mobile=row.mobile,
                occupation=row.occupation,
                source="referral" if referred else (row.source if row.source != "event" else "other"),
                hobbies=row.interests,
                notes=_card_notes(row),
                outlet_id=optional_id(OutletId, row.outlet_id),
            )
            saved = self._clients.save(draft, session=session)
            client_id = saved.client_id
            moved = session.scalar(select(func.count()).where(WorkLogEntry.prospect_id == row.id)) or 0
            session.execute(update(WorkLogEntry).where(WorkLogEntry.prospect_id == row.id).values(client_id=client_id))
            last_contact = session.scalar(
                select(func.max(WorkLogEntry.at)).where(
                    WorkLogEntry.prospect_id == row.id, WorkLogEntry.kind.in_(CONTACT_KINDS)
                )
            )
            client = session.get(Client, client_id)
            assert client is not None
            if last_contact is not None:
                client.last_contact_at = last_contact
            # Whom the prospect referred were referred by this client from now on.
            session.execute(
                update(Prospect)
                .where(Prospect.referred_by_prospect_id == row.id, Prospect.referred_by_client_id.is_(None))
                .values(referred_by_client_id=client_id)
            )
            row.stage = "converted"
            row.converted_client_id = client_id
            record_event(session, actor=self._actor(), action="convert", entity="prospect", entity_id=row.id,
                         detail={"client_id": client_id, "moved_entries": moved})  # fmt: skip
            return Conversion(prospect_id, client_id, saved.status, moved)


# ---- helpers -------------------------------------------------------------------------------


def _cleaned(fields: ProspectInput) -> ProspectInput:
    text = {k: getattr(fields, k).strip() for k in (*MAX_CHARS, "notes", "mobile")}
    text["mobile"] = normalise_phone(text["mobile"])
    return replace(fields, **text)


def _check(session: Session, fields: ProspectInput, self_id: ProspectId | None) -> None:
    if not fields.name:
        raise InvalidInput("Enter the prospect's name.", zh="请填写准客户姓名。")
    if not fields.mobile:
        raise InvalidInput("Enter the prospect's mobile number: it is how you reach them again.",
                           zh="请填写准客户的手机号：以后要靠它联系对方。")  # fmt: skip
    if not MOBILE.fullmatch(fields.mobile):
        # The client card's rule (app/rules/client_card.py), in its words.
        raise InvalidInput("A mobile number has 11 digits and starts with 13-19, e.g. 13812345678.",
                           zh="手机号应为 13–19 开头的 11 位数字，例如 13812345678。")  # fmt: skip
    for key, limit in MAX_CHARS.items():
        if len(getattr(fields, key)) > limit:
            raise InvalidInput(f"The {key} is longer than {limit} characters.",
                               zh=f"{FIELD_ZH[key]}超过 {limit} 个字。")  # fmt: skip
    if fields.gender is not None and fields.gender not in GENDERS:
        raise InvalidInput("Choose male or female.", zh="请选择男或女。")
    if fields.age is not None and not 0 <= fields.age <= 120:
        raise InvalidInput("The age must be between 0 and 120.", zh="年龄应在 0 到 120 之间。")
    if fields.source not in SOURCES:
        raise InvalidInput(f"Unknown source {fields.source!r}.", zh="未知的客户来源。")
    if fields.referred_by_client_id is not None and fields.referred_by_prospect_id is not None:
        raise InvalidInput("A prospect is referred by one person: a client or a prospect.",
                           zh="推荐人只能有一位：客户或准客户。")  # fmt: skip
    if fields.referred_by_client_id is not None and session.get(Client, fields.referred_by_client_id) is None:
        raise InvalidInput("The referring client card no longer exists.", zh="推荐客户的档案已不存在。")
    if fields.referred_by_prospect_id is not None:
        if fields.referred_by_prospect_id == self_id:
            raise InvalidInput("A prospect cannot refer themselves.", zh="准客户不能推荐自己。")
        if session.get(Prospect, fields.referred_by_prospect_id) is None:
            raise InvalidInput("The referring prospect no longer exists.", zh="推荐的准客户已不存在。")
    if fields.outlet_id is not None and session.get(Outlet, fields.outlet_id) is None:
        raise InvalidInput("The outlet no longer exists.", zh="该网点已不存在。")


def _values(fields: ProspectInput) -> dict[str, Any]:
    referred = fields.referred_by_client_id is not None or fields.referred_by_prospect_id is not None
    return dict(
        name=fields.name,
        mobile=fields.mobile,
        gender=fields.gender,
        age=fields.age,
        occupation=fields.occupation,
        housing=fields.housing,
        car=fields.car,
        family=fields.family,
        interests=fields.interests,
        # Someone who was referred came by referral, whatever the form said.
        source="referral" if referred else fields.source,
        referred_by_client_id=fields.referred_by_client_id,
        referred_by_prospect_id=fields.referred_by_prospect_id,
        outlet_id=fields.outlet_id,
        notes=fields.notes,
    )


def _mobile_match(session: Session, mobile: str, self_id: ProspectId | None) -> MobileMatch | None:
    client = session.execute(
        select(Client.id, Client.name, Client.mobile)
        .where(Client.mobile == mobile, Client.merged_into_id.is_(None))
        .order_by(Client.status.desc(), Client.created_at)  # a valid card before a draft
        .limit(1)
    ).first()
    if client is not None:
        return MobileMatch("client", client.id, client.name, mask_phone(client.mobile))
    prospect = session.execute(
        select(Prospect.id, Prospect.name, Prospect.mobile)
        .where(Prospect.mobile == mobile, Prospect.id != (self_id or ""), Prospect.converted_client_id.is_(None))
        .order_by(Prospect.created_at)
        .limit(1)
    ).first()
    if prospect is not None:
        return MobileMatch("prospect", prospect.id, prospect.name, mask_phone(prospect.mobile))
    return None


def _get(session: Session, prospect_id: str) -> Prospect:
    row = session.get(Prospect, prospect_id)
    if row is None:
        raise NotFound(f"No prospect {prospect_id}.", zh="找不到该准客户。")
    return row


_REFERRING_CLIENT = aliased(Client)
_REFERRING_PROSPECT = aliased(Prospect)


def _rows_statement() -> Select[Any]:
    return (
        select(
            Prospect.id,
            Prospect.name,
            Prospect.mobile,
            Prospect.gender,
            Prospect.age,
            Prospect.occupation,
            Prospect.interests,
            Prospect.source,
            Prospect.stage,
            Prospect.captured_on,
            func.coalesce(_REFERRING_PROSPECT.name, _REFERRING_CLIENT.name, "").label("referrer"),
            Prospect.converted_client_id,
        )
        .outerjoin(_REFERRING_CLIENT, _REFERRING_CLIENT.id == Prospect.referred_by_client_id)
        .outerjoin(_REFERRING_PROSPECT, _REFERRING_PROSPECT.id == Prospect.referred_by_prospect_id)
    )


def _row(r: Any) -> ProspectRow:
    return ProspectRow(
        id=ProspectId(r.id),
        name=r.name,
        mobile_masked=mask_phone(r.mobile),
        gender=r.gender,
        age=r.age,
        occupation=r.occupation,
        interests=r.interests,
        source=r.source,
        stage=r.stage,
        captured_on=r.captured_on,
        referrer_name=r.referrer,
        converted_client_id=optional_id(ClientId, r.converted_client_id),
    )


def _row_of(session: Session, prospect_id: str) -> ProspectRow:
    return _row(session.execute(_rows_statement().where(Prospect.id == prospect_id)).one())


def _referred(session: Session, condition: Any) -> tuple[Referral, ...]:
    """Prospects matching `condition`; a converted one is shown as the client it became."""
    rows = session.execute(
        select(Prospect.id, Prospect.name, Prospect.stage, Prospect.converted_client_id)
        .where(condition)
        .order_by(Prospect.captured_on, Prospect.created_at)
    ).all()
    return tuple(
        Referral("client", r.converted_client_id, r.name, r.stage)
        if r.converted_client_id
        else Referral("prospect", r.id, r.name, r.stage)
        for r in rows
    )


def _card_notes(row: Prospect) -> str:
    """What the card has no field for, kept in its notes (in Chinese: the card is read in the branch)."""
    lines = [f"由准客户转入（{row.captured_on.isoformat()} 登记）"]
    for label, value in (
        ("年龄", str(row.age) if row.age is not None else ""),
        ("住房", row.housing),
        ("车辆", row.car),
        ("家庭", row.family),
        ("备注", row.notes),
    ):
        if value:
            lines.append(f"{label}：{value}")
    return "\n".join(lines)
