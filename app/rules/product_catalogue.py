"""Head office's product catalogue as data: every product the managers may sell, its rules
(insured age range, payment modes and years, limits on sum insured and premium), its
cooling-off days and its selling points, under one version number for the whole file.

Pure (stdlib and `app.rules` only).  The file format, shipped in resources/reference/ and
published by head office::

    {"kind": "product-catalogue", "version": 2, "products": [
      {"code": "GS-XXNJ", "name_zh": "国寿鑫享年金保险", "name_en": "China Life Xinxiang Annuity",
       "line": "annuity", "insured_min_years": 50, "insured_min_days": 0, "insured_max_years": 70,
       "payment_modes": ["single", "regular"], "payment_years": [3, 5, 10],
       "cooling_off_days": 20, "sum_insured_min_cents": null, "sum_insured_max_cents": null,
       "premium_min_cents": 1000000, "premium_max_cents": null,
       "selling_points": ["..."], "fab": {"feature": "...", "advantage": "...", "benefit": "..."}}, ...]}

Ages are on the application date and inclusive: `insured_min_years` from that birthday on,
`insured_min_days` whole days since birth (28: from the 28th day after birth), and
`insured_max_years` up to the day before the next birthday (65: until the day before the 66th),
the same `age_on` rule as the proposal's P003.  Amounts are whole fen (cents); null is no limit.
`payment_years` lists the regular terms on offer (empty when only single payment is offered).

`parse_catalogue` reads it strictly with the wire reader (app/rules/wire_json.py): the kind, a
positive whole version, at least one product, every key present and no other, codes unique
(upper-case letters, digits and dashes), every limit sane (min <= max, ages 0-120, an insurance
product's cooling-off 15-60 days).  Anything else is refused whole (`CatalogueFileError`, with
the reason in both languages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.rules import limits, wire_json
from app.rules.client_card import age_on
from app.rules.problem import Problem
from app.rules.reference_file import FileKind, ReferenceFileError, file_header

KIND = "product-catalogue"
CODE = re.compile(r"\A[A-Z0-9][A-Z0-9-]{1,39}\Z")
# Product lines: English and Chinese names; the first six are insurance, sold on a proposal (投保单).
LINES: dict[str, tuple[str, str]] = {
    "life": ("Life insurance", "寿险"),
    "endowment": ("Endowment insurance", "两全保险"),
    "annuity": ("Annuity", "年金保险"),
    "critical_illness": ("Critical illness insurance", "重疾险"),
    "health": ("Medical insurance", "医疗保险"),
    "accident": ("Accident insurance", "意外险"),
    "wealth": ("Wealth management", "银行理财"),
    "deposit": ("Deposit", "存款"),
    "fund": ("Fund", "基金"),
}
INSURANCE_LINES = ("life", "endowment", "annuity", "critical_illness", "health", "accident")
PAYMENT_MODES = ("single", "regular")
MODE_NAMES = {"single": ("single premium", "趸交"), "regular": ("regular premium", "期交")}
# The bank-insurance minimum is 15 days; more than 60 is a slip of the keyboard.
INSURANCE_COOLING_OFF_DAYS = (15, 60)
OTHER_COOLING_OFF_DAYS = (0, 60)
MAX_AGE_YEARS = 120
MAX_AGE_DAYS = 366
MAX_PRODUCTS = 1000
MAX_SELLING_POINTS = 10
NOTE_CHARS = 300
PRODUCT_KEYS = frozenset({
    "code", "name_zh", "name_en", "line", "insured_min_years", "insured_min_days", "insured_max_years",
    "payment_modes", "payment_years", "cooling_off_days", "sum_insured_min_cents", "sum_insured_max_cents",
    "premium_min_cents", "premium_max_cents", "selling_points", "fab",
})  # fmt: skip
FAB_KEYS = ("feature", "advantage", "benefit")


class CatalogueFileError(ReferenceFileError):
    """The file is not a product catalogue this app accepts; `problem` says why in both languages."""


FILE = FileKind(KIND, "products", "product catalogue", "产品目录", "catalogue", "产品目录", "K001_not_a_catalogue",
                "K002_bad_version")  # fmt: skip


@dataclass(frozen=True)
class Fab:
    """The FAB presentation notes (特点、优势、利益) a manager uses in the sales conversation."""

    feature: str
    advantage: str
    benefit: str


@dataclass(frozen=True)
class Product:
    code: str
    name_zh: str
    name_en: str
    line: str
    insured_min_years: int
    insured_min_days: int
    insured_max_years: int
    payment_modes: tuple[str, ...]
    payment_years: tuple[int, ...]
    cooling_off_days: int
    sum_insured_min_cents: int | None
    sum_insured_max_cents: int | None
    premium_min_cents: int | None
    premium_max_cents: int | None
    selling_points: tuple[str, ...]
    fab: Fab

    @property
    def is_insurance(self) -> bool:
        return self.line in INSURANCE_LINES

    def insured_age_fits(self, birth: date, day: date) -> bool:
        """Is someone born on `birth` within the product's age range on `day` (both ends included)?"""
        age = age_on(birth, day)
        return (day - birth).days >= self.insured_min_days and self.insured_min_years <= age <= self.insured_max_years

    def age_range_texts(self) -> tuple[str, str]:
        """The insured age range in words: ("28 days to 65 years", "出生满 28 天至 65 周岁")."""
        if self.insured_min_years > 0:
            low_en, low_zh = f"{self.insured_min_years} years", f"{self.insured_min_years} 周岁"
        else:
            low_en, low_zh = f"{self.insured_min_days} days", f"出生满 {self.insured_min_days} 天"
        return f"{low_en} to {self.insured_max_years} years", f"{low_zh}至 {self.insured_max_years} 周岁"


@dataclass(frozen=True)
class ProductCatalogue:
    version: int
    products: tuple[Product, ...] = field(default_factory=tuple)

    def find(self, code: str) -> Product | None:
        wanted = code.strip().upper()
        return next((product for product in self.products if product.code == wanted), None)

    def insurance(self) -> tuple[Product, ...]:
        """The products a proposal (投保单) can be for."""
        return tuple(product for product in self.products if product.is_insurance)

    def to_json(self) -> dict[str, Any]:
        return {"kind": KIND, "version": self.version, "products": [_product_json(p) for p in self.products]}


def _product_json(product: Product) -> dict[str, Any]:
    return {
        "code": product.code, "name_zh": product.name_zh, "name_en": product.name_en, "line": product.line,
        "insured_min_years": product.insured_min_years, "insured_min_days": product.insured_min_days,
        "insured_max_years": product.insured_max_years, "payment_modes": list(product.payment_modes),
        "payment_years": list(product.payment_years), "cooling_off_days": product.cooling_off_days,
        "sum_insured_min_cents": product.sum_insured_min_cents,
        "sum_insured_max_cents": product.sum_insured_max_cents,
        "premium_min_cents": product.premium_min_cents, "premium_max_cents": product.premium_max_cents,
        "selling_points": list(product.selling_points),
        "fab": {"feature": product.fab.feature, "advantage": product.fab.advantage, "benefit": product.fab.benefit},
    }  # fmt: skip


# --- reading ---------------------------------------------------------------------------------


def _refuse(code: str, en: str, zh: str, where: str = "") -> CatalogueFileError:
    return CatalogueFileError(Problem(where, code, en, zh))


def parse_catalogue(raw: bytes | str) -> ProductCatalogue:
    """The catalogue in `raw` (the file's bytes), or CatalogueFileError."""
    try:
        document = wire_json.loads(raw)
    except wire_json.WireJsonError as exc:
        raise CatalogueFileError(exc.problem) from None
    return catalogue_from_json(document)


def catalogue_from_json(document: Any) -> ProductCatalogue:
    version = file_header(document, FILE, _refuse)
    items = document["products"]
    if not isinstance(items, list) or not items:
        raise _refuse("K003_no_products", "The catalogue lists no products.", "产品目录中没有任何产品。", "products")
    if len(items) > MAX_PRODUCTS:
        raise _refuse("K003_no_products", f"The catalogue lists more than {MAX_PRODUCTS} products.",
                      f"产品目录中的产品超过 {MAX_PRODUCTS} 个。", "products")  # fmt: skip
    products: list[Product] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        product = _product(index, item)
        if product.code in seen:
            raise _refuse("K005_duplicate_code", f"The product code {product.code} is listed twice.",
                          f"产品代码 {product.code} 出现了两次。", f"products[{index}].code")  # fmt: skip
        seen.add(product.code)
        products.append(product)
    return ProductCatalogue(version=version, products=tuple(products))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    """Reads one product's fields; every refusal names the product (its code once known) and the key."""

    def __init__(self, index: int, item: dict[str, Any]) -> None:
        self.item = item
        self.where = f"products[{index}]"
        self.who_en, self.who_zh = f"Product {index + 1}", f"第 {index + 1} 个产品"

    def refuse(self, key: str, en: str, zh: str, code: str = "K004_bad_product") -> CatalogueFileError:
        return _refuse(code, f"{self.who_en}: {key} {en}", f"{self.who_zh}：{key} {zh}", f"{self.where}.{key}")

    def text(self, key: str, most: int, *, blank: bool = False) -> str:
        value = self.item[key]
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise self.refuse(key, "must be text that is not blank.", "应为非空文本。")
        if len(value) > most:
            raise self.refuse(key, f"has more than {most} characters.", f"超过 {most} 个字符。")
        return value

    def whole(self, key: str, low: int, high: int) -> int:
        value = self.item[key]
        if not _is_int(value) or not low <= value <= high:
            raise self.refuse(key, f"must be a whole number from {low} to {high}.",
                              f"应为 {low} 至 {high} 之间的整数。", "K006_bad_limit")  # fmt: skip
        return int(value)

    def amount(self, key: str) -> int | None:
        value = self.item[key]
        if value is None:
            return None
        high = limits.AMOUNT_CENTS[1]
        if not _is_int(value) or not 0 < value <= high:
            raise self.refuse(key, f"must be null or a whole number of fen from 1 to {high}.",
                              f"应为 null 或 1 至 {high} 之间的整数（单位：分）。", "K006_bad_limit")  # fmt: skip
        return int(value)

    def texts(self, key: str, most_items: int, most_chars: int) -> tuple[str, ...]:
        value = self.item[key]
        if not isinstance(value, list) or len(value) > most_items:
            raise self.refuse(key, f"must be a list of at most {most_items} texts.",
                              f"应为最多 {most_items} 条文本的列表。")  # fmt: skip
        for text in value:
            if not isinstance(text, str) or not text.strip() or len(text) > most_chars:
                raise self.refuse(key, f"must hold texts that are not blank, at most {most_chars} characters each.",
                                  f"中每条应为非空文本，且不超过 {most_chars} 个字符。")  # fmt: skip
        return tuple(value)

    def listed(self, key: str, check: Callable[[object], bool], en: str, zh: str) -> list[Any]:
        value = self.item[key]
        if not isinstance(value, list) or not all(check(v) for v in value) or len(set(value)) != len(value):
            raise self.refuse(key, en, zh)
        return value


def _product(index: int, item: Any) -> Product:
    where = f"products[{index}]"
    if not isinstance(item, dict) or set(item) != PRODUCT_KEYS:
        missing = sorted(PRODUCT_KEYS - set(item)) if isinstance(item, dict) else []
        extra = sorted(str(k)[:30] for k in set(item) - PRODUCT_KEYS) if isinstance(item, dict) else []
        detail = "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                             f"unknown {', '.join(extra)}" if extra else "") if part)  # fmt: skip
        detail_zh = "；".join(part for part in (f"缺少 {'、'.join(missing)}" if missing else "",
                                                f"多出 {'、'.join(extra)}" if extra else "") if part)  # fmt: skip
        raise _refuse("K004_bad_product", f"Product {index + 1} must be an object with exactly the product keys"
                      + (f" ({detail})." if detail else "."),
                      f"第 {index + 1} 个产品应为只含规定键的对象" + (f"（{detail_zh}）。" if detail_zh else "。"),
                      where)  # fmt: skip
    read = _Reader(index, item)
    code = read.text("code", limits.CODE_CHARS)
    if not CODE.match(code):
        raise read.refuse("code", f"'{code[:40]}' is not a product code (2-40 upper-case letters, digits and dashes).",
                          f"“{code[:40]}”不是产品代码（应为 2–40 位大写字母、数字或连字符）。")  # fmt: skip
    read.who_en, read.who_zh = f"Product {code}", f"产品 {code}"
    name_zh = read.text("name_zh", limits.LONG_NAME_CHARS)
    name_en = read.text("name_en", limits.LONG_NAME_CHARS)
    line = read.item["line"]
    if line not in LINES:
        raise read.refuse("line", f"must be one of {', '.join(LINES)}.", f"应为 {'、'.join(LINES)} 之一。")
    min_years = read.whole("insured_min_years", 0, MAX_AGE_YEARS)
    min_days = read.whole("insured_min_days", 0, MAX_AGE_DAYS)
    max_years = read.whole("insured_max_years", 0, MAX_AGE_YEARS)
    if min_years > max_years:
        raise read.refuse("insured_max_years", f"({max_years}) is below insured_min_years ({min_years}).",
                          f"（{max_years}）小于 insured_min_years（{min_years}）。", "K006_bad_limit")  # fmt: skip
    modes = read.listed("payment_modes", lambda v: v in PAYMENT_MODES, "must list single and/or regular, each once.",
                        "应列出 single 和/或 regular，各一次。")  # fmt: skip
    if not modes:
        raise read.refuse("payment_modes", "lists no payment mode.", "没有列出缴费方式。")
    low, high = limits.PAYMENT_YEARS
    years = read.listed("payment_years", lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high,
                        f"must list whole numbers of years from {low} to {high}, each once.",
                        f"应列出 {low} 至 {high} 之间的整数年期，各一次。")  # fmt: skip
    if ("regular" in modes) != bool(years):
        raise read.refuse("payment_years", "must list the regular terms exactly when regular payment is offered.",
                          "仅在提供期交时列出期交年期，且提供期交时不能为空。")  # fmt: skip
    cooling = read.whole("cooling_off_days", *(INSURANCE_COOLING_OFF_DAYS if line in INSURANCE_LINES
                                                else OTHER_COOLING_OFF_DAYS))  # fmt: skip
    bounds = {key: read.amount(key) for key in ("sum_insured_min_cents", "sum_insured_max_cents",
                                                "premium_min_cents", "premium_max_cents")}  # fmt: skip
    for what in ("sum_insured", "premium"):
        most, least = bounds[f"{what}_max_cents"], bounds[f"{what}_min_cents"]
        if most is not None and least is not None and least > most:
            raise read.refuse(f"{what}_max_cents", f"({most}) is below {what}_min_cents ({least}).",
                              f"（{most}）小于 {what}_min_cents（{least}）。", "K006_bad_limit")  # fmt: skip
    points = read.texts("selling_points", MAX_SELLING_POINTS, NOTE_CHARS)
    fab = item["fab"]
    if not isinstance(fab, dict) or set(fab) != set(FAB_KEYS):
        raise read.refuse("fab", "must be an object with exactly feature, advantage and benefit.",
                          "应为只含 feature、advantage、benefit 的对象。")  # fmt: skip
    notes = _Reader(index, fab)
    notes.who_en, notes.who_zh, notes.where = read.who_en, read.who_zh, f"{where}.fab"
    return Product(
        code=code, name_zh=name_zh, name_en=name_en, line=line, insured_min_years=min_years,
        insured_min_days=min_days, insured_max_years=max_years,
        payment_modes=tuple(m for m in PAYMENT_MODES if m in modes), payment_years=tuple(sorted(years)),
        cooling_off_days=cooling, sum_insured_min_cents=bounds["sum_insured_min_cents"],
        sum_insured_max_cents=bounds["sum_insured_max_cents"], premium_min_cents=bounds["premium_min_cents"],
        premium_max_cents=bounds["premium_max_cents"], selling_points=points,
        fab=Fab(*(notes.text(key, NOTE_CHARS, blank=True) for key in FAB_KEYS)),
    )  # fmt: skip
