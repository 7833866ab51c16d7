"""Resident ID numbers as people have them: region codes of any year, unknown codes warned.

A region code that existed at ANY time (python-stdnum's table keeps each code with its years)
is accepted whatever the holder's birth year; a code the table never knew is a warning only;
length, characters, check digit and birth date stay strict.  Checked on the card, in the CSV
import, on the proposal and at head office, which re-checks with the same rules.
"""

from __future__ import annotations

import csv
import json
import uuid
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from stdnum.cn import ric

from app.clients.importing import import_rows, read_csv, suggest_mapping, write_report_csv
from app.clients.records import ClientDraft
from app.context import AppContext
from app.profile.settings import ManagerProfile
from app.proposals.service import ProposalService
from app.rules.client_card import CardFields, card_warnings, check_card
from app.rules.id_numbers import InvalidResidentId, RegionName, make_resident_id, parse_resident_id, region_names
from app.rules.proposal import ProposalDoc, from_json
from app.rules.proposal_rules import check_proposal, proposal_warnings
from app.rules.signature import Point, Signature, Stroke
from local_db import models
from sync.headoffice.documents import check_proposal_push

TODAY = date(2026, 3, 16)
# 北京市崇文区 (110103) was merged into 东城区 in 2010: the code was in use up to 2010 only.
GONE, GONE_UNTIL = "110103", 2010
# 北京市密云区 (110118) was made from 密云县 in 2015: the code is in use from 2015 only.
NEW, NEW_SINCE = "110118", 2015
# Codes no edition of the table knows: a county code under 北京市, and a province that is none.
UNKNOWN = ("119999", "990101")
SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "proposal.json"


def with_check_digit(body: str) -> str:
    """17 digits and their correct check digit, so what fails is what the body holds."""
    return body + ric.calc_check_digit(body + "0")


def card(id_number: str, **changes: object) -> CardFields:
    base = CardFields("张三", None, None, "resident_id", id_number, "13812345678", "", "ordinary", "walk_in", None, 0)
    return replace(base, **changes)  # type: ignore[arg-type]


# ---- the table ---------------------------------------------------------------------------


def test_the_table_keeps_every_name_a_code_had_with_its_years() -> None:
    assert region_names(GONE) == (RegionName("崇文区", None, GONE_UNTIL),)
    assert region_names(NEW) == (RegionName("密云区", NEW_SINCE, None),)
    assert region_names("120110") == (RegionName("东郊区", None, 1991), RegionName("东丽区", 1992, None))
    assert region_names("110000") == (RegionName("北京市", None, None),)
    for code in (*UNKNOWN, "000000", "11010", "1101a5"):
        assert region_names(code) == ()


# ---- the number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "birth"),
    [
        (GONE, date(GONE_UNTIL, 12, 31)),  # the last year the code was in use
        (GONE, date(GONE_UNTIL + 1, 1, 1)),  # existed only before the holder's birth year
        (GONE, date(2020, 6, 1)),
        (NEW, date(NEW_SINCE, 1, 1)),  # the first year
        (NEW, date(NEW_SINCE - 1, 12, 31)),  # created after the holder's birth year
        (NEW, date(1950, 6, 1)),
        ("120110", date(1995, 5, 5)),  # 东郊区 renamed 东丽区 in 1992: either year
        ("120110", date(1985, 5, 5)),
    ],
)
def test_a_code_in_use_in_any_year_is_accepted_whatever_the_birth_year(region: str, birth: date) -> None:
    number = make_resident_id(region, birth, 5, "F")
    parsed = parse_resident_id(number)
    assert (parsed.number, parsed.birth_date, parsed.gender, parsed.region_known) == (number, birth, "F", True)
    assert check_card(card(number), TODAY) == [] and card_warnings(card(number)) == []


def test_stdnum_alone_refuses_the_holder_born_after_the_code_went_out_of_use() -> None:
    # Why the app does not call ric.validate: it ties the code to the birth year.
    assert not ric.is_valid(make_resident_id(GONE, date(GONE_UNTIL + 1, 1, 1), 5, "F"))
    assert not ric.is_valid(make_resident_id(NEW, date(NEW_SINCE - 1, 12, 31), 5, "F"))


@pytest.mark.parametrize("region", UNKNOWN)
def test_a_code_in_no_edition_of_the_table_is_a_warning_only(region: str) -> None:
    number = make_resident_id(region, date(1980, 3, 1), 5, "M")
    parsed = parse_resident_id(number)
    assert parsed.region_known is False and parsed.birth_date == date(1980, 3, 1) and parsed.gender == "M"
    assert check_card(card(number), TODAY) == []
    [warning] = card_warnings(card(number))
    assert (warning.field, warning.code) == ("id_number", "id_region_unknown")
    assert region in warning.en and "accepted" in warning.en and "region code" in warning.en
    assert region in warning.zh_CN and "地区码" in warning.zh_CN and "仍可使用" in warning.zh_CN
    # Another document type is not read as a resident ID at all.
    assert card_warnings(card(number, id_type="passport")) == []


FEB_31 = with_check_digit("11010519900231123")
FUTURE = make_resident_id("110105", date.today() + timedelta(days=400), 5, "F")  # future on any day the run reaches
_GOOD = make_resident_id(NEW, date(1980, 3, 1), 5, "F")
BAD_CHECK = _GOOD[:-1] + ("0" if _GOOD[-1] != "0" else "1")


@pytest.mark.parametrize(
    ("number", "reason", "en", "zh"),
    [
        (BAD_CHECK, "checksum", "check digit", "校验位"),
        (FEB_31, "birth_date", "birth date that does not exist", "出生日期不存在"),
        (FUTURE, "birth_future", "birth date in the future", "出生日期晚于今天"),
        (with_check_digit("11999919900231123"), "birth_date", "does not exist", "不存在"),  # unknown code too
        ("11011819800301010", "length", "18 characters", "18 位"),
        ("11011819800301O10X", "format", "digits", "数字"),
    ],
)
def test_check_digit_birth_date_length_and_format_stay_strict(number: str, reason: str, en: str, zh: str) -> None:
    with pytest.raises(InvalidResidentId) as caught:
        parse_resident_id(number)
    assert caught.value.reason == reason
    [problem] = check_card(card(number), TODAY)
    assert (problem.field, problem.code) == ("id_number", f"id_{reason}")
    assert en in problem.en and zh in problem.zh_CN
    # Nothing anywhere says the region code does not exist.
    assert "region" not in problem.en and "地区码" not in problem.zh_CN
    assert card_warnings(card(number)) == []


def test_the_card_with_an_unknown_code_saves_as_valid(ctx: AppContext) -> None:
    number = make_resident_id(UNKNOWN[0], date(1980, 3, 1), 5, "M")
    saved = ctx.clients.save(ClientDraft(name="李四", id_number=number, mobile="13812345678"))
    assert (saved.status, saved.problems) == ("valid", ())
    shown = ctx.clients.get(saved.client_id)
    assert (shown.status, shown.problems, shown.draft.id_number) == ("valid", (), number)


# ---- the import ----------------------------------------------------------------------------


def test_the_import_reports_each_case_truthfully(ctx: AppContext, tmp_path: Path) -> None:
    gone = make_resident_id(GONE, date(2015, 4, 1), 1, "F")
    new = make_resident_id(NEW, date(1980, 4, 1), 2, "M")
    unknown = make_resident_id(UNKNOWN[0], date(1980, 4, 1), 3, "M")
    lines = [
        "姓名,证件号码,手机号码",
        f"甲,{gone},13812345671",  # 2 code out of use before the birth year: imported
        f"乙,{new},13812345672",  # 3 code made after the birth year: imported
        f"丙,{unknown},13812345673",  # 4 code in no table: imported, with a warning
        f"丁,{BAD_CHECK},13812345674",  # 5 refused
        f"戊,{FEB_31},13812345675",  # 6 refused: 31 February
        f"己,{FUTURE},13812345676",  # 7 refused: born next year
    ]
    path = tmp_path / "clients.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    table = read_csv(path)
    report = import_rows(ctx, table, suggest_mapping(table.headers))

    assert (report.total_rows, report.imported, report.rejected) == (6, 3, 3)
    assert {(p.line, p.column, p.problem.code) for p in report.problems} == {
        (5, "证件号码", "id_checksum"),
        (6, "证件号码", "id_birth_date"),
        (7, "证件号码", "id_birth_future"),
    }
    assert [(p.line, p.name, p.column, p.problem.code) for p in report.warnings] == [
        (4, "丙", "证件号码", "id_region_unknown")
    ]
    assert not any("地区码" in p.message("zh_CN") or "region" in p.message("en") for p in report.problems)
    statuses = {c.name: c.status for c in _clients(ctx)}
    assert statuses == {"甲": "valid", "乙": "valid", "丙": "valid"}

    out = tmp_path / "report.csv"
    write_report_csv(report, out, "zh_CN")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["行号", "姓名", "字段", "问题"]
    assert [r[0] for r in rows[1:]] == ["5", "6", "7", "4"]
    assert rows[-1][3].startswith("提醒（不影响导入）：") and UNKNOWN[0] in rows[-1][3]


def _clients(ctx: AppContext) -> list[models.Client]:
    with ctx.store.sessions() as session:
        return list(session.query(models.Client))


# ---- the proposal and head office ----------------------------------------------------------


def _proposal_with_insured(proposal_id: str, region: str) -> ProposalDoc:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc, problems = from_json({**data, "id": proposal_id})
    assert doc is not None and problems == []
    insured = doc.insured
    assert insured.birth_date is not None and insured.gender is not None
    number = make_resident_id(region, insured.birth_date, 9, insured.gender)
    return replace(doc, insured=replace(insured, id_type="resident_id", id_number=number))


@pytest.mark.parametrize("region", [GONE, NEW])
def test_a_proposal_with_a_renamed_region_has_nothing_to_say(region: str) -> None:
    doc = _proposal_with_insured(str(uuid.uuid4()), region)
    assert check_proposal(doc) == [] and proposal_warnings(doc) == []


def _signature(points: int) -> Signature:
    stroke = tuple(Point(50 + 300 * i / (points - 1), 50 + (80 if i % 2 else 0), i * 10, None) for i in range(points))
    return Signature((Stroke(stroke, "pen"),), 480, 200)


def test_a_proposal_with_an_unknown_region_is_finished_with_a_warning_and_head_office_takes_it(
    ctx: AppContext,
) -> None:
    ctx.settings.set_manager(ManagerProfile(name="王芳", code="BJ0107", phone="13911112222"))
    service = ProposalService(ctx.store.sessions, ctx.settings, ctx.actor, today=lambda: TODAY)
    proposal_id = service.new_draft()
    doc = _proposal_with_insured(proposal_id, UNKNOWN[0])
    saved = service.save_draft(proposal_id, doc)
    assert saved.problems == ()
    [warning] = saved.warnings
    assert (warning.code, warning.field) == ("W002_id_region_unknown", "insured.id_number")
    assert UNKNOWN[0] in warning.en and UNKNOWN[0] in warning.zh_CN and "地区码" in warning.zh_CN

    png = b"\x89PNG\r\n\x1a\nfake"
    finished = service.finish(proposal_id, {"policyholder": (_signature(20), png), "insured": (_signature(24), png)})
    assert service.get(proposal_id).status == "finished"
    with ctx.store.sessions() as session:
        item = session.get(models.OutboxItem, finished.outbox_item_id)
        assert item is not None
        payload = json.loads(item.payload_json)
    checked = check_proposal_push(payload)  # head office re-checks with the same rules
    assert checked.record_id == proposal_id
