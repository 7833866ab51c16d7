"""What the visit planner hands out and takes in: frozen dataclasses, never ORM rows.

The default checklists follow the “3S” of the manuals (before / during / after a visit); the
labels are the manager's own working vocabulary, so they are kept in Chinese as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.errors import InvalidInput
from app.rules.ids import ClientId, OutletId, VisitId

KINDS = ("client", "outlet")
PURPOSES = (
    "needs_interview",
    "product_presentation",
    "closing",
    "policy_delivery",
    "care",
    "outlet_check",
    # A head-office medical examination letter's visit (app/headoffice/letters.py): neither a
    # sales step nor after-sales care, so the day's measures do not count it.
    "medical_exam",
)
PHASES = ("before", "during", "after")
STATUSES = ("planned", "done", "cancelled", "no_show", "rescheduled")
OUTCOMES = ("closed", "not_closed", "follow_up")
# Only a planned visit changes status; a finished one is corrected by editing it.
# A visit's status as Chinese says "a … visit" (InvalidTransition).
VISIT_STATUS_ZH = {"planned": "计划中", "done": "已完成", "cancelled": "已取消", "no_show": "客户爽约",
                   "rescheduled": "已改期"}  # fmt: skip
# A visit marked done by mistake goes back to planned (its work-log entry goes with it).
TRANSITIONS = {"planned": frozenset({"done", "cancelled", "no_show", "rescheduled"}), "done": frozenset({"planned"})}
# Visits that take up the manager's time, and so can clash with another.
ACTIVE = ("planned", "done")
MIN_MINUTES = 15
# Carrying visits over puts them into free time inside these hours (a visit already outside them,
# e.g. a dinner at 19:00, may keep its own time). Beyond the next working day: the following ones.
WORK_START = time(9)
WORK_END = time(18)
CARRY_DAYS = 10

_PREPARE = ("核对客户档案", "预判异议与应答", "与决策人确认时间", "规划路线")
_MEET = ("议程", "记录要点", "询问转介绍")
DEFAULT_CHECKLISTS: dict[str, dict[str, tuple[str, ...]]] = {
    "needs_interview": {
        "before": ("名片", "录音笔", *_PREPARE),
        "during": _MEET,
        "after": ("当天发感谢短信", "约定下一步"),
    },
    "product_presentation": {
        "before": ("名片", "录音笔", "产品宣传册", "转介绍卡", *_PREPARE),
        "during": _MEET,
        "after": ("当天发感谢短信", "约定下一步", "递交资料"),
    },
    "closing": {
        "before": ("名片", "录音笔", "投保单", "产品宣传册", *_PREPARE),
        "during": ("议程", "记录要点", "签署投保单", "询问转介绍"),
        "after": ("当天发感谢短信", "约定下一步", "递交资料"),
    },
    "policy_delivery": {
        "before": ("名片", "保单及回执", "转介绍卡", "核对客户档案", "与决策人确认时间", "规划路线"),
        "during": ("议程", "讲解保单条款", "签收回执", "询问转介绍"),
        "after": ("当天发感谢短信", "约定下一步", "递交资料"),
    },
    "care": {
        "before": ("名片", "转介绍卡", "核对客户档案", "与决策人确认时间", "规划路线"),
        "during": _MEET,
        "after": ("当天发感谢短信", "约定下一步"),
    },
    "medical_exam": {
        "before": ("与客户确认体检时间", "提醒客户空腹、携带身份证和照片"),
        "during": ("陪同或确认客户到达体检医院",),
        "after": ("确认体检完成，答复体检通知函",),
    },
    "outlet_check": {
        "before": ("空白单证和宣传册", "培训材料", "规划路线"),
        "during": ("检查展示物料", "补充空白单证和宣传册", "培训柜员", "收取已填单证", "听取投诉"),
        "after": ("递交资料", "更新网点资料"),
    },
}


@dataclass(frozen=True)
class ChecklistEntry:
    phase: str  # one of PHASES
    label: str
    done: bool = False
    id: str | None = None  # None for an item not saved yet


def default_checklist(purpose: str) -> tuple[ChecklistEntry, ...]:
    lists = DEFAULT_CHECKLISTS.get(purpose, {})
    return tuple(ChecklistEntry(phase, label) for phase in PHASES for label in lists.get(phase, ()))


@dataclass(frozen=True)
class VisitInput:
    """A visit as the dialog edits it. Times are aware datetimes, in any zone."""

    kind: str  # client | outlet
    purpose: str
    starts_at: datetime
    ends_at: datetime
    client_id: ClientId | None = None
    outlet_id: OutletId | None = None  # an outlet visit's outlet, or the client's outlet (optional)
    location: str = ""
    agenda: str = ""
    notes: str = ""
    referrals_asked: int = 0
    outcome: str | None = None  # kept only on a visit that is done
    # The furthest step of the sales flow (app.day.worklog.SALES_STEPS) a done visit reached: it
    # goes on the visit's work-log entry, which says whether it was effective.
    sales_step: str | None = None
    # None: the purpose's default list on create, the list left as it is on update.
    checklist: tuple[ChecklistEntry, ...] | None = None


@dataclass(frozen=True)
class SeriesInput:
    """A weekly visit: every `weekday` (ISO, 1 = Monday) at `start_time` local, from `starts_on`."""

    kind: str
    purpose: str
    weekday: int
    starts_on: date
    start_time: time
    duration_minutes: int = 60
    ends_on: date | None = None
    client_id: ClientId | None = None
    outlet_id: OutletId | None = None
    location: str = ""


@dataclass(frozen=True)
class VisitView:
    """One visit as the planner shows it; times in the planner's local zone."""

    id: VisitId
    kind: str
    client_id: ClientId | None
    client_name: str
    outlet_id: OutletId | None
    outlet_name: str
    purpose: str
    starts_at: datetime
    ends_at: datetime
    status: str
    outcome: str | None
    location: str
    checks_done: int
    checks_total: int
    series_id: str | None
    rescheduled_to_id: VisitId | None
    overlaps: bool  # clashes with another planned or done visit

    @property
    def who(self) -> str:
        return self.client_name if self.kind == "client" else self.outlet_name

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class VisitDetail:
    view: VisitView
    agenda: str
    notes: str
    referrals_asked: int
    client_phone_masked: str
    checklist: tuple[ChecklistEntry, ...]  # by phase, then position
    sales_step: str | None = None  # from the visit's work-log entry, once it is done
    logged_on_closed_day: bool = False  # its entry is on a closed day: changes go by correction

    def phase(self, phase: str) -> tuple[ChecklistEntry, ...]:
        return tuple(item for item in self.checklist if item.phase == phase)


@dataclass(frozen=True)
class CarryMove:
    """Where carrying over puts one unfinished visit (times in the planner's zone)."""

    visit: VisitView
    new_start: datetime
    new_end: datetime
    next_day: bool  # False: the next working day was full, so it goes to a later one


class InvalidVisit(InvalidInput):
    code = "invalid_visit"

    def __init__(self, message: str, hint: str = "Nothing was saved.", *, zh: str,
                 hint_zh: str = "未保存任何内容。") -> None:  # fmt: skip
        super().__init__(message, hint, zh=zh, hint_zh=hint_zh)


class InvalidTransition(InvalidInput):
    code = "invalid_transition"

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(
            f"A {current.replace('_', '-')} visit cannot become {wanted.replace('_', '-')}.",
            "Only a planned visit changes status; edit a finished visit to correct it.",
            zh=f"{VISIT_STATUS_ZH.get(current, current)}的拜访不能改为{VISIT_STATUS_ZH.get(wanted, wanted)}。",
            hint_zh="只有计划中的拜访可以改变状态；已结束的拜访请通过编辑来更正。",
        )
        self.current = current
        self.wanted = wanted
