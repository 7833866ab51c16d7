"""需求面谈表 (needs interviews): before (preparation), during (relationship, needs found; family,
income, existing cover and assets, goals), after (analysis), with the manager's calculators.

An interview belongs to a visit and its client, or to a prospect. It saves as typed (a draft):
calculator inputs that break a rule are kept as typed and only the figures they feed are left
out. Marking it done is work done, counted once (the issue 17 contract): it links the visit's own
work-log entry (the visit is marked done if it was still planned), or writes a new entry of kind
"visit" when there is no visit, with the sales step at least 需求激发 ("need"); `worklog_id` keeps
it. Taking "done" back removes an entry it wrote itself (open day only); the visit's entry stays,
as the meeting did take place.

Done writes the conclusions back to the client card where the card has a place for them (see
`_write_back`): the goals as tags, a dated line of figures in the notes, the income band when the
card has none, a child named in the education calculator when the card lacks them. Never the
card's assets: they are what the client holds at the bank, not the family's. A prospect has no
card: nothing is written back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.common.local_time import local_zone
from app.day.worklog import (
    CORRECT_IN_SUMMARY,
    SALES_STEPS,
    LogInput,
    WorkLogService,
    drop_entry,
    record_visit,
    refuse_closed,
    visit_entry,
)
from app.errors import InvalidInput, NotFound
from app.profile.audit import record_event
from app.rules.client_card import age_on
from app.rules.ids import ClientId, ProspectId, VisitId, optional_id
from app.rules.money import yuan_text
from app.rules.needs_calculators import (
    DEFAULT_INCOME_YEARS,
    DEFAULT_INFLATION_BP,
    DEFAULT_RETIREMENT_YEARS,
    DEFAULT_RETURN_BP,
    DEFAULT_STUDY_YEARS,
    DEFAULT_UNIVERSITY_AGE,
    CalculatorInputError,
    EducationInput,
    EducationResult,
    PensionInput,
    PensionResult,
    ProtectionInput,
    ProtectionResult,
    default_retirement_age,
    education_fund,
    pension_gap,
    protection_gap,
)
from app.rules.problem import Problem
from local_db.base import utcnow
from local_db.models import Client, ClientTag, FamilyMember, NeedsInterview, Prospect, Visit, WorkLogEntry

GOALS = ("education", "pension", "health", "wealth", "protection")
# The card's tag for each goal, in the words the manager searches by.
GOAL_TAGS = {
    "education": "子女教育",
    "pension": "养老规划",
    "health": "健康保障",
    "wealth": "财富管理",
    "protection": "家庭保障",
}
TEXTS = ("preparation", "relationship", "needs_found", "analysis")
MAX_TEXT = 4000
TEXT_ZH = {
    "preparation": "面谈前准备",
    "relationship": "建立关系",
    "needs_found": "发现的需求",
    "analysis": "面谈后分析",
}
STEP = "need"  # 需求激发: a needs interview reached at least this step
NOTE_HEAD = "需求面谈"
# The card's income field is a band (as the demo and imports write it); 万元 upper bounds.
INCOME_BANDS = ((5, "5万以下"), (10, "5-10万"), (20, "10-20万"), (50, "20-50万"), (100, "50-100万"))
TOP_BAND = "100万以上"


@dataclass(frozen=True)
class NeedsInputs:
    """What the calculators take, as typed; None is "not known". Money in fen, rates in basis points."""

    family: str = ""  # spouse, children, parents supported, in the manager's words
    assets_notes: str = ""  # existing cover and assets, in words
    annual_income_cents: int | None = None
    debts_cents: int | None = None
    existing_cover_cents: int | None = None
    liquid_assets_cents: int | None = None
    income_years: int | None = None
    child_name: str = ""
    child_age: int | None = None
    university_cost_cents: int | None = None  # a year, today
    study_years: int | None = None
    start_age: int | None = None
    education_saved_cents: int | None = None
    current_age: int | None = None
    retirement_age: int | None = None
    desired_monthly_cents: int | None = None
    social_monthly_cents: int | None = None
    retirement_years: int | None = None
    pension_saved_cents: int | None = None
    inflation_bp: int | None = None
    return_bp: int | None = None

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v not in (None, "")}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> NeedsInputs:
        """Known keys of the right type; anything else (a later version's field) is left out."""
        try:
            raw = json.loads(text or "{}")
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = raw.get(f.name)
            text_field = f.name in ("family", "assets_notes", "child_name")
            number = isinstance(value, int) and not isinstance(value, bool)
            if (isinstance(value, str) and text_field) or (number and not text_field):
                values[f.name] = value
        return cls(**values)


@dataclass(frozen=True)
class NeedsFigures:
    """The calculators' answers for the inputs known; a calculator lacking an input gives None."""

    protection: ProtectionResult | None = None
    education: EducationResult | None = None
    pension: PensionResult | None = None
    problems: tuple[Problem, ...] = ()


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def figures(inputs: NeedsInputs) -> NeedsFigures:
    """Each calculator whose required inputs are known; inputs breaking a rule give its problems.
    Required: the protection gap needs the income, the education fund the child's age and the
    annual cost, the pension gap the current age and the monthly income wanted."""
    i = inputs
    problems: list[Problem] = []
    protection = education = pension = None
    inflation, back = _or(i.inflation_bp, DEFAULT_INFLATION_BP), _or(i.return_bp, DEFAULT_RETURN_BP)
    try:
        if i.annual_income_cents is not None:
            protection = protection_gap(
                ProtectionInput(
                    i.annual_income_cents,
                    _or(i.debts_cents, 0),
                    _or(i.existing_cover_cents, 0),
                    _or(i.liquid_assets_cents, 0),
                    _or(i.income_years, DEFAULT_INCOME_YEARS),
                )
            )
    except CalculatorInputError as exc:
        problems += exc.problems
    try:
        if i.child_age is not None and i.university_cost_cents is not None:
            education = education_fund(
                EducationInput(
                    i.child_age,
                    i.university_cost_cents,
                    _or(i.start_age, DEFAULT_UNIVERSITY_AGE),
                    _or(i.study_years, DEFAULT_STUDY_YEARS),
                    inflation,
                    back,
                    _or(i.education_saved_cents, 0),
                )
            )
    except CalculatorInputError as exc:
        problems += exc.problems
    try:
        if i.current_age is not None and i.desired_monthly_cents is not None:
            pension = pension_gap(
                PensionInput(
                    i.current_age,
                    _or(i.retirement_age, default_retirement_age(None)),
                    i.desired_monthly_cents,
                    _or(i.social_monthly_cents, 0),
                    _or(i.retirement_years, DEFAULT_RETIREMENT_YEARS),
                    inflation,
                    back,
                    _or(i.pension_saved_cents, 0),
                )
            )
    except CalculatorInputError as exc:
        problems += exc.problems
    return NeedsFigures(protection, education, pension, tuple(problems))


@dataclass(frozen=True)
class NeedsDraft:
    """The form as typed."""

    held_on: date
    preparation: str = ""
    relationship: str = ""
    needs_found: str = ""
    analysis: str = ""
    goals: tuple[str, ...] = ()
    inputs: NeedsInputs = field(default_factory=NeedsInputs)


@dataclass(frozen=True)
class NeedsInterviewView:
    id: str
    client_id: ClientId | None
    prospect_id: ProspectId | None
    visit_id: VisitId | None
    who: str  # the client's or prospect's name
    gender: str | None
    status: str  # draft | done
    worklog_id: str | None
    draft: NeedsDraft
    updated_at: datetime

    @property
    def done(self) -> bool:
        return self.status == "done"


class NeedsInterviewService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        worklog: WorkLogService,
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._worklog = worklog
        self._actor = actor
        self._zone = zone or local_zone()
        self._now = now

    # ---- reading ----------------------------------------------------------------------------

    def get(self, interview_id: str) -> NeedsInterviewView:
        with self._sessions() as session:
            return self._view(session, _row(session, interview_id))

    def for_visit(self, visit_id: str) -> NeedsInterviewView | None:
        """The visit's interview (the first made, should there be more)."""
        with self._sessions() as session:
            row = session.scalar(
                select(NeedsInterview).where(NeedsInterview.visit_id == visit_id).order_by(NeedsInterview.created_at)
            )
            return self._view(session, row) if row is not None else None

    def for_client(self, client_id: str) -> list[NeedsInterviewView]:
        """A card's interviews, newest first (the client's history)."""
        with self._sessions() as session:
            rows = session.scalars(
                select(NeedsInterview)
                .where(NeedsInterview.client_id == client_id)
                .order_by(NeedsInterview.held_on.desc(), NeedsInterview.created_at.desc())
            )
            return [self._view(session, r) for r in rows]

    # ---- writing ----------------------------------------------------------------------------

    def create(
        self, *, visit_id: str | None = None, client_id: str | None = None, prospect_id: str | None = None
    ) -> NeedsInterviewView:
        """A new draft for a visit (its client and day), a client or a prospect (today), with what
        the card already says filled in: the client's age and retirement age, a child's age."""
        with self._sessions.begin() as session:
            held_on = self._now().astimezone(self._zone).date()
            if visit_id is not None:
                visit = session.get(Visit, visit_id)
                if visit is None:
                    raise NotFound(f"No visit {visit_id}.", zh="找不到该拜访。")
                if visit.kind != "client" or visit.client_id is None:
                    raise InvalidInput(
                        "A needs interview is held with a client, not at an outlet.",
                        zh="需求面谈的对象是客户，不是网点。",
                    )
                client_id, prospect_id = visit.client_id, None
                held_on = visit.starts_at.astimezone(self._zone).date()
            _check_party(session, client_id, prospect_id)
            inputs = _from_card(session, client_id, held_on) if client_id else _from_prospect(session, prospect_id)
            row = NeedsInterview(
                client_id=client_id,
                prospect_id=prospect_id,
                visit_id=visit_id,
                held_on=held_on,
                status="draft",
                inputs_json=inputs.to_json(),
                goals_json="[]",
            )
            session.add(row)
            session.flush()
            record_event(
                session,
                actor=self._actor(),
                action="create",
                entity="needs_interview",
                entity_id=row.id,
                detail={"client_id": client_id, "visit_id": visit_id},
            )
            return self._view(session, row)

    def save(self, interview_id: str, draft: NeedsDraft) -> NeedsInterviewView:
        """Keep the form as typed. A done interview's day is its entry's: take "done" back first."""
        _check_draft(draft)
        with self._sessions.begin() as session:
            row = _row(session, interview_id)
            if row.status == "done" and draft.held_on != row.held_on:
                raise InvalidInput(
                    "This interview is done and counted on its day.",
                    "Take back “done” to change its date.",
                    zh="该面谈已完成并计入当天。",
                    hint_zh="如需修改日期，请先取消“已完成”。",
                )
            changed = _write(row, draft)
            if changed:
                session.flush()
                record_event(
                    session,
                    actor=self._actor(),
                    action="edit",
                    entity="needs_interview",
                    entity_id=row.id,
                    detail={"fields": changed},
                )
            return self._view(session, row)

    def mark_done(self, interview_id: str) -> NeedsInterviewView:
        """The interview was held: count it once in the work log and write its conclusions back."""
        with self._sessions.begin() as session:
            row = _row(session, interview_id)
            if row.status == "done":
                return self._view(session, row)
            if row.client_id is None and row.prospect_id is None:
                raise InvalidInput(
                    "Choose the client or prospect the interview was held with.", zh="请选择面谈的客户或准客户。"
                )
            inputs = NeedsInputs.from_json(row.inputs_json)
            result = figures(inputs)
            if result.problems:
                raise InvalidInput(
                    "Some figures cannot be worked out: " + " ".join(p.en for p in result.problems),
                    "Correct them, or clear them, before marking the interview done.",
                    zh="部分测算无法完成：" + "".join(p.zh_CN for p in result.problems),
                    hint_zh="请先更正或清空这些数字，再标记面谈已完成。",
                )
            entry = self._count(session, row)
            row.status, row.worklog_id = "done", entry.id
            session.flush()
            written = self._write_back(session, row, inputs, result)
            record_event(
                session,
                actor=self._actor(),
                action="status",
                entity="needs_interview",
                entity_id=row.id,
                detail={"status": "done", "worklog_id": entry.id, "card": written},
            )
            return self._view(session, row)

    def reopen(self, interview_id: str) -> NeedsInterviewView:
        """Back to draft: an entry the interview wrote goes (open day only); a visit's entry stays."""
        with self._sessions.begin() as session:
            row = _row(session, interview_id)
            if row.status != "done":
                return self._view(session, row)
            entry = session.get(WorkLogEntry, row.worklog_id) if row.worklog_id else None
            if entry is not None:
                refuse_closed(
                    session, entry.day, "the interview stays counted", "该面谈仍计入当天", *CORRECT_IN_SUMMARY
                )
            row.status, row.worklog_id = "draft", None
            session.flush()
            if entry is not None and entry.visit_id is None:
                drop_entry(session, entry, self._actor(), reason="needs interview taken back")
            record_event(
                session,
                actor=self._actor(),
                action="status",
                entity="needs_interview",
                entity_id=row.id,
                detail={"status": "draft"},
            )
            return self._view(session, row)

    def delete_draft(self, interview_id: str) -> None:
        """A draft opened and closed without typing is not kept; a done interview is never deleted."""
        with self._sessions.begin() as session:
            row = _row(session, interview_id)
            if row.status == "done":
                raise InvalidInput(
                    "A done interview is kept.",
                    "Take back “done” first.",
                    zh="已完成的面谈不能删除。",
                    hint_zh="请先取消“已完成”。",
                )
            session.delete(row)
            record_event(
                session,
                actor=self._actor(),
                action="delete",
                entity="needs_interview",
                entity_id=interview_id,
                detail={},
            )

    # ---- the work log and the card ------------------------------------------------------------

    def _count(self, session: Session, row: NeedsInterview) -> WorkLogEntry:
        """The one entry that counts the interview: the visit's, else one of its own."""
        visit = session.get(Visit, row.visit_id) if row.visit_id else None
        if visit is None and row.client_id is not None:
            # The client's visit of that day is this meeting: never a second entry for it.
            visit = self._visit_of_day(session, row.client_id, row.held_on)
            row.visit_id = visit.id if visit else None
        if visit is not None and visit.status in ("planned", "done"):
            entry = visit_entry(session, visit.id)
            step = entry.sales_step if entry is not None else None
            if step not in SALES_STEPS or SALES_STEPS.index(step) < SALES_STEPS.index(STEP):
                step = STEP
            if entry is None or entry.sales_step != step:
                entry = record_visit(session, visit, step, self._actor(), self._zone)
            if visit.status != "done":
                visit.status = "done"
                record_event(
                    session,
                    actor=self._actor(),
                    action="status",
                    entity="visit",
                    entity_id=visit.id,
                    detail={"status": "done", "outcome": visit.outcome, "from": "needs_interview"},
                )
            return entry
        return self._worklog.record(
            session,
            LogInput(
                kind="visit",
                day=row.held_on,
                at=self._at(row.held_on),
                client_id=optional_id(ClientId, row.client_id),
                prospect_id=optional_id(ProspectId, row.prospect_id),
                sales_step=STEP,
                outcome=NOTE_HEAD,
            ),
            detail={"needs_interview_id": row.id},
        )

    def _visit_of_day(self, session: Session, client_id: str, day: date) -> Visit | None:
        """The client's visit that day not counted yet (planned, or done without its entry),
        the nearest to now."""
        start = datetime.combine(day, time.min, self._zone)
        visits = session.scalars(
            select(Visit).where(
                Visit.client_id == client_id,
                Visit.kind == "client",
                Visit.status.in_(("planned", "done")),
                Visit.starts_at >= start,
                Visit.starts_at < start + timedelta(days=1),
            )
        )
        free = [v for v in visits if v.status == "planned" or visit_entry(session, v.id) is None]
        at = self._at(day)
        return min(free, key=lambda v: abs(v.starts_at - at), default=None)

    def _at(self, day: date) -> datetime:
        now = self._now().astimezone(self._zone)
        return now if now.date() == day else datetime.combine(day, now.time(), self._zone)

    def _write_back(
        self, session: Session, row: NeedsInterview, inputs: NeedsInputs, result: NeedsFigures
    ) -> list[str]:
        """The conclusions the card has a place for; returns the card fields written (audited)."""
        if row.prospect_id is not None:
            prospect = session.get(Prospect, row.prospect_id)
            if prospect is not None and prospect.stage in ("new", "contacted"):
                prospect.stage = "interviewed"  # the prospect's own record: no card yet
            return []
        client = session.get(Client, row.client_id) if row.client_id else None
        if client is None or client.merged_into_id is not None:
            return []
        written: list[str] = []
        goals = [g for g in json.loads(row.goals_json or "[]") if g in GOAL_TAGS]
        tags = list(session.scalars(select(ClientTag.tag).where(ClientTag.client_id == client.id)))
        new_tags = [GOAL_TAGS[g] for g in goals if GOAL_TAGS[g] not in tags]
        if new_tags:
            session.add_all(ClientTag(client_id=client.id, tag=t) for t in new_tags)
            client.tags_text = " ".join([*client.tags_text.split(), *new_tags])
            written.append("tags")
        line = conclusion_line(row.held_on, goals, result)
        if line:
            kept = [n for n in client.notes.splitlines() if not n.startswith(f"{NOTE_HEAD} {row.held_on.isoformat()}")]
            notes = "\n".join([*kept, line]).strip()
            if notes != client.notes:
                client.notes = notes
                written.append("notes")
        if not client.income_band and inputs.annual_income_cents is not None:
            client.income_band = income_band(inputs.annual_income_cents)
            written.append("income_band")
        name = inputs.child_name.strip()
        if name and inputs.child_age is not None:
            children = session.scalars(
                select(FamilyMember.name).where(FamilyMember.client_id == client.id, FamilyMember.relation == "child")
            )
            if name not in set(children):
                session.add(
                    FamilyMember(
                        client_id=client.id,
                        relation="child",
                        name=name[:50],
                        education_stage=education_stage(inputs.child_age),
                    )
                )
                written.append("family")
        if written:
            session.flush()
            record_event(
                session,
                actor=self._actor(),
                action="edit",
                entity="client",
                entity_id=client.id,
                detail={"fields": written, "from": "needs_interview", "needs_interview_id": row.id},
            )
        return written

    def _view(self, session: Session, row: NeedsInterview) -> NeedsInterviewView:
        who, gender = "", None
        if row.client_id:
            client = session.get(Client, row.client_id)
            who, gender = (client.name, client.gender) if client else ("", None)
        elif row.prospect_id:
            prospect = session.get(Prospect, row.prospect_id)
            who, gender = (prospect.name, prospect.gender) if prospect else ("", None)
        goals = tuple(g for g in json.loads(row.goals_json or "[]") if g in GOALS)
        draft = NeedsDraft(
            row.held_on,
            row.preparation,
            row.relationship,
            row.needs_found,
            row.analysis,
            goals,
            NeedsInputs.from_json(row.inputs_json),
        )
        return NeedsInterviewView(
            row.id,
            optional_id(ClientId, row.client_id),
            optional_id(ProspectId, row.prospect_id),
            optional_id(VisitId, row.visit_id),
            who,
            gender,
            row.status,
            row.worklog_id,
            draft,
            row.updated_at,
        )


# ---- helpers ----------------------------------------------------------------------------------


def conclusion_line(held_on: date, goals: list[str] | tuple[str, ...], result: NeedsFigures) -> str:
    """“需求面谈 2026-11-23：保障缺口 330,000.00 元；…；目标：子女教育、养老规划” — the card's notes line."""
    parts = []
    if result.protection is not None:
        parts.append(f"保障缺口 {yuan_text(result.protection.gap_cents)} 元")
    if result.education is not None:
        parts.append(f"教育金缺口 {yuan_text(result.education.gap_cents)} 元")
    if result.pension is not None:
        parts.append(f"养老缺口 {yuan_text(result.pension.gap_cents)} 元")
    if goals:
        parts.append("目标：" + "、".join(GOAL_TAGS[g] for g in goals if g in GOAL_TAGS))
    return f"{NOTE_HEAD} {held_on.isoformat()}：" + "；".join(parts) if parts else ""


def income_band(annual_cents: int) -> str:
    wan = annual_cents / 1_000_000
    return next((band for upper, band in INCOME_BANDS if wan < upper), TOP_BAND)


def education_stage(age: int) -> str:
    """The card's education stage for a child's age (Chinese school ages)."""
    for upper, stage in ((6, "preschool"), (12, "primary"), (15, "middle"), (18, "high"), (22, "university")):
        if age < upper:
            return stage
    return "working"


def _from_card(session: Session, client_id: str, held_on: date) -> NeedsInputs:
    client = session.get(Client, client_id)
    if client is None:
        return NeedsInputs()
    inputs = NeedsInputs(retirement_age=default_retirement_age(client.gender))
    if client.birth_date is not None:
        inputs = replace(inputs, current_age=age_on(client.birth_date, held_on))
    child = session.scalar(
        select(FamilyMember)
        .where(
            FamilyMember.client_id == client_id, FamilyMember.relation == "child", FamilyMember.birth_date.is_not(None)
        )
        .order_by(FamilyMember.birth_date.desc())
    )
    if child is not None and child.birth_date is not None:
        inputs = replace(inputs, child_name=child.name, child_age=age_on(child.birth_date, held_on))
    return inputs


def _from_prospect(session: Session, prospect_id: str | None) -> NeedsInputs:
    prospect = session.get(Prospect, prospect_id) if prospect_id else None
    if prospect is None:
        return NeedsInputs()
    return NeedsInputs(
        family=prospect.family, current_age=prospect.age, retirement_age=default_retirement_age(prospect.gender)
    )


def _check_party(session: Session, client_id: str | None, prospect_id: str | None) -> None:
    if client_id is not None and prospect_id is not None:
        raise InvalidInput(
            "An interview is with a client or a prospect, not both.",
            zh="一次面谈只能对应一位客户或一位准客户，不能同时对应两者。",
        )
    if client_id is not None and session.get(Client, client_id) is None:
        raise NotFound(f"No client card {client_id}.", zh="找不到该客户档案。")
    if prospect_id is not None and session.get(Prospect, prospect_id) is None:
        raise NotFound(f"No prospect {prospect_id}.", zh="找不到该准客户。")


def _check_draft(draft: NeedsDraft) -> None:
    for name in TEXTS:
        if len(getattr(draft, name)) > MAX_TEXT:
            raise InvalidInput(
                f"The {name.replace('_', ' ')} is longer than {MAX_TEXT} characters.",
                zh=f"“{TEXT_ZH[name]}”超过 {MAX_TEXT} 个字。",
            )
    unknown = [g for g in draft.goals if g not in GOALS]
    if unknown:
        raise InvalidInput(f"Unknown goal {unknown[0]!r}.", zh="未知的需求目标。")


def _write(row: NeedsInterview, draft: NeedsDraft) -> list[str]:
    wanted: dict[str, Any] = {name: getattr(draft, name) for name in TEXTS}
    wanted["held_on"] = draft.held_on
    wanted["goals_json"] = json.dumps([g for g in GOALS if g in draft.goals])
    wanted["inputs_json"] = draft.inputs.to_json()
    changed = sorted(k for k, v in wanted.items() if getattr(row, k) != v)
    for name in changed:
        setattr(row, name, wanted[name])
    return changed


def _row(session: Session, interview_id: str) -> NeedsInterview:
    row = session.get(NeedsInterview, interview_id)
    if row is None:
        raise NotFound(f"No needs interview {interview_id}.", zh="找不到该需求面谈记录。")
    return row
