"""Client CSV import: encodings, mapping, row-by-row problems, all-or-nothing, the CLI."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.clients import importing as client_import
from app.clients.columns import CellProblem, parse_cell, suggest_mapping
from app.clients.importing import import_rows, preview, read_csv, write_report_csv
from app.clients.records import ClientDraft, FamilyEntry
from app.clients.search import ClientQuery
from app.common import csv_files
from app.context import AppContext
from app.errors import Cancelled, InvalidInput
from app.rules.id_numbers import make_resident_id
from app.rules.ids import ClientId
from local_db.models import AuditEvent, Client, Outlet
from tests.test_cli import branchdesk

BIRTH_A, BIRTH_B, BIRTH_C = date(1985, 6, 15), date(1990, 1, 5), date(1972, 11, 30)
ID_A = make_resident_id("110105", BIRTH_A, 1, "F")
ID_B = make_resident_id("110105", BIRTH_B, 2, "M")
ID_C = make_resident_id("110105", BIRTH_C, 3, "M")
ID_HAN = make_resident_id("110105", BIRTH_C, 7, "F")
ID_ZHAO = make_resident_id("110105", BIRTH_B, 3, "M")
ID_QIAN = make_resident_id("110105", BIRTH_B, 4, "M")
ID_SAVED = make_resident_id("110105", date(1960, 3, 1), 4, "F")
BAD_CHECK = ID_B[:-1] + ("0" if ID_B[-1] != "0" else "1")
HEADER = "姓名,性别,出生日期,证件号码,手机号码,客户等级,行内资产,标签"
# Line numbers: the header is line 1.
ROWS = [
    f'王芳,女,1985-06-15,{ID_A},13912345678,金卡,"120,000",VIP、理财偏好',  # 2 good
    f"李雷,男,1990/1/5,{BAD_CHECK},13812345678,普通,100,",  # 3 bad check digit
    f"韩梅梅,女,1972-11-29,{ID_HAN},13712345678,普通,100,",  # 4 birth date disagrees with the ID
    f"赵四,男,1990-01-05,{ID_ZHAO},1381234567,普通,100,",  # 5 bad mobile
    f"钱五,男,1990-01-05,{ID_QIAN},13612345678,黄金,100,",  # 6 unknown tier
    f"王芳,女,1985-06-15,{ID_A},13912345678,金卡,5,",  # 7 same as line 2
    f"孙七,女,1960-03-01,{ID_SAVED},13512345678,普通,0,",  # 8 a card already saved
    f"周八,男,1972-11-30,{ID_C},13412345678,白金,12万,",  # 9 good
]


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding=encoding)
    return path


def saved_card(ctx: AppContext) -> ClientId:
    return ctx.clients.save(
        ClientDraft(
            name="孙七",
            gender="F",
            birth_date=date(1960, 3, 1),
            id_number=ID_SAVED,
            mobile="13500000000",
            address="北京市朝阳区",
            family=(FamilyEntry(relation="spouse", name="孙大"),),
        )
    ).client_id


def names(ctx: AppContext) -> set[str]:
    with ctx.store.sessions() as session:
        return set(session.scalars(select(Client.name)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_good_rows_go_in_and_each_bad_row_is_reported(ctx: AppContext, tmp_path: Path, encoding: str) -> None:
    saved_card(ctx)
    table = read_csv(write(tmp_path / "客户.csv", [HEADER, *ROWS], encoding))
    assert table.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    assert table.headers[0] == "姓名" and len(table.rows) == 8

    report = import_rows(ctx, table, suggest_mapping(table.headers))

    assert names(ctx) == {"孙七", "王芳", "周八"}
    assert (report.total_rows, report.imported, report.rejected) == (8, 2, 6)
    assert {(p.line, p.field, p.problem.code) for p in report.problems} == {
        (3, "id_number", "id_checksum"),
        (4, "birth_date", "birth_date_mismatch"),
        (5, "mobile", "mobile_invalid"),
        (6, "tier", "tier_unknown"),
        (7, "id_number", "duplicate_in_file"),
        (7, "mobile", "duplicate_in_file"),
        (8, "id_number", "duplicate_card"),
    }
    by_line = {p.line: p for p in report.problems}
    assert by_line[5].column == "手机号码" and by_line[5].name == "赵四"
    assert "line 2" in by_line[7].message("en") and "第 2 行" in by_line[7].message("zh_CN")
    wang = ctx.clients.get(ctx.clients.matching_ids(ClientQuery(text="王芳"))[0])
    assert wang.status == "valid" and wang.draft.tier == "gold" and wang.draft.assets_cents == 12_000_000
    assert wang.draft.tags == ("VIP", "理财偏好")
    zhou = ctx.clients.get(ctx.clients.matching_ids(ClientQuery(text="周八"))[0])
    assert zhou.draft.assets_cents == 120_000 * 100 and zhou.draft.tier == "platinum"


def test_one_audit_event_with_counts_and_file_name_only(ctx: AppContext, tmp_path: Path) -> None:
    table = read_csv(write(tmp_path / "in.csv", [HEADER, *ROWS]))
    import_rows(ctx, table, suggest_mapping(table.headers))
    with ctx.store.sessions() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).all()
        everything = " ".join(session.scalars(select(AuditEvent.detail_json)))
    assert len(events) == 1
    assert json.loads(events[0].detail_json) == {
        "file": "in.csv",
        "rows": 8,
        "imported": 3,
        "updated": 0,
        "rejected": 5,
    }
    for secret in (ID_A, ID_C, "13912345678"):
        assert secret not in everything


def test_a_dry_run_checks_everything_and_saves_nothing(ctx: AppContext, tmp_path: Path) -> None:
    table = read_csv(write(tmp_path / "in.csv", [HEADER, *ROWS]))
    report = import_rows(ctx, table, suggest_mapping(table.headers), dry_run=True)
    assert report.dry_run and report.imported == 3 and report.rejected == 5
    assert names(ctx) == set()


def test_a_cancel_between_batches_imports_nothing(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_import, "BATCH", 1)
    table = read_csv(write(tmp_path / "in.csv", [HEADER, ROWS[0], ROWS[-1]]))
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done > len(table.rows):  # the first row has been saved inside the transaction
            cancel.set()

    with pytest.raises(Cancelled):
        import_rows(ctx, table, suggest_mapping(table.headers), progress=progress, cancel=cancel)
    assert seen[-1] == (3, 4)
    assert names(ctx) == set()
    with ctx.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_a_failure_half_way_imports_nothing(ctx: AppContext, tmp_path: Path) -> None:
    # A real failure from the database itself once the first card is in (as a full disk
    # would fail the write): the transaction must take the first card back out.
    with ctx.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_second BEFORE INSERT ON clients "
            "WHEN (SELECT count(*) FROM clients) >= 1 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    table = read_csv(write(tmp_path / "in.csv", [HEADER, ROWS[0], ROWS[-1]]))
    with pytest.raises(Exception, match="disk full"):
        import_rows(ctx, table, suggest_mapping(table.headers))
    assert names(ctx) == set()


def test_update_existing_changes_only_the_mapped_non_blank_cells(ctx: AppContext, tmp_path: Path) -> None:
    client_id = saved_card(ctx)
    lines = ["姓名,证件号码,手机号码,职业,地址", f"孙七,{ID_SAVED},13500000000,教师,"]
    table = read_csv(write(tmp_path / "in.csv", lines))
    mapping = suggest_mapping(table.headers)
    assert import_rows(ctx, table, mapping).rejected == 1  # skip is the default
    report = import_rows(ctx, table, mapping, on_duplicate="update")
    assert (report.imported, report.updated, report.rejected) == (0, 1, 0)
    card = ctx.clients.get(client_id)
    assert card.draft.occupation == "教师" and card.draft.address == "北京市朝阳区"
    assert card.draft.family[0].name == "孙大"


def test_preview_masks_numbers_and_counts_the_whole_file(ctx: AppContext, tmp_path: Path) -> None:
    saved_card(ctx)
    table = read_csv(write(tmp_path / "in.csv", [HEADER + ",微信", *(row + ",wx" for row in ROWS)]))
    shown = preview(ctx, table, suggest_mapping(table.headers), limit=3, language="zh_CN")
    assert shown.ignored == ("微信",)
    assert [field for _, field in shown.columns][:5] == ["name", "gender", "birth_date", "id_number", "mobile"]
    assert (shown.total_rows, shown.valid, shown.with_problems, shown.duplicates) == (8, 2, 6, 2)
    assert [row.line for row in shown.rows] == [2, 3, 4]
    first = shown.rows[0]
    assert first.cells[:6] == ("王芳", "女", "1985-06-15", ID_A[:6] + "********" + ID_A[-4:], "139****5678", "金卡")
    assert first.cells[6] == "120,000.00" and first.problems == ()
    # A cell that could not be read is shown as typed, but an ID number stays masked even then.
    assert shown.rows[1].cells[3] == BAD_CHECK[:6] + "********" + BAD_CHECK[-4:]
    everything = repr(shown)
    assert ID_A not in everything and "13912345678" not in everything


def test_report_csv_opens_in_excel(ctx: AppContext, tmp_path: Path) -> None:
    table = read_csv(write(tmp_path / "in.csv", [HEADER, *ROWS]))
    report = import_rows(ctx, table, suggest_mapping(table.headers), dry_run=True)
    write_report_csv(report, tmp_path / "report.csv", "zh_CN")
    data = (tmp_path / "report.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,姓名,字段,问题"
    assert lines[1].startswith("3,李雷,证件号码,身份证号码校验位不符")
    assert len(lines) == 1 + len(report.problems)


def test_exported_masked_numbers_and_excel_numbers_are_explained(ctx: AppContext, tmp_path: Path) -> None:
    lines = [
        "姓名,证件号码,手机号码",
        "甲,110105********1234,13912345678",
        "乙,1.10105E+17,13812345678",
        "丙,,139****5678",
    ]
    table = read_csv(write(tmp_path / "in.csv", lines))
    report = import_rows(ctx, table, suggest_mapping(table.headers))
    assert [(p.line, p.field, p.problem.code) for p in report.problems] == [
        (2, "id_number", "masked"),
        (3, "id_number", "excel_number"),
        (4, "mobile", "masked"),
        (4, "id_number", "id_required"),
    ]


def test_outlets_by_code_or_name(ctx: AppContext, tmp_path: Path) -> None:
    with ctx.store.sessions.begin() as session:
        session.add(Outlet(code="BJ001", name="朝阳支行"))
    birth = date(1988, 2, 2)
    lines = ["姓名,证件号码,手机,网点"] + [
        f"客户{i},{make_resident_id('110105', birth, i, 'M')},1391234567{i},{outlet}"
        for i, outlet in enumerate(["BJ001", "朝阳支行", "海淀支行"])
    ]
    table = read_csv(write(tmp_path / "in.csv", lines))
    report = import_rows(ctx, table, suggest_mapping(table.headers))
    assert report.imported == 2
    assert [(p.line, p.column, p.problem.code) for p in report.problems] == [(4, "网点", "outlet_unknown")]


def test_line_numbers_count_blank_lines_and_multi_line_cells(tmp_path: Path) -> None:
    text = '姓名,备注\n\n甲,"第一行\n第二行"\n,\n乙,好\n'
    table = read_csv(text.encode("utf-8"), "in.csv")
    assert [(row.line, row.cells) for row in table.rows] == [(3, ("甲", "第一行\n第二行")), (6, ("乙", "好"))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty.csv is empty"),
        (b" \r\n\r\n", "empty.csv is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is an Excel workbook"),
        (bytes(range(256)) * 4, "is not a text file"),
        (b"name\n\x80\x80\n", "neither UTF-8 nor GBK text (line 2)"),
        (b"\xef\xbb\xbfname\nok\n\xff\n", "says it is UTF-8 but line 3 is not"),
        (b"\xff\xfen\x00a\x00", "UTF-16"),
        (",,\n张三,1\n".encode(), "has no header row"),
        ("姓名,手机\n".encode(), "has a header but no rows"),
        ("姓名,手机\n张三,1,2\n".encode(), "line 2: 3 cells, but the header names only 2 columns"),
        ('姓名,手机\n张三,"139\n'.encode(), "line 2 is not valid CSV"),
        ("姓名,姓名\n张三,李四\n".encode(), "“姓名” appears twice"),
    ],
)
def test_files_that_cannot_be_imported_say_why(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(data)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        read_csv(path)


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_files, "MAX_ROWS", 3)
    with pytest.raises(InvalidInput, match="more than 3 rows"):
        read_csv("姓名\n甲\n乙\n丙\n丁\n".encode(), "big.csv")


def test_excel_padding_is_not_an_error() -> None:
    table = read_csv("姓名,手机,\n张三,13912345678,,,\n".encode(), "pad.csv")
    assert table.rows[0].cells == ("张三", "13912345678", "")


def test_suggested_mapping() -> None:
    headers = [
        "客户姓名",
        "姓名",
        "Sex",
        "生日",
        "身份证号",
        "手机号",
        "电话",
        "单位",
        "等级",
        "资产（万元）",
        "风险偏好",
        "网点代码",
        "黑名单",
        "微信",
        "",
    ]
    assert suggest_mapping(headers) == {
        "客户姓名": "name",
        "姓名": None,
        "Sex": "gender",
        "生日": "birth_date",
        "身份证号": "id_number",
        "手机号": "mobile",
        "电话": "phone_other",
        "单位": "employer",
        "等级": "tier",
        "资产（万元）": "assets_cents",
        "风险偏好": "risk_preference",
        "网点代码": "outlet",
        "黑名单": "blacklisted",
        "微信": None,
        "": None,
    }


def test_a_mapping_needs_a_name_and_one_column_per_field(ctx: AppContext) -> None:
    table = read_csv("手机,电话\n13912345678,010-62345678\n".encode(), "in.csv")
    with pytest.raises(InvalidInput, match="mapped to the client's name"):
        import_rows(ctx, table, suggest_mapping(table.headers))
    with pytest.raises(InvalidInput, match="Both “手机” and “电话” are mapped to mobile"):
        import_rows(ctx, table, {"手机": "mobile", "电话": "mobile"})


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("gender", "M", "M"),
        ("gender", "女", "F"),
        ("birth_date", "1990年1月5日", date(1990, 1, 5)),
        ("birth_date", "19900105", date(1990, 1, 5)),
        ("birth_date", "1990/1/5 0:00", date(1990, 1, 5)),
        ("id_type", "身份证", "resident_id"),
        ("id_type", "护照", "passport"),
        ("id_type", "军官证", "military_id"),
        ("id_type", "出生证明", "birth_certificate"),
        ("risk_preference", "稳健型", "steady"),
        ("risk_preference", "C5", "aggressive"),
        ("tier", "私人银行", "private"),
        ("tier", "钻石", "diamond"),
        ("tags", "VIP，理财;保险/基金 养老", ("VIP", "理财", "保险", "基金", "养老")),
        ("blacklisted", "是", True),
        ("blacklisted", "否", False),
        ("mobile", "+86 139-1234-5678", "13912345678"),
        ("notes", "'=1+1", "=1+1"),
    ],
)
def test_cells_people_type(field: str, text: str, value: object) -> None:
    assert parse_cell(field, text, "") == value


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("birth_date", "1990-02-30"),
        ("birth_date", "去年"),
        ("gender", "未知"),
        ("assets_cents", "很多"),
        ("assets_cents", "1.234"),
    ],
)
def test_cells_that_cannot_be_read(field: str, text: str) -> None:
    with pytest.raises(CellProblem):
        parse_cell(field, text, "")


FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@given(st.integers(min_value=0, max_value=10**13))
def test_amounts_in_yuan_as_people_write_them(cents: int) -> None:
    yuan = Decimal(cents).scaleb(-2)
    for text in (f"{yuan:,.2f}", f"{yuan:.2f}", f"¥{yuan:,.2f}元", f"{yuan:,.2f}".translate(FULL_WIDTH)):
        assert parse_cell("assets_cents", text, "资产") == cents


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=9999))
def test_amounts_in_wan(wan: int, fraction: int) -> None:
    text = f"{wan}.{fraction:04d}"
    assert parse_cell("assets_cents", text + "万", "资产") == wan * 1_000_000 + fraction * 100
    assert parse_cell("assets_cents", text, "资产（万元）") == wan * 1_000_000 + fraction * 100
    assert parse_cell("assets_cents", str(wan).translate(FULL_WIDTH) + "万", "资产") == wan * 1_000_000


# ---- the command line -----------------------------------------------------------------


def test_cli_import_reports_rejected_rows_and_exits_1(data_dir: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "clients.csv", [HEADER, *ROWS], "gbk")
    result = branchdesk(
        "--data-dir", str(data_dir), "import", "clients", str(source), "--report", str(tmp_path / "report.csv")
    )
    assert result.returncode == 1, result.stderr
    assert "line 5: 手机号码: A mobile number has 11 digits" in result.stdout
    assert "clients.csv: 8 rows, 3 imported, 0 updated, 5 rejected" in result.stdout
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").startswith("line,name,field,problem")
    ctx = AppContext.open(data_dir)
    try:
        assert names(ctx) == {"王芳", "孙七", "周八"}
    finally:
        ctx.close()


def test_cli_import_in_chinese_dry_run_and_clean_file(data_dir: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "clients.csv", [HEADER, *ROWS])
    dry = branchdesk("--data-dir", str(data_dir), "import", "clients", str(source), "--dry-run", "--lang", "zh_CN")
    assert dry.returncode == 1
    assert "line 5: 手机号码: 手机号应为" in dry.stdout and "dry run: nothing was saved" in dry.stdout
    clean = write(tmp_path / "clean.csv", [HEADER, ROWS[0], ROWS[-1]])
    result = branchdesk("--lang", "zh_CN", "--data-dir", str(data_dir), "import", "clients", str(clean))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 rows, 2 imported" in result.stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04zip"), "is an Excel workbook"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: None, "does not exist"),
    ],
)
def test_cli_import_of_a_bad_file_exits_2(data_dir: Path, tmp_path: Path, make: Callable[[Path], object],
                                       message: str) -> None:  # fmt: skip
    path = tmp_path / "bad.csv"
    make(path)
    result = branchdesk("--data-dir", str(data_dir), "import", "clients", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cli_import_refuses_to_write_the_report_over_the_input(data_dir: Path, tmp_path: Path) -> None:
    source = write(tmp_path / "clients.csv", [HEADER, ROWS[0]])
    result = branchdesk("--data-dir", str(data_dir), "import", "clients", str(source), "--report", str(source))
    assert result.returncode == 2 and "would overwrite the file being imported" in result.stderr
    assert source.read_text(encoding="utf-8").startswith(HEADER)


def test_cli_import_needs_a_file(data_dir: Path) -> None:
    result = branchdesk("--data-dir", str(data_dir), "import", "clients")
    assert result.returncode == 2 and "FILE.csv" in result.stderr


def test_cli_help_lists_the_commands() -> None:
    result = branchdesk("--help")
    assert "import" in result.stdout and "export" in result.stdout


def test_mapping_with_the_same_card_twice_under_update(ctx: AppContext, tmp_path: Path) -> None:
    saved_card(ctx)
    lines = ["姓名,证件号码,手机号码,职业", f"孙七,{ID_SAVED},13500000000,教师", f"孙七,{ID_SAVED},13500000000,医生"]
    table = read_csv(write(tmp_path / "in.csv", lines))
    report = import_rows(ctx, table, suggest_mapping(table.headers), on_duplicate="update")
    assert (report.updated, report.rejected) == (1, 1)
    assert next((p.line, p.problem.code) for p in report.problems) == (3, "duplicate_in_file")
    assert ctx.clients.get(ctx.clients.matching_ids(ClientQuery())[0]).draft.occupation == "教师"
