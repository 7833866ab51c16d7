"""Reference data from head office to every laptop: publishing (checked whole, newer only), serving
with a strong ETag (304 when unchanged), the laptop's pull on every sync, the USB import by kind,
and head office checking a proposal against the catalogue version the laptop filled it under.

Against the real head-office server on 127.0.0.1 (tests/headoffice/server.py)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import delete

from app.context import AppContext
from app.headoffice.references import CHECKED_KEY, ETAGS_KEY, held_references, install_reference
from app.reference import products
from app.reference.held import profile_file
from app.rules import proposal as proposal_form
from app.rules import working_days
from app.rules.holiday_calendar import fallback_warning
from app.rules.product_catalogue import parse_catalogue
from app.rules.proposal import canonical_text, content_hash
from app.rules.proposal_rules import check_proposal
from app.rules.reminders import receipt_return_due
from sync import wire
from sync.headoffice import references
from sync.headoffice.db import ReferenceFile, make_engine, session_factory, utcnow
from tests.headoffice.fixtures import SAMPLE_MANAGER, headoffice, headoffice_token  # noqa: F401
from tests.headoffice.laptop import Item, proposal_item, push
from tests.headoffice.server import HeadOffice
from tests.paperwork_helpers import finished_proposal
from tests.test_cli import branchdesk

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CALENDAR = ROOT / "resources" / "samples" / "holiday_calendar.json"
SHIPPED_CATALOGUE = ROOT / "resources" / "reference" / "product_catalogue.json"
SIGNED = date(2026, 12, 30)  # a Wednesday: three working days later is in 2027
CALENDAR_PATH = "/v1/reference/calendar"


@pytest.fixture(autouse=True)
def shipped_again() -> Iterator[None]:
    yield
    working_days.hold(None)
    products.hold(None)


def calendar_file(version: int, years: dict[str, Any] | None = None) -> bytes:
    years = years if years is not None else {"2028": {"holidays": ["2028-01-03"], "workdays": []}}
    return json.dumps({"kind": "holiday-calendar", "version": version, "years": years}).encode()


def catalogue_file(version: int, **changes: Any) -> bytes:
    """The shipped catalogue under `version`, its first product's fields changed as given."""
    document = json.loads(SHIPPED_CATALOGUE.read_text(encoding="utf-8"))
    document["version"] = version
    document["products"][0].update(changes)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def publish(office: HeadOffice, kind: str, raw: bytes, name: str = "file.json") -> subprocess.CompletedProcess[str]:
    """The real `branchdesk-headoffice publish` against the office's database."""
    path = office.workdir / name
    path.write_bytes(raw)
    return subprocess.run([sys.executable, "-m", "sync.headoffice", "publish", kind, str(path), "--db", office.db_url],
                          cwd=office.workdir, capture_output=True, text=True, check=False, timeout=60)  # fmt: skip


def get(office: HeadOffice, token: str | None, path: str = CALENDAR_PATH, etag: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if etag:
        headers["If-None-Match"] = etag
    return requests.get(office.url + path, headers=headers, timeout=30)


def serve_as_is(office: HeadOffice, kind: str, version: int, body: str, *, replacing: bool = False) -> None:
    """What a broken or rolled-back head office might serve, written straight into its database
    (`publish` would refuse it); `replacing` drops what was there first."""
    engine = make_engine(office.db_url)
    try:
        with session_factory(engine).begin() as session:
            if replacing:
                session.execute(delete(ReferenceFile))
            session.add(ReferenceFile(kind=kind, version=version, body=body, published_at=utcnow(),
                                      sha256=hashlib.sha256(body.encode()).hexdigest()))  # fmt: skip
    finally:
        engine.dispose()


def log_in(ctx: AppContext, office: HeadOffice, token: str) -> None:
    ctx.sync.login(office.url, SAMPLE_MANAGER, token)


# ---- head office: publish and serve -------------------------------------------------------------


def test_publish_takes_a_newer_valid_file_and_refuses_a_bad_or_older_one_changing_nothing(
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    assert get(headoffice, headoffice_token).json()["detail"]["code"] == "not_published"
    done = publish(headoffice, "calendar", SAMPLE_CALENDAR.read_bytes())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["version"] == 2
    served = get(headoffice, headoffice_token)
    assert served.status_code == 200

    refusals = [
        ("calendar", calendar_file(2), "its version 2 is not newer than version 2 (published)"),
        ("calendar", calendar_file(1), "is not newer"),
        ("calendar", calendar_file(5)[:-3], "J0"),  # cut short: not JSON
        ("calendar", calendar_file(5, {"2028": {"holidays": ["2028-02-30"], "workdays": []}}), "is not a date"),
        ("calendar", catalogue_file(7), "This is not a holiday calendar file"),
        ("products", SAMPLE_CALENDAR.read_bytes(), "[K001"),
        ("products", catalogue_file(1), "not newer than version 1 (shipped with the app)"),
    ]
    for kind, raw, said in refusals:
        refused = publish(headoffice, kind, raw)
        assert refused.returncode == 2 and said in refused.stderr, (kind, said, refused.stderr)
        assert "Traceback" not in refused.stderr and refused.stdout == ""
    again = get(headoffice, headoffice_token)
    assert again.content == served.content and again.headers["ETag"] == served.headers["ETag"]
    assert get(headoffice, headoffice_token, "/v1/reference/products").status_code == 404


def test_served_with_a_strong_etag_and_304_when_the_copy_is_current(
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    missing = get(headoffice, headoffice_token)
    assert missing.status_code == 404 and missing.json()["detail"]["code"] == "not_published"
    assert publish(headoffice, "calendar", SAMPLE_CALENDAR.read_bytes()).returncode == 0
    assert get(headoffice, None).status_code == 401

    first = get(headoffice, headoffice_token)
    assert first.status_code == 200 and first.headers["Content-Type"] == "application/json"
    etag = first.headers["ETag"]
    assert etag == f'"{hashlib.sha256(first.content).hexdigest()}"'
    assert first.json()["version"] == 2 and list(first.json()["years"]) == ["2027"]
    unchanged = get(headoffice, headoffice_token, etag=etag)
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["ETag"] == etag
    assert get(headoffice, headoffice_token, etag='"something-else"').status_code == 200

    # A later publication adds its years to those published before: a laptop that missed
    # version 2 while offline still gets 2027 with version 3.
    assert publish(headoffice, "calendar", calendar_file(3)).returncode == 0
    newer = get(headoffice, headoffice_token, etag=etag)
    assert newer.status_code == 200 and newer.headers["ETag"] != etag
    assert newer.json()["version"] == 3 and list(newer.json()["years"]) == ["2027", "2028"]


# ---- the laptop: pull on sync, keep the last good copy ------------------------------------------


def test_a_laptop_that_synced_computes_2027_deadlines_with_the_published_calendar(
    ctx: AppContext,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    # Before: the shipped years end with 2026, and a 2027 deadline says Monday to Friday is assumed.
    assert receipt_return_due(SIGNED) == date(2027, 1, 4)
    assert working_days.assumed_years([date(2027, 1, 4)]) == {2027}
    log_in(ctx, headoffice, headoffice_token)
    nothing = ctx.sync.run_once()
    assert nothing.succeeded
    assert {(p.kind, p.outcome) for p in nothing.references} == {("calendar", "not_published"),
                                                                 ("products", "not_published")}  # fmt: skip
    assert not profile_file(ctx.data_dir).exists()

    assert publish(headoffice, "calendar", SAMPLE_CALENDAR.read_bytes()).returncode == 0
    report = ctx.sync.run_once()
    assert report.succeeded
    outcomes = {(p.kind, p.outcome, p.version) for p in report.references}
    assert outcomes == {("calendar", "installed", 2), ("products", "not_published", 1)}
    # 31 Dec, then 1–3 Jan are New Year's holidays: 4, 5 Jan.
    assert receipt_return_due(SIGNED) == date(2027, 1, 5)
    assert working_days.assumed_years([date(2027, 1, 5)]) == set()
    assert fallback_warning(working_days.assumed_years([date(2027, 1, 5)])) is None
    held = held_references(ctx.data_dir, ctx.settings)
    assert (held.calendar_version, held.calendar_last_year) == (2, 2027)
    assert held.checked_at is not None and ctx.settings.get(CHECKED_KEY)
    assert ctx.settings.get(ETAGS_KEY)["calendar"]["version"] == 2

    # The next run sends the ETag: 304, nothing installed again.
    again = ctx.sync.run_once()
    assert [(p.kind, p.outcome) for p in again.references if p.kind == "calendar"] == [("calendar", "unchanged")]
    assert "GET /v1/reference/calendar 304" in headoffice.log_text()

    # Another laptop, which never synced, still assumes Monday to Friday for 2027 and says so.
    other = AppContext.open(tmp_path / "other")
    try:
        assert receipt_return_due(SIGNED) == date(2027, 1, 4)
        warning = fallback_warning(working_days.assumed_years([date(2027, 1, 4)]))
        assert warning is not None and warning.en == "2027 holidays not known yet: Monday–Friday assumed"
    finally:
        other.close()


def test_a_bad_or_older_file_from_head_office_is_refused_and_the_push_still_succeeds(
    ctx: AppContext,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    install_reference(ctx.data_dir, SAMPLE_CALENDAR.read_bytes(), "the sample")  # as from a USB stick
    before = profile_file(ctx.data_dir).read_bytes()
    serve_as_is(headoffice, "calendar", 9, '{"kind": "holiday-calendar", "version": 9}')
    serve_as_is(headoffice, "products", 9, "not json")
    finished_proposal(ctx)
    log_in(ctx, headoffice, headoffice_token)
    report = ctx.sync.run_once()
    assert report.succeeded and report.sent == 1
    outcomes = {p.kind: p for p in report.references}
    assert outcomes["calendar"].outcome == "refused" and outcomes["products"].outcome == "refused"
    assert outcomes["calendar"].problem is not None and outcomes["calendar"].problem.code == "C001_not_a_calendar"
    assert profile_file(ctx.data_dir).read_bytes() == before
    assert receipt_return_due(SIGNED) == date(2027, 1, 5)

    # An older version than the one held (a head office restored from a backup) is refused too.
    serve_as_is(headoffice, "calendar", 1, calendar_file(1).decode(), replacing=True)
    older = ctx.sync.run_once()
    calendar = next(p for p in older.references if p.kind == "calendar")
    assert older.succeeded and calendar.outcome == "refused" and calendar.problem is not None
    assert calendar.problem.code == "reference_older" and "older than the one held" in calendar.problem.en
    assert profile_file(ctx.data_dir).read_bytes() == before


# ---- the USB stick: branchdesk reference import / show -----------------------------------------


def test_reference_import_goes_by_the_files_kind_and_refuses_an_unknown_one(data_dir: Path, tmp_path: Path) -> None:
    AppContext.open(data_dir).close()
    catalogue = tmp_path / "catalogue.json"
    catalogue.write_bytes(catalogue_file(2, insured_max_years=60))
    unknown = tmp_path / "unknown.json"
    unknown.write_text('{"kind": "branch-list", "version": 3}', encoding="utf-8")

    calendar = branchdesk("--data-dir", str(data_dir), "reference", "import", str(SAMPLE_CALENDAR))
    assert calendar.returncode == 0, calendar.stderr
    assert calendar.stdout == "holiday calendar version 2 installed: 2004–2027 known\n"
    installed = branchdesk("--data-dir", str(data_dir), "reference", "import", str(catalogue))
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.startswith("product catalogue version 2 installed: ")
    again = branchdesk("--data-dir", str(data_dir), "reference", "import", str(catalogue))
    assert again.returncode == 2 and "its version 2 is not newer than the product catalogue held" in again.stderr
    refused = branchdesk("--data-dir", str(data_dir), "reference", "import", str(unknown))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "not a reference file this version knows (its kind is branch-list" in refused.stderr
    zh = branchdesk("--lang", "zh_CN", "--data-dir", str(data_dir), "reference", "import", str(unknown))
    assert zh.returncode == 2 and "这不是本版本认识的参考数据文件" in zh.stderr

    shown = branchdesk("--data-dir", str(data_dir), "reference", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    held = json.loads(shown.stdout)
    assert held["holiday_calendar"] == {"version": 2, "first_year": 2004, "last_year": 2027}
    assert held["product_catalogue"]["version"] == 2 and held["product_catalogue"]["products"] > 0
    assert held["checked_at"] is None
    text = branchdesk("--data-dir", str(data_dir), "reference", "show").stdout
    assert "holiday calendar:  version 2, 2004–2027 known" in text and "last asked head office: never" in text


def test_shipped_versions_are_what_head_office_counts_from() -> None:
    assert references.shipped_version("calendar") == 1
    assert references.shipped_version("products") == json.loads(SHIPPED_CATALOGUE.read_text("utf-8"))["version"]


# ---- head office checks a proposal under the catalogue version it was filled under ---------------


def pushed_under(item: Item, version: int | None) -> bytes:
    """The laptop's push of `item` as if filled under catalogue `version`, hash recomputed (a
    laptop whose own check was bypassed: head office must still refuse what the rules refuse)."""
    envelope = json.loads(item.payload)
    envelope["proposal"]["catalogue_version"] = version
    envelope[wire.HASH_KEY] = content_hash(wire.hashed_part(wire.PROPOSAL, envelope))
    return canonical_text(envelope).encode("utf-8")


def test_head_office_checks_each_proposal_against_its_own_catalogue_version(
    ctx: AppContext,
    headoffice: HeadOffice,  # noqa: F811
    headoffice_token: str,  # noqa: F811
) -> None:
    # Version 2 narrows the sample's product to insured aged at most 8; the sample's insured is 9.
    narrowed = catalogue_file(2)
    document = json.loads(narrowed)
    for product in document["products"]:
        if product["code"] == "ZX-EDU-2026":
            product["insured_max_years"] = 8
    narrowed = json.dumps(document, ensure_ascii=False).encode("utf-8")
    assert publish(headoffice, "products", narrowed).returncode == 0

    under_v1 = proposal_item(ctx, SAMPLE_MANAGER)
    assert json.loads(under_v1.payload)["proposal"]["catalogue_version"] == 1
    accepted = push(headoffice.url, headoffice_token, under_v1)
    assert accepted.status_code == 201, accepted.text

    under_v2 = proposal_item(ctx, SAMPLE_MANAGER)
    refused = push(headoffice.url, headoffice_token, under_v2, body=pushed_under(under_v2, 2))
    assert refused.status_code == 422, refused.text
    server_rules = [error["rule"] for error in refused.json()["detail"]["errors"]]
    assert server_rules == ["P051_insured_age_range"]
    # The laptop holding version 2 refuses the same form with the same rule id.
    doc, _problems = proposal_form.from_json(json.loads(pushed_under(under_v2, 2))["proposal"])
    assert doc is not None
    laptop_rules = [p.code for p in check_proposal(doc, parse_catalogue(narrowed))]
    assert laptop_rules == server_rules

    unknown = proposal_item(ctx, SAMPLE_MANAGER)
    answer = push(headoffice.url, headoffice_token, unknown, body=pushed_under(unknown, 99))
    assert answer.status_code == 422
    error = answer.json()["detail"]["errors"][0]
    assert (error["field"], error["rule"]) == ("catalogue_version", "catalogue_version_unknown")
    assert "version 99" in error["message_en"] and "99" in error["message_zh"]
    assert {r.id for r in headoffice.records()} == {under_v1.record_id}
