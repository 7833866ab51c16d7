"""Outlet files (网点资料): deposit scale and targets, staff, competitors and stock of paper.

Staff phones are shown in full on the outlet's own file (they are the manager's colleagues)
and masked in every listing that gathers staff from several outlets.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.common.child_rows import replace_children
from app.errors import NotFound
from app.outlets.records import (
    MONEY_FIELDS,
    ROLES,
    STOCK_KINDS,
    CompetitorEntry,
    InvalidOutlet,
    OutletDraft,
    OutletFile,
    OutletInUse,
    OutletProblem,
    OutletSummary,
    StaffBirthday,
    StaffEntry,
    StockEntry,
)
from app.profile.audit import record_event
from app.rules.client_card import LANDLINE, MOBILE, age_on, normalise_phone
from app.rules.ids import OutletId
from app.rules.masking import mask_phone
from local_db import models

CODE_MAX = 32  # the column's width; head office keys outlets by this code
OUTLET_FIELDS = ("code", "name", "bank", "address", "phone", *MONEY_FIELDS, "notes")


def _phone_ok(value: str) -> bool:
    # Hyphens are kept for the landline check: they separate an extension from the number.
    compact = re.sub(r"[\s()（）]", "", value)
    return bool(MOBILE.fullmatch(normalise_phone(value)) or LANDLINE.fullmatch(compact))


def _clean_phone(value: str) -> str:
    """Mobiles are kept as bare digits (so they match the client cards); landlines as typed."""
    digits = normalise_phone(value)
    return digits if MOBILE.fullmatch(digits) else value.strip()


def check_outlet(draft: OutletDraft, today: date) -> list[OutletProblem]:
    """Every rule a draft breaks, in the order the editor shows its fields."""
    problems: list[OutletProblem] = []

    def problem(section: str, field: str, code: str, message: str, row: int | None = None) -> None:
        where = f"{section.capitalize()} row {row + 1}: " if row is not None else ""
        problems.append(OutletProblem(section, field, code, where + message, row))

    code = draft.code.strip()
    if not code:
        problem("outlet", "code", "code_required", "Enter the outlet code.")
    elif len(code) > CODE_MAX:
        problem("outlet", "code", "code_too_long", f"The outlet code has at most {CODE_MAX} characters.")
    if not draft.name.strip():
        problem("outlet", "name", "name_required", "Enter the outlet name.")
    if draft.phone.strip() and not _phone_ok(draft.phone):
        problem(
            "outlet",
            "phone",
            "phone_invalid",
            "Enter a landline with its area code (e.g. 010-62345678) or a mobile number.",
        )
    for field in MONEY_FIELDS:
        if (getattr(draft, field) or 0) < 0:
            problem("outlet", field, "amount_negative", "Amounts cannot be negative.")
    for row, staff in enumerate(draft.staff):
        if not staff.name.strip():
            problem("staff", "name", "name_required", "Enter the name.", row)
        if staff.role not in ROLES:
            problem("staff", "role", "role_invalid", "Choose a role.", row)
        if staff.phone.strip() and not _phone_ok(staff.phone):
            problem(
                "staff",
                "phone",
                "phone_invalid",
                "Enter a mobile number (e.g. 13812345678) or a landline with its area code (e.g. 010-62345678).",
                row,
            )
        if staff.birthday is not None and staff.birthday > today:
            problem("staff", "birthday", "birthday_in_future", "The birthday is in the future.", row)
    for row, rival in enumerate(draft.competitors):
        if not rival.company.strip():
            problem("competitors", "company", "company_required", "Enter the company.", row)
        for field in ("yearly_premium_cents", "last_three_months_premium_cents"):
            if (getattr(rival, field) or 0) < 0:
                problem("competitors", field, "amount_negative", "Amounts cannot be negative.", row)
    for row, item in enumerate(draft.stock):
        if item.kind not in STOCK_KINDS:
            problem("stock", "kind", "kind_invalid", "Choose form or brochure.", row)
        if not item.item.strip():
            problem("stock", "item", "item_required", "Enter the item.", row)
        for field in ("quantity", "reorder_level"):
            if getattr(item, field) < 0:
                problem("stock", field, "count_negative", "Counts cannot be negative.", row)
    return problems


def next_birthday(birthday: date, today: date) -> date:
    """The first birthday on or after `today`; 29 February is kept on the 28th in other years."""
    for year in (today.year, today.year + 1):
        try:
            day = birthday.replace(year=year)
        except ValueError:
            day = date(year, 2, 28)
        if day >= today:
            return day
    raise AssertionError("a birthday always falls within a year")


class OutletService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Callable[[], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = sessions
        self._actor = actor
        self._today = today

    # ---- reading ---------------------------------------------------------------------

    def list(self) -> builtins.list[OutletSummary]:
        staff = (
            select(func.count())
            .where(models.OutletStaff.outlet_id == models.Outlet.id)
            .correlate(models.Outlet)
            .scalar_subquery()
        )
        low = (
            select(func.count())
            .where(
                models.OutletStockItem.outlet_id == models.Outlet.id,
                models.OutletStockItem.quantity <= models.OutletStockItem.reorder_level,
            )
            .correlate(models.Outlet)
            .scalar_subquery()
        )
        with self._sessions() as session:
            rows = session.execute(
                select(
                    models.Outlet.id, models.Outlet.code, models.Outlet.name, models.Outlet.bank, staff, low
                ).order_by(models.Outlet.code)
            ).all()
        return [OutletSummary(*row) for row in rows]

    def get(self, outlet_id: OutletId) -> OutletFile:
        with self._sessions() as session:
            outlet = session.get(models.Outlet, outlet_id)
            if outlet is None:
                raise NotFound(f"No outlet file {outlet_id}.", zh="找不到该网点档案。")
            return OutletFile(
                id=OutletId(outlet.id),
                **{name: getattr(outlet, name) for name in OUTLET_FIELDS},
                # A stable, natural order, since rows saved together share their creation time:
                # staff by rank, competitors and stock by name.
                staff=_entries(
                    session,
                    models.OutletStaff,
                    StaffEntry,
                    outlet_id,
                    lambda s: (ROLES.index(s.role) if s.role in ROLES else len(ROLES), s.name),
                ),
                competitors=_entries(session, models.Competitor, CompetitorEntry, outlet_id, lambda c: (c.company,)),
                stock=_entries(
                    session,
                    models.OutletStockItem,
                    StockEntry,
                    outlet_id,
                    lambda i: (STOCK_KINDS.index(i.kind) if i.kind in STOCK_KINDS else 2, i.item),
                ),
                created_at=outlet.created_at,
                updated_at=outlet.updated_at,
            )

    def low_stock(self, outlet_id: OutletId) -> builtins.list[StockEntry]:
        """Items at or below their reorder level: what to bring on the next outlet visit."""
        with self._sessions() as session:
            rows = session.scalars(
                select(models.OutletStockItem)
                .where(
                    models.OutletStockItem.outlet_id == outlet_id,
                    models.OutletStockItem.quantity <= models.OutletStockItem.reorder_level,
                )
                .order_by(models.OutletStockItem.kind, models.OutletStockItem.item)
            )
            return [_entry(row, StockEntry) for row in rows]

    def upcoming_staff_birthdays(self, today: date, days: int = 7) -> builtins.list[StaffBirthday]:
        """Staff whose birthday falls from `today` to `days` days later, soonest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(models.OutletStaff, models.Outlet.name)
                .join(models.Outlet, models.Outlet.id == models.OutletStaff.outlet_id)
                .where(models.OutletStaff.birthday.is_not(None))
            ).all()
        found = []
        for staff, outlet_name in rows:
            coming = next_birthday(staff.birthday, today)
            if (coming - today).days <= days:
                found.append(
                    StaffBirthday(
                        outlet_id=staff.outlet_id,
                        outlet_name=outlet_name,
                        staff_id=staff.id,
                        name=staff.name,
                        role=staff.role,
                        phone_masked=mask_phone(staff.phone),
                        birthday=staff.birthday,
                        next_on=coming,
                        days_away=(coming - today).days,
                        turning=age_on(staff.birthday, coming),
                    )
                )
        found.sort(key=lambda b: (b.next_on, b.outlet_name, b.name))
        return found

    # ---- writing ---------------------------------------------------------------------

    def save(self, draft: OutletDraft) -> OutletId:
        """Create or update the outlet with its staff, competitors and stock; returns its id.

        Raises InvalidOutlet, with nothing written, when any rule is broken."""
        problems = check_outlet(draft, self._today())
        code = draft.code.strip().upper()
        with self._sessions.begin() as session:
            taken = session.scalar(
                # Upper-cased on both sides: rows written by imports may not be.
                select(models.Outlet.id).where(
                    func.upper(models.Outlet.code) == code, models.Outlet.id != (draft.id or "")
                )
            )
            if code and taken is not None:
                problems.insert(
                    0, OutletProblem("outlet", "code", "code_taken", f"Another outlet already has the code {code}.")
                )
            if problems:
                raise InvalidOutlet(problems)
            created = draft.id is None
            outlet = models.Outlet() if created else session.get(models.Outlet, draft.id)
            if outlet is None:
                raise NotFound(f"No outlet file {draft.id}.", zh="找不到该网点档案。")
            values: dict[str, Any] = {name: getattr(draft, name) for name in OUTLET_FIELDS}
            values.update(
                code=code,
                name=draft.name.strip(),
                bank=draft.bank.strip(),
                address=draft.address.strip(),
                phone=_clean_phone(draft.phone),
            )
            changed = [name for name, value in values.items() if getattr(outlet, name, None) != value]
            for name, value in values.items():
                setattr(outlet, name, value)
            if created:
                session.add(outlet)
            session.flush()
            sections = {
                "staff": replace_children(
                    session,
                    models.OutletStaff,
                    "outlet_id",
                    outlet.id,
                    (
                        (
                            s.id,
                            dict(
                                name=s.name.strip(),
                                role=s.role,
                                phone=_clean_phone(s.phone),
                                birthday=s.birthday,
                                hobbies=s.hobbies.strip(),
                                notes=s.notes,
                            ),
                        )
                        for s in draft.staff
                    ),
                ),
                "competitors": replace_children(
                    session,
                    models.Competitor,
                    "outlet_id",
                    outlet.id,
                    (
                        (
                            c.id,
                            dict(
                                company=c.company.strip(),
                                yearly_premium_cents=c.yearly_premium_cents,
                                last_three_months_premium_cents=c.last_three_months_premium_cents,
                                sales_model=c.sales_model.strip(),
                                strengths=c.strengths,
                            ),
                        )
                        for c in draft.competitors
                    ),
                ),
                "stock": replace_children(
                    session,
                    models.OutletStockItem,
                    "outlet_id",
                    outlet.id,
                    (
                        (
                            i.id,
                            dict(kind=i.kind, item=i.item.strip(), quantity=i.quantity, reorder_level=i.reorder_level),
                        )
                        for i in draft.stock
                    ),
                ),
            }
            changed += [name for name, did_change in sections.items() if did_change]
            if created or changed:
                record_event(
                    session,
                    actor=self._actor(),
                    action="create" if created else "edit",
                    entity="outlet",
                    entity_id=outlet.id,
                    # Field and section names only: staff rows hold phone numbers.
                    detail={
                        "code": code,
                        "fields": sorted(changed),
                        "staff": len(draft.staff),
                        "competitors": len(draft.competitors),
                        "stock": len(draft.stock),
                    },
                )
            return OutletId(outlet.id)

    def delete(self, outlet_id: OutletId) -> None:
        """Delete the outlet with its staff, competitors and stock; refused (OutletInUse)
        while client cards still name it, so no card silently loses its outlet."""
        with self._sessions.begin() as session:
            outlet = session.get(models.Outlet, outlet_id)
            if outlet is None:
                raise NotFound(f"No outlet file {outlet_id}.", zh="找不到该网点档案。")
            clients = (
                session.scalar(
                    select(func.count())
                    .select_from(models.Client)
                    .where(models.Client.outlet_id == outlet_id, models.Client.merged_into_id.is_(None))
                )
                or 0
            )
            if clients:
                raise OutletInUse(clients)
            record_event(
                session,
                actor=self._actor(),
                action="delete",
                entity="outlet",
                entity_id=outlet_id,
                detail={"code": outlet.code, "name": outlet.name},
            )
            session.delete(outlet)


def _entry(row: Any, entry_type: Any) -> Any:
    return entry_type(**{f.name: getattr(row, f.name) for f in fields(entry_type)})


def _entries(
    session: Session, table: Any, entry_type: Any, outlet_id: str, order: Callable[[Any], tuple[Any, ...]]
) -> tuple[Any, ...]:
    rows = session.scalars(select(table).where(table.outlet_id == outlet_id))
    return tuple(sorted((_entry(row, entry_type) for row in rows), key=lambda e: (*order(e), e.id)))
