"""Client CSV export: masked by default, audited, and an export imports back to the same cards."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clients.columns import COLUMNS
from app.clients.exporting import export_clients
from app.clients.importing import import_rows, read_csv, suggest_mapping
from app.clients.records import ClientDraft
from app.clients.search import ClientQuery
from app.context import AppContext
from app.demo import generate
from app.errors import Cancelled, InvalidInput
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId, OutletId
from local_db.models import AuditEvent, Outlet
from tests.test_cli import branchdesk

BIRTH = date(1979, 4, 8)
ID = make_resident_id("110105", BIRTH, 21, "M")
MOBILE = "13698765432"
LANDLINE = "010-62345678"
# What a CSV row carries; family, products and dates are not columns.
CSV_FIELDS = [f for f, _ in COLUMNS if f != "outlet"] + ["outlet_id"]


def add_outlet(ctx: AppContext) -> OutletId:
    with ctx.store.sessions.begin() as session:
        outlet = Outlet(code="BJ001", name="朝阳支行")
        session.add(outlet)
        session.flush()
        return OutletId(outlet.id)


def a_card(ctx: AppContext, outlet_id: OutletId | None = None) -> ClientId:
    return ctx.clients.save(
        ClientDraft(
            name="刘洋",
            gender="M",
            birth_date=BIRTH,
            id_number=ID,
            mobile=MOBILE,
            phone_other=LANDLINE,
            address="北京市朝阳区建国路 88 号, 3 栋",
            occupation="工程师",
            employer='=HYPERLINK("x")',
            tier="gold",
            source="referral",
            risk_preference="steady",
            income_band="20-50万",
            assets_cents=12_345_678,
            investments="基金、理财",
            hobbies="钓鱼",
            notes="多行\n备注",
            tags=("VIP", "代发工资"),
            outlet_id=outlet_id,
            blacklisted=True,
            blacklist_reason="贷款逾期",
        )
    ).client_id


def csv_values(ctx: AppContext, client_id: ClientId, outlet_codes: dict[str | None, str | None]) -> dict[str, object]:
    draft = asdict(ctx.clients.get(client_id).draft)
    values = {field: draft[field] for field in CSV_FIELDS}
    values["outlet_id"] = outlet_codes[values["outlet_id"]]  # outlets differ by id between profiles
    return values


def codes(ctx: AppContext) -> dict[str | None, str | None]:
    with ctx.store.sessions() as session:
        return {None: None, **dict(session.execute(select(Outlet.id, Outlet.code)).tuples().all())}


def test_export_masks_numbers_by_default_and_is_audited(ctx: AppContext, tmp_path: Path) -> None:
    a_card(ctx)
    result = export_clients(ctx, tmp_path / "clients.csv")
    text = (tmp_path / "clients.csv").read_bytes().decode("utf-8-sig")
    assert result.count == 1 and not result.revealed
    assert text.splitlines()[0] == ",".join(title for _, title in COLUMNS)
    for secret in (ID, MOBILE, "62345678"):
        assert secret not in text
    assert ID[:6] + "********" + ID[-4:] in text and "136****5432" in text
    # Excel would run a cell that starts with "=" as a formula.
    assert "'=HYPERLINK" in text
    with ctx.store.sessions() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert json.loads(event.detail_json) == {"file": "clients.csv", "count": 1, "revealed": False}


def test_revealed_export_round_trips_into_a_fresh_profile(ctx: AppContext, tmp_path: Path) -> None:
    client_id = a_card(ctx, add_outlet(ctx))
    result = export_clients(ctx, tmp_path / "clients.csv", reveal=True)
    assert result.revealed and ID in (tmp_path / "clients.csv").read_text(encoding="utf-8-sig")

    fresh = AppContext.open(tmp_path / "fresh")
    try:
        add_outlet(fresh)
        table = read_csv(tmp_path / "clients.csv")
        report = import_rows(fresh, table, suggest_mapping(table.headers))
        assert (report.imported, report.rejected) == (1, 0)
        [new_id] = fresh.clients.matching_ids(ClientQuery())
        assert csv_values(fresh, new_id, codes(fresh)) == csv_values(ctx, client_id, codes(ctx))
        assert fresh.clients.get(new_id).status == "valid"
    finally:
        fresh.close()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_demo_book_round_trips(tmp_path: Path, encoding: str) -> None:
    source = AppContext.open(tmp_path / "demo")
    fresh = AppContext.open(tmp_path / "fresh")
    try:
        generate(source.store, clients=300, worklog_days=0)
        with source.store.sessions() as session:
            outlets = [(o.code, o.name) for o in session.scalars(select(Outlet))]
        with fresh.store.sessions.begin() as session:
            session.add_all(Outlet(code=code, name=name) for code, name in outlets)
        export_clients(source, tmp_path / "book.csv", reveal=True, encoding=encoding)
        table = read_csv(tmp_path / "book.csv")
        assert table.encoding == ("gb18030" if encoding == "gbk" else "utf-8-sig")
        report = import_rows(fresh, table, suggest_mapping(table.headers))
        assert (report.imported, report.rejected) == (300, 0), report.problems[:3]

        def book(ctx: AppContext) -> list[dict[str, object]]:
            outlet_codes = codes(ctx)
            cards = [csv_values(ctx, i, outlet_codes) for i in ctx.clients.matching_ids(ClientQuery())]
            return sorted(cards, key=lambda card: str(card["id_number"]))

        assert book(fresh) == book(source)
    finally:
        source.close()
        fresh.close()


def test_gbk_export_holds_names_gbk_lacks(ctx: AppContext, tmp_path: Path) -> None:
    birth = date(2001, 1, 1)
    ctx.clients.save(
        ClientDraft(
            name="王𠮷", birth_date=birth, id_number=make_resident_id("110105", birth, 1, "F"), mobile="13900001111"
        )
    )
    result = export_clients(ctx, tmp_path / "gbk.csv", encoding="GBK")
    assert result.encoding == "gb18030"
    data = (tmp_path / "gbk.csv").read_bytes()
    assert "姓名".encode("gbk") in data and "王𠮷" in data.decode("gb18030")


def test_export_follows_the_query(ctx: AppContext, tmp_path: Path) -> None:
    a_card(ctx)
    birth = date(1990, 2, 2)
    ctx.clients.save(
        ClientDraft(
            name="普通人", birth_date=birth, id_number=make_resident_id("110105", birth, 5, "M"), mobile="13900002222"
        )
    )
    result = export_clients(ctx, tmp_path / "gold.csv", ClientQuery(tiers=frozenset({"gold"})))
    assert result.count == 1
    assert "普通人" not in (tmp_path / "gold.csv").read_text(encoding="utf-8-sig")


def test_a_cancelled_export_leaves_no_file_and_no_audit_event(ctx: AppContext, tmp_path: Path) -> None:
    a_card(ctx)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        export_clients(ctx, tmp_path / "clients.csv", cancel=cancel)
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob(".*part")) == []
    with ctx.store.sessions() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all() == []


def test_unknown_encoding_and_unwritable_place(ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="choose UTF-8 or GBK"):
        export_clients(ctx, tmp_path / "x.csv", encoding="latin-1")
    with pytest.raises(InvalidInput, match="could not be written"):
        export_clients(ctx, tmp_path / "missing" / "x.csv")


# ---- the command line -----------------------------------------------------------------


def test_cli_export_masks_refuses_to_overwrite_and_reveals_on_request(data_dir: Path, tmp_path: Path) -> None:
    ctx = AppContext.open(data_dir)
    try:
        a_card(ctx)
    finally:
        ctx.close()
    target = tmp_path / "clients.csv"
    result = branchdesk("--data-dir", str(data_dir), "export", "clients", str(target))
    assert result.returncode == 0, result.stderr
    assert "1 clients exported" in result.stdout and "masked" in result.stdout
    assert ID not in target.read_text(encoding="utf-8-sig")

    again = branchdesk("--data-dir", str(data_dir), "export", "clients", str(target), "--reveal")
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert ID not in target.read_text(encoding="utf-8-sig")

    forced = branchdesk(
        "--data-dir", str(data_dir), "export", "clients", str(target), "--reveal", "--force", "--encoding", "gbk"
    )
    assert forced.returncode == 0, forced.stderr
    assert ID in target.read_text(encoding="gb18030") and "audit log" in forced.stdout

    fresh = tmp_path / "fresh"
    back = branchdesk("--data-dir", str(fresh), "import", "clients", str(target))
    assert back.returncode == 0, back.stdout + back.stderr
    assert "1 rows, 1 imported" in back.stdout


def test_cli_export_bad_arguments_exit_2(data_dir: Path, tmp_path: Path) -> None:
    result = branchdesk(
        "--data-dir", str(data_dir), "export", "clients", str(tmp_path / "x.csv"), "--encoding", "latin1"
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr
    missing = branchdesk("--data-dir", str(data_dir), "export")
    assert missing.returncode == 2
