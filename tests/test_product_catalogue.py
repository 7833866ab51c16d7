"""The product catalogue as data: the shipped file, the strict format, importing a newer copy
(an older, equal or corrupt one refused with the profile unchanged), and the product's rules on
a proposal at their edges (P050-P057), on the laptop's service as head office judges them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.errors import InvalidInput
from app.proposals.service import ProposalService
from app.reference import products as held
from app.reference.products import (
    current_catalogue,
    held_catalogue,
    import_catalogue,
    profile_file,
    shipped_catalogue,
)
from app.rules.product_catalogue import (
    INSURANCE_LINES,
    LINES,
    CatalogueFileError,
    ProductCatalogue,
    parse_catalogue,
)
from app.rules.proposal import ProposalDoc, from_json, to_json
from app.rules.proposal_rules import PRODUCT_RULES, check_proposal

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_FILE = ROOT / "resources" / "reference" / "product_catalogue.json"
SAMPLE_FILE = ROOT / "resources" / "samples" / "product_catalogue.json"
PROPOSAL_SAMPLE = ROOT / "resources" / "samples" / "proposal.json"
SAMPLE_BIRTH = date(2016, 9, 3)  # the sample's insured; ZX-EDU-2026 takes 28 days to 17 years


@pytest.fixture(autouse=True)
def shipped_again() -> Iterator[None]:
    yield
    held.hold(None)


def catalogue_json(version: int = 2, **changes: Any) -> dict[str, Any]:
    """The shipped catalogue as JSON under `version`, ZX-EDU-2026's fields changed as given."""
    document = shipped_catalogue().to_json()
    document["version"] = version
    for product in document["products"]:
        if product["code"] == "ZX-EDU-2026":
            product.update(changes)
    return document


def encoded(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def sample_doc(**changes: Any) -> ProposalDoc:
    doc, problems = from_json(json.loads(PROPOSAL_SAMPLE.read_text(encoding="utf-8")))
    assert doc is not None and problems == []
    return replace(doc, **changes)


def product_codes(doc: ProposalDoc, catalogue: ProductCatalogue | None = None) -> list[str]:
    found = check_proposal(doc, catalogue or shipped_catalogue())
    return [p.code for p in found if p.code.startswith("P05")]


# ---- the shipped file and the format ------------------------------------------------------------


def test_the_shipped_catalogue_is_valid_and_covers_every_line() -> None:
    shipped = parse_catalogue(SHIPPED_FILE.read_bytes())
    assert shipped == shipped_catalogue() and shipped.version == 1
    assert 20 <= len(shipped.products) <= 30
    assert {p.line for p in shipped.products} == set(LINES)
    # The pension annuities sold to older clients keep their codes and their 20 days.
    for code in ("GS-XXNJ", "GS-FLXZ"):
        product = shipped.find(code)
        assert product is not None and product.line == "annuity" and product.cooling_off_days == 20
    others = [p.cooling_off_days for p in shipped.insurance() if p.code not in ("GS-XXNJ", "GS-FLXZ")]
    assert set(others) == {15}
    assert all(p.line in INSURANCE_LINES for p in shipped.insurance())
    assert all(p.selling_points and p.fab.feature for p in shipped.products)
    # Every demo and sample code still maps to a product.
    assert all(shipped.find(code) for code in ("ZX-EDU-2026", "PA-PAF", "TP-JYRS", "XH-HFB", "TK-ZXSJ"))


def test_the_sample_file_is_a_small_valid_catalogue() -> None:
    sample = parse_catalogue(SAMPLE_FILE.read_bytes())
    assert len(sample.products) == 3 and sample.find("zx-edu-2026") is not None


def test_the_json_form_reads_back_the_same() -> None:
    shipped = shipped_catalogue()
    assert parse_catalogue(encoded(shipped.to_json())) == shipped


def test_age_boundaries_are_inclusive_at_both_ends() -> None:
    product = shipped_catalogue().find("ZX-EDU-2026")
    assert product is not None and product.age_range_texts() == ("28 days to 17 years", "出生满 28 天至 17 周岁")
    born = date(2026, 1, 1)
    assert not product.insured_age_fits(born, born + timedelta(days=27))
    assert product.insured_age_fits(born, born + timedelta(days=28))
    assert product.insured_age_fits(born, date(2043, 12, 31))  # the day before the 18th birthday
    assert not product.insured_age_fits(born, date(2044, 1, 1))


def mutate(path: str, value: Any) -> bytes:
    """The shipped catalogue with one value changed; `path` like products.0.line, or a top key."""
    document = catalogue_json()
    target: Any = document
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return encoded(document)


REFUSED: list[tuple[Callable[[], bytes], str]] = [
    (lambda: b"{not json", "J000_malformed_json"),
    (lambda: b"\xff\xfe", "J006_bad_text"),
    (lambda: encoded([]), "K001_not_a_catalogue"),
    (lambda: mutate("kind", "holiday-calendar"), "K001_not_a_catalogue"),
    (lambda: mutate("extra", 1), "K001_not_a_catalogue"),
    (lambda: mutate("version", 0), "K002_bad_version"),
    (lambda: mutate("version", True), "K002_bad_version"),
    (lambda: mutate("version", "2"), "K002_bad_version"),
    (lambda: mutate("products", []), "K003_no_products"),
    (lambda: mutate("products.0.fax", 1), "K004_bad_product"),
    (lambda: mutate("products.0.line", KeyError), "K004_bad_product"),
    (lambda: mutate("products.0.code", "gs-xxnj"), "K004_bad_product"),
    (lambda: mutate("products.0.code", "PA-PAF"), "K005_duplicate_code"),
    (lambda: mutate("products.0.name_zh", " "), "K004_bad_product"),
    (lambda: mutate("products.0.line", "bond"), "K004_bad_product"),
    (lambda: mutate("products.0.insured_min_years", 71), "K006_bad_limit"),  # above its max of 70
    (lambda: mutate("products.0.insured_max_years", 121), "K006_bad_limit"),
    (lambda: mutate("products.0.insured_min_days", -1), "K006_bad_limit"),
    (lambda: mutate("products.0.payment_modes", []), "K004_bad_product"),
    (lambda: mutate("products.0.payment_modes", ["single", "single"]), "K004_bad_product"),
    (lambda: mutate("products.0.payment_modes", ["monthly"]), "K004_bad_product"),
    (lambda: mutate("products.0.payment_modes", ["single"]), "K004_bad_product"),  # terms listed but no regular
    (lambda: mutate("products.0.payment_years", []), "K004_bad_product"),  # regular offered, no terms
    (lambda: mutate("products.0.payment_years", [5, 5]), "K004_bad_product"),
    (lambda: mutate("products.0.payment_years", [0]), "K004_bad_product"),
    (lambda: mutate("products.0.cooling_off_days", 14), "K006_bad_limit"),  # insurance: 15 at least
    (lambda: mutate("products.0.cooling_off_days", 61), "K006_bad_limit"),
    (lambda: mutate("products.0.premium_min_cents", 0), "K006_bad_limit"),
    (lambda: mutate("products.2.sum_insured_min_cents", 300_000_000), "K006_bad_limit"),  # above its max
    (lambda: mutate("products.0.selling_points", ["ok", ""]), "K004_bad_product"),
    (lambda: mutate("products.0.fab", {"feature": "x"}), "K004_bad_product"),
]


@pytest.mark.parametrize(("raw", "code"), REFUSED)
def test_a_bad_file_is_refused_whole_with_the_reason_in_both_languages(raw: Callable[[], bytes], code: str) -> None:
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue(raw())
    problem = caught.value.problem
    assert problem.code == code
    assert problem.en and problem.zh_CN and problem.en != problem.zh_CN


def test_a_refusal_names_the_product_and_its_key() -> None:
    with pytest.raises(CatalogueFileError) as caught:
        parse_catalogue(mutate("products.0.cooling_off_days", 14))
    problem = caught.value.problem
    assert problem.field == "products[0].cooling_off_days"
    assert problem.en.startswith("Product GS-XXNJ: cooling_off_days") and problem.zh_CN.startswith("产品 GS-XXNJ：")


# ---- the profile's copy ------------------------------------------------------------------------


def test_a_newer_catalogue_is_installed_and_held(ctx: AppContext) -> None:
    assert ctx.catalogue() == shipped_catalogue()
    installed = import_catalogue(ctx.data_dir, encoded(catalogue_json(2, cooling_off_days=30)))
    assert installed.version == 2 and ctx.catalogue() == installed == held_catalogue(ctx.data_dir)
    product = ctx.catalogue().find("ZX-EDU-2026")
    assert product is not None and product.cooling_off_days == 30
    # The profile keeps it: the next opening holds it again.
    held.hold(None)
    ctx.close()
    again = AppContext.open(ctx.data_dir)
    try:
        assert again.catalogue().version == 2
    finally:
        again.close()


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (encoded(catalogue_json(2)), "not newer"),  # the same version as the one held
        (encoded(catalogue_json(1)), "not newer"),
        (b'{"kind": "product-catalogue", "version": 9, "products": [', "not JSON"),
        (mutate("products.0.code", "PA-PAF").replace(b'"version": 2', b'"version": 9'), "listed twice"),
    ],
)
def test_an_older_or_corrupt_file_is_refused_and_nothing_changes(ctx: AppContext, raw: bytes, said: str) -> None:
    import_catalogue(ctx.data_dir, encoded(catalogue_json(2)))
    before = profile_file(ctx.data_dir).read_bytes()
    with pytest.raises(InvalidInput, match=said) as caught:
        import_catalogue(ctx.data_dir, raw, "products.json")
    assert "products.json 未安装" in caught.value.message_zh
    assert profile_file(ctx.data_dir).read_bytes() == before
    assert current_catalogue().version == 2
    assert [p.name for p in profile_file(ctx.data_dir).parent.iterdir()] == ["product_catalogue.json"]


def test_an_older_file_than_the_shipped_one_is_refused(ctx: AppContext) -> None:
    with pytest.raises(InvalidInput, match="version 1 is not newer"):
        import_catalogue(ctx.data_dir, SAMPLE_FILE.read_bytes())
    assert not profile_file(ctx.data_dir).exists()


def test_a_profile_copy_that_no_longer_reads_falls_back_to_the_shipped_one(
    ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    profile_file(ctx.data_dir).parent.mkdir(parents=True, exist_ok=True)
    profile_file(ctx.data_dir).write_bytes(b"{broken")
    assert held_catalogue(ctx.data_dir) == shipped_catalogue()
    assert "not valid" in caplog.text
    # And a good newer file can still be installed over it.
    assert import_catalogue(ctx.data_dir, encoded(catalogue_json(3))).version == 3


# ---- the proposal's catalogue version ---------------------------------------------------------


def test_the_catalogue_version_travels_in_the_proposal_json() -> None:
    doc = sample_doc()
    assert doc.catalogue_version == 1 and to_json(doc)["catalogue_version"] == 1
    data = to_json(doc)
    del data["catalogue_version"]  # a document written before the catalogue: read as none
    old, problems = from_json(data)
    assert problems == [] and old is not None and old.catalogue_version is None
    for bad, code in ((0, "J007_out_of_range"), ("1", "J003_wrong_type"), (True, "J003_wrong_type")):
        _, problems = from_json({**to_json(doc), "catalogue_version": bad})
        assert [p.code for p in problems] == [code]


# ---- the product's rules, at their edges ------------------------------------------------------


def test_every_product_rule_has_an_id_and_both_languages() -> None:
    ids = [rule.id for rule in PRODUCT_RULES]
    assert len(set(ids)) == len(ids) and all(i.startswith("P05") for i in ids)
    assert all(rule.en and rule.zh_CN for rule in PRODUCT_RULES)


def test_the_sample_passes_its_products_rules_and_without_a_catalogue_none_are_judged() -> None:
    assert check_proposal(sample_doc(), shipped_catalogue()) == []
    assert product_codes(sample_doc(product_code="NO-SUCH")) == ["P050_product_unknown"]
    assert [p.code for p in check_proposal(sample_doc(product_code="NO-SUCH"))] == []


@pytest.mark.parametrize(
    ("applied", "accepted"),
    [
        (SAMPLE_BIRTH + timedelta(days=27), False),  # 27 days old
        (SAMPLE_BIRTH + timedelta(days=28), True),  # exactly the minimum
        (date(2034, 9, 2), True),  # the day before the 18th birthday: still 17
        (date(2034, 9, 3), False),  # the 18th birthday: past the maximum of 17
    ],
)
def test_insured_age_range_on_the_application_date(applied: date, accepted: bool) -> None:
    codes = product_codes(sample_doc(application_date=applied))
    assert codes == ([] if accepted else ["P051_insured_age_range"])


def test_insured_at_exactly_the_minimum_and_maximum_years() -> None:
    # GS-FLXZ takes 18 to 70; the insured is the policyholder (born 1985-06-12).
    doc = sample_doc(product_code="GS-FLXZ", product_name="国寿福禄鑫尊养老年金保险")
    doc = replace(doc, relation="self", insured=doc.policyholder)
    for applied, accepted in [
        (date(2003, 6, 11), False), (date(2003, 6, 12), True),  # the 18th birthday
        (date(2056, 6, 11), True), (date(2056, 6, 12), False),  # the 71st birthday
    ]:  # fmt: skip
        assert product_codes(replace(doc, application_date=applied)) == ([] if accepted else ["P051_insured_age_range"])


def test_a_29_february_birthday_counts_from_1_march() -> None:
    leapling = replace(sample_doc().insured, birth_date=date(2016, 2, 29))
    doc = sample_doc(insured=leapling)
    assert product_codes(replace(doc, application_date=date(2034, 2, 28))) == []  # still 17
    assert product_codes(replace(doc, application_date=date(2034, 3, 1))) == ["P051_insured_age_range"]


def test_the_age_message_names_the_product_and_the_range() -> None:
    found = [p for p in check_proposal(sample_doc(application_date=date(2034, 9, 3)), shipped_catalogue())
             if p.code == "P051_insured_age_range"]  # fmt: skip
    assert [(p.field, p.en, p.zh_CN) for p in found] == [(
        "insured.birth_date",
        "鑫享未来少儿教育年金保险 insures people aged 28 days to 17 years on the application date; the insured is 18.",
        "鑫享未来少儿教育年金保险的被保险人投保年龄为出生满 28 天至 17 周岁，被保险人在投保日为 18 岁。",
    )]  # fmt: skip


def test_payment_mode_and_years_must_be_the_products() -> None:
    assert product_codes(sample_doc(payment_mode="single", payment_years=None)) == ["P052_payment_mode"]
    assert product_codes(sample_doc(payment_years=7)) == ["P053_payment_years"]
    assert product_codes(sample_doc(payment_years=3)) == product_codes(sample_doc(payment_years=5)) == []
    found = check_proposal(sample_doc(payment_years=7), shipped_catalogue())
    assert "缴费年期为 3、5、10 年，不能为 7 年" in found[-1].zh_CN


@pytest.mark.parametrize(
    ("key", "code", "low", "high"),
    [
        ("sum_insured_cents", "P054_sum_insured_range", 1_000_000, 200_000_000),
        ("premium_cents", "P055_premium_range", 100_000, 50_000_000),
    ],
)
def test_amount_limits_are_inclusive(key: str, code: str, low: int, high: int) -> None:
    for value, accepted in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        assert product_codes(sample_doc(**{key: value})) == ([] if accepted else [code]), value


def test_not_insurance_and_a_missing_version_are_refused() -> None:
    assert product_codes(sample_doc(product_code="DEP-FIX1Y")) == ["P057_product_not_insurance"]
    assert product_codes(sample_doc(catalogue_version=None)) == ["P056_catalogue_version_missing"]


def test_a_product_gone_from_a_newer_catalogue_is_said_truthfully() -> None:
    newer = replace(shipped_catalogue(), version=2,
                    products=tuple(p for p in shipped_catalogue().products if p.code != "ZX-EDU-2026"))  # fmt: skip
    found = [p for p in check_proposal(sample_doc(), newer) if p.code.startswith("P05")]
    assert [(p.code, p.field) for p in found] == [("P050_product_unknown", "product_code")]
    assert "chosen from product catalogue version 1" in found[0].en and "version 2) no longer has it" in found[0].en
    assert "选自第 1 版产品目录" in found[0].zh_CN
    unknown = check_proposal(sample_doc(catalogue_version=2), newer)
    assert "is not in the product catalogue (version 2)" in unknown[0].en


# ---- on the laptop: the version stored, the rules judged with the catalogue held -------------


def test_the_service_stores_the_version_and_checks_with_the_catalogue_held(ctx: AppContext) -> None:
    service: ProposalService = ctx.proposals
    proposal_id = service.new_draft()
    assert service.doc(proposal_id).catalogue_version is None  # no product yet
    saved = service.save_draft(proposal_id, sample_doc(id=proposal_id, catalogue_version=None))
    assert saved.problems == () and service.doc(proposal_id).catalogue_version == 1
    too_old = service.save_draft(proposal_id, sample_doc(id=proposal_id, application_date=date(2034, 9, 3)))
    assert "P051_insured_age_range" in [p.code for p in too_old.problems]
    service.save_draft(proposal_id, sample_doc(id=proposal_id))

    # Head office publishes version 2 without the product: the draft says so, and cannot finish.
    document = catalogue_json(2)
    document["products"] = [p for p in document["products"] if p["code"] != "ZX-EDU-2026"]
    import_catalogue(ctx.data_dir, encoded(document))
    problems, _ = service.check(service.doc(proposal_id))
    assert [p.code for p in problems] == ["P050_product_unknown"] and "no longer has it" in problems[0].en
    with pytest.raises(InvalidInput, match="P050_product_unknown"):
        service.finish(proposal_id, {})
    assert service.doc(proposal_id).catalogue_version == 1  # still the version it was chosen from


def test_finishing_sends_the_version_of_the_catalogue_that_judged_it(ctx: AppContext) -> None:
    from tests.paperwork_helpers import PNG, zigzag

    service = ctx.proposals
    proposal_id = service.new_draft()
    service.save_draft(proposal_id, sample_doc(id=proposal_id))
    import_catalogue(ctx.data_dir, encoded(catalogue_json(3)))  # the product is still there
    service.finish(proposal_id, {"policyholder": (zigzag(), PNG), "insured": (zigzag(24), PNG)})
    assert service.doc(proposal_id).catalogue_version == 3
    with ctx.store.sessions() as session:
        from sqlalchemy import select

        from local_db import models

        payload = session.scalar(select(models.OutboxItem.payload_json).where(
            models.OutboxItem.record_id == proposal_id))  # fmt: skip
    assert payload is not None and json.loads(payload)["proposal"]["catalogue_version"] == 3
