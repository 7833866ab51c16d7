"""The initial review (初审) of a proposal filled on paper at the counter, as the manual lists it.

Pure data and one check: each item has a stable key (stored in `proposals.review_json` and sent
to head office), and its words in English and Chinese. A paper proposal is registered only with
every item ticked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewItem:
    key: str
    en: str
    zh_CN: str

    def text(self, language: str) -> str:
        return self.zh_CN if language == "zh_CN" else self.en


CHECKLIST: tuple[ReviewItem, ...] = (
    ReviewItem("form_complete", "The form is filled in completely, no blank fields",
               "投保单填写完整无空项"),
    ReviewItem("signed_by_parties", "Signed by hand by the policyholder and the insured",
               "投保人/被保险人亲笔签名"),
    ReviewItem("teller_stamp", "Stamped by the bank teller", "银行柜员盖章"),
    ReviewItem("manager_details", "The manager's name, code and phone are written on it",
               "客户经理姓名工号电话已填写"),
    ReviewItem("id_copies", "Copies of the ID documents are complete", "身份证件复印件齐全"),
    ReviewItem("beneficiaries", "Beneficiary details complete, shares adding up to 100%",
               "受益人信息完整且份额合计100%"),
    ReviewItem("payment_account", "The payment account is the policyholder's own", "缴费账户与投保人一致"),
    ReviewItem("disclosures_asked", "Every disclosure question was asked one by one", "告知事项已逐项询问"),
)  # fmt: skip
KEYS: tuple[str, ...] = tuple(item.key for item in CHECKLIST)


def unticked(review: Mapping[str, bool]) -> tuple[ReviewItem, ...]:
    """The checklist's items not ticked in `review` (unknown keys are ignored)."""
    return tuple(item for item in CHECKLIST if review.get(item.key) is not True)


def unknown_keys(review: Mapping[str, bool]) -> tuple[str, ...]:
    return tuple(sorted(set(review) - set(KEYS)))
