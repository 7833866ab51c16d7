"""The manuals' sales forms in the demo book (issue 17): call records (电话邀约记录表), needs and
closing interviews (需求面谈表, 成交面谈记录表), morning notes and news excerpts (早会信息记录表,
财经要闻摘录表), the day plans' per-step analysis and the targets by period and product line.

Rows grow with the days of work (the last FORM_DAYS), never with the number of cards. Every form
that is work done links the one work-log entry that counts it, written exactly as the services
write it (app/sales_forms/*): a done call is a "call" entry, effective for an appointment or a
clear answer; an interview links its visit's entry (sales step at least 需求激发, or the close).
The schedule's own call and visit entries of those days become the forms' entries, so the log
keeps the number of calls and visits it had. The maker has its own random source, so the rest
of the book is the same with or without it.

`SalesFormMaker.build()` runs on the schedule before anything is written (it changes entries and
adds visits); `cards()` sees each chunk of cards before it is written (ages, children, the needs
interview's conclusions written back to the card as the service does); `finish()` adds what needs
the proposals: a closing interview for each proposal finished in the window, the line targets.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.demo import vocabulary as vocab
from app.demo.common import YUAN, Batch, DemoRandom, age_on, local_time, record
from app.demo.outlets import OutletInfo
from app.demo.schedule import Schedule
from app.planner.records import default_checklist
from app.reference.products import shipped_catalogue
from app.rules.needs_calculators import default_retirement_age
from app.rules.product_catalogue import INSURANCE_LINES, Product
from app.rules.working_days import is_working_day
from app.sales_forms.calls import EFFECTIVE_OUTCOMES, OUTCOME_ZH
from app.sales_forms.needs import GOAL_TAGS, NOTE_HEAD, NeedsInputs, conclusion_line, figures
from local_db.models import (
    CallRecord,
    Client,
    ClientTag,
    ClosingInterview,
    DailyPlan,
    FamilyMember,
    LineTarget,
    MorningNote,
    NeedsInterview,
    NewsExcerpt,
    Proposal,
    ProposalParty,
    Visit,
    VisitChecklistItem,
)

FORM_DAYS = 42  # about six weeks of working days carry the forms
SALES_STEPS = ("identify", "need", "present", "objection", "close")
# What the schedule's own calls of those days turned out to be (an appointment books a visit, so
# appointments come from the diary's needs-interview visits instead).
CALL_OUTCOME_WEIGHTS = (("clear_answer", 30), ("call_back", 25), ("no_answer", 30), ("refused", 15))
VISIT_TO_CLOSING = {"closed": "closed", "follow_up": "follow_up", "not_closed": "declined"}
LOG_TO_CLOSING = {"成交": "closed", "需跟进": "follow_up", "未成交": "declined"}
GOALS_BY_WEIGHT = (("protection", 30), ("education", 25), ("pension", 25), ("health", 12), ("wealth", 8))


@dataclass
class _Needs:
    row: dict[str, Any]
    client: int


@dataclass
class _Closing:
    row: dict[str, Any]
    client: int
    follow_up: dict[str, Any] | None = None  # the planned follow-up visit, its agenda named later


@dataclass
class FormCounts:
    calls: int = 0
    needs: int = 0
    closings: int = 0
    extra_worklog: int = 0
    visits: int = 0


class SalesFormMaker:
    def __init__(
        self,
        seed: int,
        schedule: Schedule,
        client_ids: list[str],
        outlet_of: list[int],
        outlets: list[OutletInfo],
        today: date,
        worklog_days: int,
        fresh: set[int],
    ) -> None:
        self._rng = DemoRandom(f"{seed}:sales-forms")
        self._schedule = schedule
        self._client_ids = client_ids
        self._outlet_of = outlet_of
        self._outlets = outlets
        self._today = today
        self._first = today - timedelta(days=min(FORM_DAYS, worklog_days))
        self._fresh = fresh
        self._catalogue = shipped_catalogue()
        self._calls: list[dict[str, Any]] = []
        self._needs: list[_Needs] = []
        self._closings: list[_Closing] = []
        self._extra_log: list[dict[str, Any]] = []
        self._notes: list[dict[str, Any]] = []
        self._news: list[dict[str, Any]] = []
        self._wanted: set[str] = set()  # cards whose details the interviews need
        self.extra_visits = 0

    # ---- before anything is written ------------------------------------------------------------

    def build(self) -> None:
        diary = dict(self._schedule.diary)
        visits: list[dict[str, Any]] = diary[Visit]
        self._checklist: list[dict[str, Any]] = diary[VisitChecklistItem]
        log = self._schedule.worklog
        by_visit = {e["visit_id"]: e for e in log if e["visit_id"]}
        self._calls_from_log(log)
        self._appointments(visits)
        self._prepared()
        self._interviews(visits, by_visit, log)
        self._briefings(log)
        self._step_analysis(diary[DailyPlan])
        self.extra_visits = sum(1 for c in self._closings if c.follow_up is not None)
        visits += [c.follow_up for c in self._closings if c.follow_up is not None]

    def _in_window(self, day: date) -> bool:
        return self._first <= day <= self._today

    def _calls_from_log(self, log: list[dict[str, Any]]) -> None:
        rng = self._rng
        outcomes = [o for o, _ in CALL_OUTCOME_WEIGHTS]
        weights = [w for _, w in CALL_OUTCOME_WEIGHTS]
        for entry in log:
            if entry["kind"] != "call" or entry["client_id"] is None or not self._in_window(entry["day"]):
                continue
            outcome = rng.choices(outcomes, weights)[0]
            self._done_call(entry, outcome)

    def _done_call(self, entry: dict[str, Any], outcome: str, visit: dict[str, Any] | None = None) -> None:
        """The call record of a made call and its entry, as CallRecordService writes them."""
        rng = self._rng
        entry.update(
            kind="call", quantity=1, outlet_id=None, visit_id=None, sales_step=None,
            effective=outcome in EFFECTIVE_OUTCOMES, outcome=OUTCOME_ZH[outcome], notes="",
        )  # fmt: skip
        day, at = entry["day"], entry["at"]
        prepared = local_time(day - timedelta(days=1), rng.randint(17 * 60 + 30, 19 * 60 + 30))
        good = outcome in EFFECTIVE_OUTCOMES
        row = record(
            rng.uuid(), prepared, client_id=entry["client_id"], prospect_id=None, call_on=day, called_at=at,
            status="done", script=rng.choice(vocab.CALL_SCRIPTS), outcome=outcome,
            agreed_at=visit["starts_at"] if visit else None, agreed_place=visit["location"] if visit else "",
            visit_id=visit["id"] if visit else None,
            review_prepared=rng.random() < (0.9 if good else 0.6), review_warm=rng.random() < 0.85,
            review_opening=rng.random() < (0.8 if good else 0.45),
            review_other=rng.choice(vocab.CALL_REVIEW_OTHER), notes=rng.choice(vocab.CALL_NOTES[outcome]),
            worklog_id=entry["id"],
        )  # fmt: skip
        row["updated_at"] = at + timedelta(minutes=rng.randint(2, 10))
        self._calls.append(row)

    def _appointments(self, visits: list[dict[str, Any]]) -> None:
        """Most needs-interview visits of the diary were agreed on a call a few working days before."""
        rng = self._rng
        checklists: dict[str, list[dict[str, Any]]] = {}
        for item in self._checklist:
            checklists.setdefault(item["visit_id"], []).append(item)
        for visit in visits:
            if visit["kind"] != "client" or visit["purpose"] != "needs_interview" or rng.random() >= 0.7:
                continue
            held = (visit["starts_at"] + timedelta(hours=8)).date()
            day = held
            for _ in range(rng.randint(1, 3)):
                day -= timedelta(days=1)
                while not is_working_day(day):
                    day -= timedelta(days=1)
            if not self._in_window(day):
                continue
            # Today's log runs to mid-morning only, so today's calls were made early.
            minute = rng.randint(9 * 60, 10 * 60 + 30) if day == self._today else rng.randint(9 * 60, 17 * 60 + 30)
            at = local_time(day, minute)
            client = self._index(visit["client_id"])
            entry = record(
                rng.uuid(), at, day=day, at=at, kind="call", quantity=1, client_id=visit["client_id"],
                outlet_id=None, visit_id=None, sales_step=None, effective=True, outcome="", notes="",
                corrects_id=None,
            )  # fmt: skip
            self._schedule.worklog.append(entry)
            self._done_call(entry, "appointment", visit)
            # The visit was booked during the call.
            booked = at + timedelta(minutes=3)
            visit["created_at"] = booked
            if visit["status"] == "planned":
                visit["updated_at"] = booked
            for item in checklists.get(visit["id"], []):
                item["created_at"] = item["updated_at"] = booked
            self._seen(client, at, contact=True)

    def _prepared(self) -> None:
        """Calls prepared for today (the evening before) and for the next working day (this morning)."""
        rng = self._rng
        following = self._today + timedelta(days=1)
        while not is_working_day(following):
            following += timedelta(days=1)
        days = [(following, local_time(self._today, rng.randint(8 * 60, 8 * 60 + 25)), rng.randint(3, 5))]
        if is_working_day(self._today):
            evening = local_time(self._today - timedelta(days=1), rng.randint(17 * 60 + 30, 19 * 60 + 30))
            days.insert(0, (self._today, evening, rng.randint(2, 4)))
        for day, created, count in days:
            for _ in range(count):
                client = self._client()
                call = record(
                    rng.uuid(), created, client_id=self._client_ids[client], prospect_id=None, call_on=day,
                    called_at=None, status="prepared", script=rng.choice(vocab.CALL_SCRIPTS), outcome=None,
                    agreed_at=None, agreed_place="", visit_id=None, review_prepared=False, review_warm=False,
                    review_opening=False, review_other="", notes="", worklog_id=None,
                )  # fmt: skip
                self._calls.append(call)
                self._seen(client, created, contact=False)

    def _interviews(
        self, visits: list[dict[str, Any]], by_visit: dict[str, dict[str, Any]], log: list[dict[str, Any]]
    ) -> None:
        rng = self._rng
        for visit in visits:
            if visit["kind"] != "client":
                continue
            day = (visit["starts_at"] + timedelta(hours=8)).date()
            entry = by_visit.get(visit["id"])
            if visit["purpose"] == "needs_interview":
                if visit["status"] == "done" and entry is not None and self._in_window(day) and rng.random() < 0.85:
                    self._add_needs(day, entry, visit["id"], visit["client_id"])
                elif visit["status"] == "planned" and day == self._today and rng.random() < 0.6:
                    self._add_needs(day, None, visit["id"], visit["client_id"])  # prepared this morning
            elif (
                visit["purpose"] == "closing" and visit["status"] == "done" and entry is not None
                and self._in_window(day) and rng.random() < 0.9
            ):  # fmt: skip
                self._add_closing(day, entry, visit, VISIT_TO_CLOSING[visit["outcome"]])
        # Older days have visits only in the log: some of those were the interviews.
        for entry in log:
            if entry["kind"] != "visit" or entry["visit_id"] or not self._in_window(entry["day"]):
                continue
            if entry["day"] >= self._today:
                continue
            if entry["sales_step"] in ("need", "present") and rng.random() < 0.6:
                self._add_needs(entry["day"], entry, None, entry["client_id"])
            elif entry["sales_step"] == "close" and rng.random() < 0.5:
                self._add_closing(entry["day"], entry, None, LOG_TO_CLOSING.get(entry["outcome"], "follow_up"))

    def _add_needs(self, day: date, entry: dict[str, Any] | None, visit_id: str | None, client_id: str) -> None:
        rng = self._rng
        if entry is not None:
            step = entry["sales_step"]
            if step not in SALES_STEPS or SALES_STEPS.index(step) < SALES_STEPS.index("need"):
                entry["sales_step"] = "need"
            entry["effective"] = entry["sales_step"] == "close"
        prepared = local_time(day - timedelta(days=1), rng.randint(18 * 60, 20 * 60))
        done = entry is not None
        row = record(
            rng.uuid(), prepared, client_id=client_id, prospect_id=None, visit_id=visit_id, held_on=day,
            status="done" if done else "draft", preparation=rng.choice(vocab.NEEDS_PREPARATION),
            relationship=rng.choice(vocab.NEEDS_RELATIONSHIP) if done else "",
            needs_found=rng.choice(vocab.NEEDS_FOUND) if done else "",
            analysis=rng.choice(vocab.NEEDS_ANALYSIS) if done else "", goals_json="[]", inputs_json="{}",
            worklog_id=entry["id"] if entry else None,
        )  # fmt: skip
        if entry is not None:
            row["updated_at"] = entry["at"] + timedelta(minutes=rng.randint(20, 60))
        client = self._index(client_id)
        self._needs.append(_Needs(row, client))
        self._wanted.add(client_id)

    def _add_closing(self, day: date, entry: dict[str, Any], visit: dict[str, Any] | None, outcome: str) -> None:
        rng = self._rng
        entry["sales_step"], entry["effective"] = "close", True
        objections = [
            {"objection": o, "handling": h} for o, h in rng.sample(vocab.CLOSING_OBJECTIONS, rng.randint(0, 2))
        ]
        follow_on = None
        if outcome == "follow_up":
            follow_on = day + timedelta(days=rng.randint(3, 10))
            while not is_working_day(follow_on):
                follow_on += timedelta(days=1)
        row = record(
            rng.uuid(), entry["at"] - timedelta(minutes=rng.randint(30, 90)), client_id=entry["client_id"],
            prospect_id=None, visit_id=visit["id"] if visit else None, held_on=day, status="done",
            product_code="", product_name="", premium_cents=None, fab_presented=rng.random() < 0.85,
            three_attempts=rng.random() < (0.8 if outcome == "closed" else 0.4),
            objections_json=json.dumps(objections, ensure_ascii=False), other=rng.choice(vocab.CLOSING_OTHER),
            improve=rng.choice(vocab.CLOSING_IMPROVE), outcome=outcome, follow_up_on=follow_on,
            follow_up_visit_id=None, proposal_id=None, worklog_id=entry["id"],
        )  # fmt: skip
        row["updated_at"] = entry["at"] + timedelta(minutes=rng.randint(20, 60))
        closing = _Closing(row, self._index(entry["client_id"]))
        if follow_on is not None and self._today <= follow_on <= self._today + timedelta(days=14):
            closing.follow_up = self._follow_up(row, follow_on, visit, closing.client)
        self._closings.append(closing)
        self._wanted.add(entry["client_id"])

    def _follow_up(self, form: dict[str, Any], day: date, held: dict[str, Any] | None, client: int) -> dict[str, Any]:
        """The planned visit a follow-up date becomes, as ClosingInterviewService plans it."""
        rng = self._rng
        # Tuesday mornings belong to the outlet round.
        starts = local_time(day, 11 * 60 if day.isoweekday() == 2 else 10 * 60)
        created = form["updated_at"]
        visit = record(
            rng.uuid(), created, kind="client", client_id=form["client_id"],
            outlet_id=held["outlet_id"] if held else self._outlets[self._outlet_of[client]].id, purpose="closing",
            starts_at=starts, ends_at=starts + timedelta(minutes=60),
            location=held["location"] if held else rng.choice(vocab.CLIENT_VISIT_PLACES), status="planned",
            outcome=None, agenda="成交面谈跟进", notes="", referrals_asked=0, series_id=None, occurrence_on=None,
            rescheduled_to_id=None,
        )  # fmt: skip
        form["follow_up_visit_id"] = visit["id"]
        items = default_checklist("closing")
        chosen = [i for i in items if i.phase == "before"][:2] + [i for i in items if i.phase != "before"][:2]
        for position, item in enumerate(chosen):
            row = record(rng.uuid(), created, visit_id=visit["id"], phase=item.phase, label=item.label, done=False,
                         position=position)  # fmt: skip
            self._checklist.append(row)
        return visit

    def _briefings(self, log: list[dict[str, Any]]) -> None:
        """A note for each morning meeting of the window; news a few days a week."""
        rng = self._rng
        meetings = sorted({e["day"] for e in log if e["kind"] == "meeting" and self._in_window(e["day"])
                           and (e["at"] + timedelta(hours=8)).hour < 12})  # fmt: skip
        for day in meetings:
            points = rng.sample(vocab.MORNING_POINTS, rng.randint(2, 4))
            text = "\n".join(f"{n}. {p}" for n, p in enumerate(points, 1))
            self._notes.append(record(rng.uuid(), local_time(day, 8 * 60 + rng.randint(35, 55)), day=day,
                                      points=text))  # fmt: skip
        day = self._first
        while day <= self._today:
            if is_working_day(day) and rng.random() < 0.6:
                for title, content, codes in rng.sample(vocab.NEWS_ITEMS, rng.randint(1, 2)):
                    known = [c for c in codes if self._catalogue.find(c) is not None]
                    self._news.append(record(rng.uuid(), local_time(day, 8 * 60 + rng.randint(0, 25)), news_on=day,
                                             title=title, content=content,
                                             product_codes_json=json.dumps(known)))  # fmt: skip
            day += timedelta(days=1)

    def _step_analysis(self, plans: list[dict[str, Any]]) -> None:
        """各环节成败分析与总结 on most closed days of the window."""
        rng = self._rng
        for plan in plans:
            if plan["day"] < self._today and self._in_window(plan["day"]) and rng.random() < 0.7:
                steps = rng.sample(SALES_STEPS, rng.randint(1, 3))
                analysis = {s: rng.choice(vocab.STEP_ANALYSIS[s]) for s in steps}
                plan["step_analysis_json"] = json.dumps(analysis, ensure_ascii=False, sort_keys=True)

    def _client(self) -> int:
        for _ in range(50):
            index = self._rng.randrange(len(self._client_ids))
            if index not in self._fresh:
                break
        return index

    def _index(self, client_id: str) -> int:
        return bisect_left(self._client_ids, client_id)

    def _seen(self, client: int, at: datetime, contact: bool) -> None:
        first_seen, last = self._schedule.first_seen, self._schedule.last_contact
        if client not in first_seen or at < first_seen[client]:
            first_seen[client] = at
        if contact and (client not in last or last[client] < at):
            last[client] = at

    # ---- each chunk of cards, before it is written ------------------------------------------------

    def cards(self, batch: Batch) -> None:
        """Fill the interviews of the chunk's cards from what the cards say, and write the needs
        interviews' conclusions back to the cards (tags, a dated notes line) as the service does."""
        rows = dict(batch)
        clients = {c["id"]: c for c in rows[Client] if c["id"] in self._wanted}
        if not clients:
            return
        children: dict[str, list[dict[str, Any]]] = {}
        for member in rows[FamilyMember]:
            if member["client_id"] in clients and member["relation"] == "child" and member["birth_date"]:
                children.setdefault(member["client_id"], []).append(member)
        tags: dict[str, set[str]] = {}
        for tag in rows[ClientTag]:
            if tag["client_id"] in clients:
                tags.setdefault(tag["client_id"], set()).add(tag["tag"])
        for needs in self._needs:
            card = clients.get(needs.row["client_id"])
            if card is not None:
                self._fill_needs(needs.row, card, children.get(card["id"], []), tags, rows[ClientTag])
        for closing in self._closings:
            card = clients.get(closing.row["client_id"])
            if card is not None:
                self._fill_closing(closing, card)

    def _fill_needs(
        self,
        row: dict[str, Any],
        card: dict[str, Any],
        children: list[dict[str, Any]],
        tags: dict[str, set[str]],
        tag_rows: list[dict[str, Any]],
    ) -> None:
        rng = self._rng
        held: date = row["held_on"]
        age = age_on(card["birth_date"], held) if card["birth_date"] else None
        retire = default_retirement_age(card["gender"])
        goals = {g for g, w in GOALS_BY_WEIGHT if rng.random() * 100 < w * 1.6}
        child = max(children, key=lambda c: c["birth_date"]) if children else None
        child_age = age_on(child["birth_date"], held) if child else None
        if child_age is None or child_age >= 18:
            goals.discard("education")
        if age is None or age >= retire:
            goals.discard("pension")
        goals = goals or {"protection"}
        income = rng.randrange(80_000, 600_000, 10_000) * YUAN
        inputs = NeedsInputs(
            family="已婚，" + (f"孩子{child_age}岁" if child_age is not None else "暂无孩子"),
            assets_notes=rng.choice(("有房贷，定期存款为主", "两套住房，理财产品若干", "存款和基金，单位有团险")),
            annual_income_cents=income,
            debts_cents=rng.randrange(0, 1_500_000, 50_000) * YUAN,
            existing_cover_cents=rng.randrange(0, 1_000_000, 100_000) * YUAN,
            liquid_assets_cents=rng.randrange(50_000, 800_000, 10_000) * YUAN,
            child_name=child["name"] if child and "education" in goals else "",
            child_age=child_age if "education" in goals else None,
            university_cost_cents=rng.randrange(30_000, 90_000, 5_000) * YUAN if "education" in goals else None,
            education_saved_cents=rng.randrange(0, 100_000, 10_000) * YUAN if "education" in goals else None,
            current_age=age if "pension" in goals else None,
            retirement_age=retire if "pension" in goals else None,
            desired_monthly_cents=rng.randrange(6_000, 20_000, 500) * YUAN if "pension" in goals else None,
            social_monthly_cents=rng.randrange(2_500, 6_000, 100) * YUAN if "pension" in goals else None,
            pension_saved_cents=rng.randrange(0, 500_000, 10_000) * YUAN if "pension" in goals else None,
        )
        ordered = [g for g in GOAL_TAGS if g in goals]
        row["goals_json"] = json.dumps(ordered)
        row["inputs_json"] = inputs.to_json()
        if row["status"] != "done":
            return
        result = figures(inputs)
        line = conclusion_line(held, ordered, result)
        if line:
            kept = [n for n in card["notes"].splitlines() if not n.startswith(f"{NOTE_HEAD} {held.isoformat()}")]
            card["notes"] = "\n".join([*kept, line]).strip()
        had = tags.setdefault(card["id"], set())
        for goal in ordered:
            tag = GOAL_TAGS[goal]
            if tag not in had:
                had.add(tag)
                tag_rows.append(record(rng.uuid(), row["updated_at"], client_id=card["id"], tag=tag))
                card["tags_text"] = " ".join([*card["tags_text"].split(), tag])

    def _fill_closing(self, closing: _Closing, card: dict[str, Any]) -> None:
        rng = self._rng
        row = closing.row
        product = self._product(card["birth_date"], row["held_on"])
        row["product_code"], row["product_name"] = product.code, product.name_zh
        row["premium_cents"] = _premium(rng, product)
        if closing.follow_up is not None:
            closing.follow_up["agenda"] = f"成交面谈跟进：{product.name_zh}"

    def _product(self, birth: date | None, day: date) -> Product:
        products = self._catalogue.insurance()
        fitting = [p for p in products if birth is None or p.insured_age_fits(birth, day)]
        return self._rng.choice(fitting or list(products))

    # ---- after the proposals ---------------------------------------------------------------

    def finish(self, paperwork: Batch) -> tuple[list[dict[str, Any]], Batch]:
        """(work-log entries to add, the forms' rows): a closed interview for each proposal finished
        on a working day of the window (its own visit entry, the proposal linked), and the targets.
        The new entries' cards had a contact then: the caller moves their last contact."""
        rng = self._rng
        rows = dict(paperwork)
        holders = {p["proposal_id"]: p["client_id"] for p in rows[ProposalParty] if p["role"] == "policyholder"}
        taken = {c.row["worklog_id"] for c in self._closings}
        extra: list[dict[str, Any]] = []
        for proposal in rows[Proposal]:
            finished = proposal["finished_at"]
            client_id = holders.get(proposal["id"])
            if proposal["status"] != "finished" or finished is None or client_id is None:
                continue
            day = (finished + timedelta(hours=8)).date()
            if not (self._in_window(day) and day < self._today and is_working_day(day)):
                continue
            at = finished - timedelta(minutes=rng.randint(30, 50))
            entry = record(
                rng.uuid(), at, day=day, at=at, kind="visit", quantity=1, client_id=client_id,
                outlet_id=proposal["outlet_id"], visit_id=None, sales_step="close", effective=True, outcome="成交",
                notes="", corrects_id=None,
            )  # fmt: skip
            extra.append(entry)
            self._add_closing(day, entry, None, "closed")
            form = self._closings[-1].row
            form.update(product_code=proposal["product_code"], product_name=proposal["product_name"],
                        premium_cents=proposal["premium_cents"], proposal_id=proposal["id"],
                        three_attempts=True)  # fmt: skip
            form["updated_at"] = finished + timedelta(minutes=5)
        assert not taken & {e["id"] for e in extra}
        self._extra_log = extra
        forms: Batch = [
            (CallRecord, self._calls),
            (NeedsInterview, [n.row for n in self._needs]),
            (ClosingInterview, [c.row for c in self._closings]),
            (MorningNote, self._notes),
            (NewsExcerpt, self._news),
            (LineTarget, self._targets(rows[Proposal])),
        ]
        return extra, forms

    def _targets(self, proposals: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Month, quarter and year targets per insurance line and for all lines, set at the start
        of each period from the pace of the book's recent sales (so the shares reached look real)."""
        rng = self._rng
        since = self._today - timedelta(days=60)
        pace: dict[str, tuple[int, int]] = dict.fromkeys(INSURANCE_LINES, (0, 0))
        for p in proposals:
            product = self._catalogue.find(p["product_code"])
            recent = p["finished_at"] is not None and (p["finished_at"] + timedelta(hours=8)).date() >= since
            if p["status"] == "finished" and recent and product and product.line in pace:
                cents, count = pace[product.line]
                pace[product.line] = (cents + (p["premium_cents"] or 0), count + 1)
        month_start = self._today.replace(day=1)
        quarter_start = date(self._today.year, 3 * ((self._today.month - 1) // 3) + 1, 1)
        year_start = date(self._today.year, 1, 1)
        rows: list[dict[str, Any]] = []
        totals = {"month": [0, 0], "quarter": [0, 0], "year": [0, 0]}
        for line in INSURANCE_LINES:
            cents, count = pace[line]
            month_cents = max(100_000 * YUAN, _round_wan(cents / 2 * rng.uniform(1.0, 1.3)))
            month_policies = max(1, round(count / 2 * rng.uniform(1.0, 1.3)))
            for period, starts_on, times in (("month", month_start, 1), ("quarter", quarter_start, 3),
                                             ("year", year_start, 12)):  # fmt: skip
                premium = _round_wan(month_cents * times * (1 if times == 1 else rng.uniform(0.95, 1.1)))
                policies = max(1, round(month_policies * times))
                totals[period][0] += premium
                totals[period][1] += policies
                rows.append(self._target(period, starts_on, line, premium, policies))
        for period, starts_on in (("month", month_start), ("quarter", quarter_start), ("year", year_start)):
            rows.append(self._target(period, starts_on, "all", totals[period][0], totals[period][1]))
        return rows

    def _target(self, period: str, starts_on: date, line: str, premium: int, policies: int) -> dict[str, Any]:
        return record(self._rng.uuid(), local_time(starts_on, 9 * 60), period=period, starts_on=starts_on, line=line,
                      premium_cents=premium, policies=policies)  # fmt: skip

    @property
    def counts(self) -> FormCounts:
        return FormCounts(len(self._calls), len(self._needs), len(self._closings), len(self._extra_log),
                          self.extra_visits)  # fmt: skip


def _round_wan(cents: float) -> int:
    """To whole 万元 (10,000 yuan), the unit targets are set in."""
    unit = 10_000 * YUAN
    return max(unit, round(cents / unit) * unit)


def _premium(rng: DemoRandom, product: Product) -> int:
    single = "regular" not in product.payment_modes
    cents = (rng.randrange(50_000, 500_000, 1000) if single else rng.randrange(5_000, 50_000, 100)) * YUAN
    if product.premium_min_cents is not None:
        cents = max(cents, product.premium_min_cents)
    if product.premium_max_cents is not None:
        cents = min(cents, product.premium_max_cents)
    return cents
