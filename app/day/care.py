"""Care messages (关怀短信) as a worklist: whom to send one to today, in what words.

The manuals ask for at least 20 care SMS a day to gold-card-and-above clients, of six kinds:
1. maturity and stop-profit / stop-loss notices — a product maturing within 30 days;
2. birthdays and special anniversaries — the client's birthday and their important dates,
   on the day or in the next two days (so Friday's list holds the weekend's);
3. a new tier reached — `clients.tier_since` within the last 30 days (invite them to collect
   the VIP card);
4. the revisit after a purchase — 10 days after the product's start (app/rules/reminders.py),
   still listed up to 3 days late;
5. important notices — the profile holds no source for them (no bulletins reach the laptop),
   so this kind is not listed;
6. adoption of new clients — a card created within the last 30 days.

Each kind has a Chinese template (editable, kept in the settings; defaults below) filled with
the client's salutation (surname + 先生/女士) and the details. *Mark sent* writes one work-log
entry (kind sms, the client, the text as notes: it counts toward the 20 SMS and shows in the
client's history) and a reminder action `care:<kind>` for that occurrence, so it does not come
back. The export for the bank's SMS platform needs the real mobile numbers: it is an explicit
action and goes into the audit log.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnClause, and_, literal_column, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.csv_files import replacing, write_rows
from app.common.local_time import local_zone
from app.day.worklog import LogInput, WorkLogService, is_closed
from app.errors import InvalidInput
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.rules import reminders as rule
from app.rules.ids import ClientId
from app.rules.masking import mask_phone
from local_db.base import utcnow
from local_db.models import Client, ImportantDate, ProductHolding, ReminderAction

CARE_KINDS = ("maturity", "birthday", "important_date", "new_tier", "purchase_follow_up", "adoption")
CARE_TIERS = ("gold", "platinum", "diamond", "private")
DATE_AHEAD_DAYS = 2
NEW_TIER_DAYS = 30
ADOPTION_DAYS = 30
FOLLOW_UP_LATE_DAYS = 3
TEMPLATES_KEY = "care_templates"
MAX_TEMPLATE_CHARS = 300
# Placeholders a template may hold; each is replaced by the client's own.
PLACEHOLDERS = ("{称呼}", "{姓名}", "{事项}", "{日期}", "{等级}", "{经理}")
DEFAULT_TEMPLATES = {
    "maturity": "{称呼}您好，您持有的{事项}将于{日期}到期，如需续作或了解新的理财安排，欢迎随时联系我。{经理}",
    "birthday": "{称呼}您好，{日期}是您的生日，祝您生日快乐，身体健康，阖家幸福！{经理}",
    "important_date": "{称呼}您好，{日期}是您的{事项}，祝您和家人幸福美满！{经理}",
    "new_tier": "{称呼}您好，恭喜您成为我行{等级}客户！欢迎携带身份证到网点领取贵宾卡，尊享专属服务。{经理}",
    "purchase_follow_up": "{称呼}您好，感谢您选择{事项}，使用中如有任何疑问，欢迎随时联系我。{经理}",
    "adoption": "{称呼}您好，我是您的专属客户经理，今后将由我为您服务，有任何金融需求欢迎随时联系我。{经理}",
}
KIND_ZH = {
    "maturity": "到期提醒",
    "birthday": "生日祝福",
    "important_date": "纪念日祝福",
    "new_tier": "晋级贵宾",
    "purchase_follow_up": "购买后回访",
    "adoption": "新客户问候",
}
TIER_ZH = {"gold": "金卡", "platinum": "白金卡", "diamond": "钻石卡", "private": "私人银行"}
DATE_KIND_ZH = {"anniversary": "纪念日", "child_birthday": "孩子的生日", "other": "重要日子"}
# Two-character surnames, so 欧阳娜娜 is 欧阳女士 and not 欧女士.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "南宫", "端木",
    "西门", "独孤", "呼延", "申屠", "太史", "万俟", "百里", "东郭", "公冶", "赫连",
})  # fmt: skip
# The exported cells Excel would read as a formula (as the client export neutralises them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Kept identical to the expression migration 0004 indexes (as app/day/today.py does).
BIRTH_MONTH_DAY: ColumnClause[str] = literal_column("substr(clients.birth_date, 6, 5)")
DATE_MONTH_DAY: ColumnClause[str] = literal_column('substr(client_dates."on", 6, 5)')
CSV_HEADER = ("姓名", "手机号", "短信内容", "关怀类型", "日期")


@dataclass(frozen=True)
class CareItem:
    """One care message due: whom, why, and the text to send."""

    kind: str  # one of CARE_KINDS
    client_id: ClientId
    client_name: str
    gender: str | None
    tier: str
    mobile_masked: str
    subject_id: str  # the product, important date or client the occasion belongs to
    occurs_on: date  # the occasion's day: maturity, birthday, tier reached, follow-up due, card created
    detail: str  # product name or the date's label ("" where there is none)
    text: str  # the filled template

    @property
    def action_kind(self) -> str:
        return f"care:{self.kind}"


@dataclass(frozen=True)
class CareExport:
    path: Path
    count: int


def salutation(name: str, gender: str | None) -> str:
    """王先生 / 欧阳女士, or the full name when the gender is unknown."""
    name = name.strip()
    if gender not in ("M", "F") or len(name) < 2:
        return name
    surname = name[:2] if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else name[0]
    return surname + ("先生" if gender == "M" else "女士")


def fill(template: str, *, name: str, gender: str | None, detail: str, on: date, tier: str, manager: str) -> str:
    values = {
        "{称呼}": salutation(name, gender),
        "{姓名}": name.strip(),
        "{事项}": detail,
        "{日期}": f"{on.month}月{on.day}日",
        "{等级}": TIER_ZH.get(tier, ""),
        "{经理}": f"（客户经理{manager}）" if manager else "",
    }
    for key, value in values.items():
        template = template.replace(key, value)
    return template


class CareService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        worklog: WorkLogService,
        actor: Callable[[], str],
        zone: tzinfo | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._worklog = worklog  # a message sent is work, written by the work log's own rules
        self._actor = actor
        self._zone = zone or local_zone()
        self._now = now

    # ---- templates -----------------------------------------------------------------------

    def templates(self) -> dict[str, str]:
        saved = self._settings.get(TEMPLATES_KEY, {})
        return {kind: str(saved.get(kind) or DEFAULT_TEMPLATES[kind]) for kind in CARE_KINDS}

    def set_template(self, kind: str, text: str) -> None:
        """Save `kind`'s template; an empty text puts the built-in one back."""
        if kind not in CARE_KINDS:
            raise InvalidInput(f"Unknown kind of care message {kind!r}.", zh="未知的关怀短信类型。")
        text = text.strip()
        if len(text) > MAX_TEMPLATE_CHARS:
            raise InvalidInput(f"A template is at most {MAX_TEMPLATE_CHARS} characters.",
                               zh=f"短信模板最多 {MAX_TEMPLATE_CHARS} 个字。")  # fmt: skip
        saved = dict(self._settings.get(TEMPLATES_KEY, {}))
        if text and text != DEFAULT_TEMPLATES[kind]:
            saved[kind] = text
        else:
            saved.pop(kind, None)
        self._settings.set(TEMPLATES_KEY, saved)

    # ---- the worklist --------------------------------------------------------------------

    def worklist(self, day: date) -> list[CareItem]:
        """Everyone due for a care message on `day`, minus the occasions already sent."""
        templates = self.templates()
        manager = self._settings.manager().name.strip()
        with self._sessions() as session:
            found = [
                *_maturities(session, day),
                *_birthdays(session, day),
                *_important_dates(session, day),
                *_new_tiers(session, day),
                *_purchase_follow_ups(session, day),
                *_adoptions(session, day, self._zone),
            ]
            done = _done(session, day)
        items = [
            replace(
                item,
                text=fill(
                    templates[item.kind],
                    name=item.client_name,
                    gender=item.gender,
                    detail=item.detail,
                    on=item.occurs_on,
                    tier=item.tier,
                    manager=manager,
                ),
            )
            for item in found
            if (item.action_kind, item.subject_id, item.occurs_on) not in done
        ]
        items.sort(key=lambda i: (CARE_KINDS.index(i.kind), i.occurs_on, i.client_name))
        return items

    # ---- acting on it --------------------------------------------------------------------

    def mark_sent(self, items: Sequence[CareItem], day: date) -> int:
        """Record each message as sent on `day`: a work-log entry (kind sms) and its occurrence.

        One transaction: the entry and the occurrence are written together or not at all. An
        occurrence already recorded (sent twice from two windows) is skipped. Returns how many
        entries were written."""
        now = self._now().astimezone(self._zone)
        at = now if now.date() == day else datetime.combine(day, now.time(), self._zone)
        written = 0
        with self._sessions.begin() as session:
            if is_closed(session, day):
                raise InvalidInput(
                    f"The work log of {day.isoformat()} is closed.",
                    "Mark the messages sent on an open day.",
                    zh=f"{day.isoformat()} 的工作日志已关闭。",
                    hint_zh="请在未关闭的日子里标记已发送。",
                )
            for item in items:
                if item.kind not in CARE_KINDS:
                    raise InvalidInput(f"Unknown kind of care message {item.kind!r}.", zh="未知的关怀短信类型。")
                recorded = session.scalar(
                    select(ReminderAction.id).where(
                        ReminderAction.kind == item.action_kind,
                        ReminderAction.subject_id == item.subject_id,
                        ReminderAction.occurs_on == item.occurs_on,
                    )
                )
                client = session.get(Client, item.client_id)
                if recorded is not None or client is None:
                    continue
                sms = LogInput(kind="sms", day=day, at=at, client_id=ClientId(client.id), notes=item.text)
                entry = self._worklog.record(session, sms, detail={"care": item.kind})
                session.add(
                    ReminderAction(kind=item.action_kind, subject_id=item.subject_id, occurs_on=item.occurs_on,
                                   action="sent", reason="", worklog_id=entry.id)
                )  # fmt: skip
                written += 1
        return written

    def export_csv(self, items: Sequence[CareItem], path: Path | str) -> CareExport:
        """The messages for the bank's SMS platform: name, the real mobile, text, kind, date.

        UTF-8 with a byte-order mark (Excel and the platform read it). The mobile numbers are
        not masked, since the platform sends to them: the export is recorded in the audit log."""
        path = Path(path)
        ids = list(dict.fromkeys(i.client_id for i in items))
        with self._sessions() as session:
            mobiles = dict(session.execute(select(Client.id, Client.mobile).where(Client.id.in_(ids))).tuples().all())
        lines = [
            [
                _cell(i.client_name),
                mobiles.get(i.client_id, ""),
                _cell(i.text),
                KIND_ZH[i.kind],
                i.occurs_on.isoformat(),
            ]
            for i in items
            if mobiles.get(i.client_id)
        ]
        with replacing(path) as temp:
            count = write_rows(temp, [list(CSV_HEADER), *lines], "utf-8-sig") - 1
            # Recorded before the file takes its name: real mobile numbers never leave unlogged.
            with self._sessions.begin() as session:
                record_event(
                    session,
                    actor=self._actor(),
                    action="export",
                    entity="care_sms",
                    entity_id=None,
                    detail={
                        "file": os.fsencode(path.name).decode("utf-8", "backslashreplace"),
                        "count": count,
                        "revealed": True,
                    },
                )
        return CareExport(path, count)


# ---- the six kinds (five with a source) -----------------------------------------------------


def _care_clients() -> list[Any]:
    """Gold card and above, not merged away, with a mobile to send to."""
    return [Client.tier.in_(CARE_TIERS), Client.merged_into_id.is_(None), Client.mobile != ""]


_CLIENT_COLUMNS = (Client.id, Client.name, Client.gender, Client.tier, Client.mobile)


def _item(kind: str, client: Sequence[Any], subject_id: str, on: date, detail: str) -> CareItem:
    client_id, name, gender, tier, mobile = client
    return CareItem(kind, ClientId(client_id), name, gender, tier, mask_phone(mobile), subject_id, on, detail, "")


def _maturities(session: Session, day: date) -> Iterable[CareItem]:
    rows = session.execute(
        select(ProductHolding.id, ProductHolding.product_name, ProductHolding.maturity_on, *_CLIENT_COLUMNS)
        .join(Client, Client.id == ProductHolding.client_id)
        .where(
            ProductHolding.maturity_on >= day,
            ProductHolding.maturity_on <= day + timedelta(days=rule.MATURITY_NOTICE_DAYS),
            *_care_clients(),
        )
    ).all()
    return [_item("maturity", r[3:], r[0], r[2], r[1]) for r in rows]


def _birthdays(session: Session, day: date) -> Iterable[CareItem]:
    rows = session.execute(
        select(Client.birth_date, *_CLIENT_COLUMNS).where(
            BIRTH_MONTH_DAY.in_(rule.month_days(day, DATE_AHEAD_DAYS)), *_care_clients()
        )
    ).all()
    found = []
    for r in rows:
        due = rule.yearly_due_within(r[0], day, DATE_AHEAD_DAYS)
        if due is not None and r[0] < due:
            found.append(_item("birthday", r[1:], r[1], due, ""))
    return found


def _important_dates(session: Session, day: date) -> Iterable[CareItem]:
    until = day + timedelta(days=DATE_AHEAD_DAYS)
    rows = session.execute(
        select(ImportantDate.id, ImportantDate.on, ImportantDate.yearly, ImportantDate.label, ImportantDate.kind,
               *_CLIENT_COLUMNS)
        .join(Client, Client.id == ImportantDate.client_id)
        .where(
            or_(
                and_(ImportantDate.yearly.is_(True), DATE_MONTH_DAY.in_(rule.month_days(day, DATE_AHEAD_DAYS))),
                and_(ImportantDate.yearly.is_(False), ImportantDate.on >= day, ImportantDate.on <= until),
            ),
            *_care_clients(),
        )
    ).all()  # fmt: skip
    found = []
    for date_id, on, yearly, label, kind, *client in rows:
        due = rule.yearly_due_within(on, day, DATE_AHEAD_DAYS) if yearly else on
        if due is not None:
            found.append(_item("important_date", client, date_id, due, label or DATE_KIND_ZH.get(kind, "重要日子")))
    return found


def _new_tiers(session: Session, day: date) -> Iterable[CareItem]:
    rows = session.execute(
        select(Client.tier_since, *_CLIENT_COLUMNS).where(
            Client.tier_since >= day - timedelta(days=NEW_TIER_DAYS), Client.tier_since <= day, *_care_clients()
        )
    ).all()
    return [_item("new_tier", r[1:], r[1], r[0], TIER_ZH.get(r[4], "")) for r in rows]


def _purchase_follow_ups(session: Session, day: date) -> Iterable[CareItem]:
    # Due 10 days after the start (the revisit rule), listed until FOLLOW_UP_LATE_DAYS after that.
    latest = day - timedelta(days=rule.PURCHASE_FOLLOW_UP_DAYS)
    rows = session.execute(
        select(ProductHolding.id, ProductHolding.product_name, ProductHolding.start_on, *_CLIENT_COLUMNS)
        .join(Client, Client.id == ProductHolding.client_id)
        .where(
            ProductHolding.start_on >= latest - timedelta(days=FOLLOW_UP_LATE_DAYS),
            ProductHolding.start_on <= latest,
            *_care_clients(),
        )
    ).all()
    return [_item("purchase_follow_up", r[3:], r[0], rule.purchase_follow_up_due(r[2]), r[1]) for r in rows]


def _adoptions(session: Session, day: date, zone: tzinfo) -> Iterable[CareItem]:
    since = datetime.combine(day - timedelta(days=ADOPTION_DAYS), time.min, zone)
    until = datetime.combine(day + timedelta(days=1), time.min, zone)
    rows = session.execute(
        select(Client.created_at, *_CLIENT_COLUMNS).where(
            Client.created_at >= since, Client.created_at < until, Client.status == "valid", *_care_clients()
        )
    ).all()
    return [_item("adoption", r[1:], r[1], _local_day(r[0], zone), "") for r in rows]


def _local_day(at: datetime, zone: tzinfo) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=utcnow().tzinfo)).astimezone(zone).date()


def _done(session: Session, day: date) -> set[tuple[str, str, date]]:
    """Care occasions already recorded near `day` (sent, or dismissed elsewhere)."""
    window = max(ADOPTION_DAYS, NEW_TIER_DAYS, rule.MATURITY_NOTICE_DAYS) + DATE_AHEAD_DAYS
    rows = session.execute(
        select(ReminderAction.kind, ReminderAction.subject_id, ReminderAction.occurs_on).where(
            ReminderAction.kind.startswith("care:"),
            ReminderAction.occurs_on >= day - timedelta(days=window),
            ReminderAction.occurs_on <= day + timedelta(days=window),
        )
    ).all()
    return {(kind, subject, on) for kind, subject, on in rows}


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value
