"""The proposal as its signers see it above the pads: product, amounts, payment, the people.

Pure (rules only): the editor builds it from the form as it stands when Finish… is pressed.
ID numbers are masked and phones left out: what is signed is the whole form, this is its
readable gist.
"""

from __future__ import annotations

from app.rules.masking import mask_id_number
from app.rules.money import capital_amount_text, yuan_text
from app.rules.proposal import BeneficiaryDoc, PartyDoc, ProposalDoc
from app.rules.signing_summary import SigningSummary, SummaryRow, aside, words

ID_TYPES = {
    "resident_id": ("Resident ID card", "居民身份证"), "passport": ("Passport", "护照"),
    "military_id": ("Military ID", "军官证"), "birth_certificate": ("Birth certificate", "出生证明"),
    "other": ("Other document", "其他证件"),
}  # fmt: skip
RELATIONS = {
    "self": ("self", "本人"), "spouse": ("spouse", "配偶"), "child": ("child", "子女"), "parent": ("parent", "父母"),
    "family_support": ("supported family member", "有抚养关系的家庭成员"),
    "close_relative": ("close relative", "近亲属"), "guardian": ("guardian", "监护人"), "other": ("other", "其他"),
}  # fmt: skip


def _pick(language: str, table: dict[str, tuple[str, str]], code: str | None) -> str:
    if code is None:
        return ""
    en, zh = table.get(code, (code, code))
    return words(language, en, zh)


def _amount(cents: int | None, language: str, capital: bool = False) -> str:
    if cents is None:
        return words(language, "not given", "未填写")
    text = f"{yuan_text(cents)} {words(language, 'yuan', '元')}"
    if capital:
        text += aside(language, words(language, "in words: ", "大写：") + capital_amount_text(cents))
    return text


def _payment(doc: ProposalDoc, language: str) -> str:
    if doc.payment_mode == "single":
        return words(language, "single premium", "趸交")
    if doc.payment_mode == "regular":
        years = doc.payment_years
        if years is None:
            return words(language, "regular premium", "期交")
        return words(language, f"regular premium, {years} years", f"期交，{years}年")
    return words(language, "not given", "未填写")


def _document(party_id_type: str, id_number: str, language: str) -> str:
    if not id_number:
        return ""
    return f"{_pick(language, ID_TYPES, party_id_type)} {mask_id_number(id_number)}"


def _party(party: PartyDoc, language: str) -> str:
    parts = [party.name or words(language, "(no name)", "（未填姓名）")]
    document = _document(party.id_type, party.id_number, language)
    if document:
        parts.append(document)
    return " · ".join(parts)


def _share(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}%" if rest == 0 else f"{whole}.{rest:02d}".rstrip("0") + "%"


def _beneficiary(b: BeneficiaryDoc, language: str) -> str:
    if b.legal_heirs:
        return words(language, "legal heirs", "法定继承人")
    parts = [b.name or words(language, "(no name)", "（未填姓名）")]
    relation = _pick(language, RELATIONS, b.relation_to_insured)
    if relation:
        parts[0] += aside(language, relation)
    document = _document(b.id_type, b.id_number, language)
    if document:
        parts.append(document)
    parts.append(words(language, f"order {b.order}, share {_share(b.share_basis_points)}",
                       f"第{b.order}顺序，份额 {_share(b.share_basis_points)}"))  # fmt: skip
    return " · ".join(parts)


def proposal_summary(doc: ProposalDoc, language: str) -> SigningSummary:
    """`language`: "zh_CN" or "en", as the screen shows."""
    product = doc.product_name + aside(language, doc.product_code) if doc.product_code else doc.product_name
    rows = [
        SummaryRow(words(language, "Product", "产品"), product or words(language, "not chosen", "未选择")),
        SummaryRow(words(language, "Premium", "保险费"), _amount(doc.premium_cents, language, capital=True)),
        SummaryRow(words(language, "Sum insured", "保险金额"), _amount(doc.sum_insured_cents, language, capital=True)),
        SummaryRow(words(language, "Payment", "缴费方式"), _payment(doc, language)),
        SummaryRow(words(language, "Policyholder", "投保人"), _party(doc.policyholder, language)),
    ]
    if doc.relation == "self":
        rows.append(SummaryRow(words(language, "Insured", "被保险人"),
                               words(language, "the policyholder", "投保人本人")))  # fmt: skip
    else:
        insured = _party(doc.insured, language)
        relation = _pick(language, RELATIONS, doc.relation)
        if relation:
            insured += words(language, f" · the policyholder's {relation}", f" · 投保人的{relation}")
        rows.append(SummaryRow(words(language, "Insured", "被保险人"), insured))
    label = words(language, "Death beneficiaries", "身故受益人")
    if not doc.beneficiaries:
        rows.append(SummaryRow(label, words(language, "legal heirs", "法定继承人")))
    for index, b in enumerate(sorted(doc.beneficiaries, key=lambda b: b.order)):
        rows.append(SummaryRow(label if index == 0 else "", _beneficiary(b, language)))
    title = words(language, "What you sign: the proposal form", "签署内容：投保单")
    return SigningSummary(title, tuple(rows))
