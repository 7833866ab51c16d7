"""What a handover list must meet before it is saved or signed, and the queries behind it.

Every problem is reported at once, in both languages, numbered by item as the user sees them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from app.handover.records import (
    KINDS,
    MAX_COPIES,
    MAX_DESCRIPTION,
    POLICY_CONTRACTS,
    InvalidHandover,
    ItemInput,
    describe,
)
from app.rules.problem import Problem
from local_db import models


@dataclass(frozen=True)
class CheckedItem:
    """An item that passed its checks, as it will be stored."""

    proposal_id: str
    receipt_id: str | None
    day: date | None  # the document's date, for the printed order
    description: str
    copies: int


@dataclass(frozen=True)
class Draft:
    """A list's details as given, to check."""

    list_id: str
    kind: str
    day: date | None
    outlet_id: str | None
    teller_name: str
    manager_name: str
    items: Sequence[ItemInput]


def policyholder_join() -> tuple[Any, Any]:
    """The policyholder party and its join condition onto proposals, for the name."""
    holder = aliased(models.ProposalParty)
    return holder, and_(holder.proposal_id == models.Proposal.id, holder.role == "policyholder")


def on_signed_list(kind: str, document_id: Any, other_than: str | None = None) -> Any:
    """`document_id` (a proposal id or receipt id, by `kind`) is on a signed list of `kind`."""
    item, listing = aliased(models.HandoverItem), aliased(models.HandoverList)
    target = item.receipt_id if kind == POLICY_CONTRACTS else item.proposal_id
    query = exists().where(
        target == document_id, item.handover_list_id == listing.id, listing.kind == kind, listing.status == "signed"
    )
    return query if other_than is None else query.where(listing.id != other_than)


def superseded() -> Any:
    """A correction (a newer version) exists, so this form is not the paper to hand over."""
    newer = aliased(models.Proposal)
    return exists().where(newer.previous_id == models.Proposal.id)


def kind_problem(kind: str) -> Problem:
    return Problem("kind", "unknown", f"Unknown kind of handover list: {kind!r}.", f"未知的交接清单类型：{kind!r}。")


def check_draft(session: Session, draft: Draft, today: date) -> list[CheckedItem]:
    """The draft's items in printed order (by document date), or InvalidHandover with every problem."""
    if draft.kind not in KINDS:
        raise InvalidHandover([kind_problem(draft.kind)])
    problems: list[Problem] = []
    if draft.day is None:
        problems.append(Problem("day", "missing", "Choose the day of the handover.", "请选择交接日期。"))
    elif draft.day > today:
        problems.append(Problem("day", "future", "The handover day cannot be in the future.", "交接日期不能晚于今天。"))
    if draft.outlet_id is not None and session.get(models.Outlet, draft.outlet_id) is None:
        problems.append(Problem("outlet", "not_found", "The chosen outlet no longer exists.", "所选网点已不存在。"))
    if not draft.teller_name.strip():
        problems.append(Problem("teller_name", "missing", "Enter the name of the teller who receives the papers.",
                                "请填写接收资料的柜员姓名。"))  # fmt: skip
    if not draft.manager_name.strip():
        problems.append(Problem("manager_name", "missing", "Set your name in the manager profile first.",
                                "请先在客户经理资料中填写您的姓名。"))  # fmt: skip
    if not draft.items:
        problems.append(
            Problem("items", "empty", "Put at least one document on the list.", "交接清单至少需要一份资料。")
        )
    checked: list[CheckedItem] = []
    seen: set[str] = set()
    for number, item in enumerate(draft.items, start=1):
        found = _check_item(session, draft, number, item, seen)
        if isinstance(found, CheckedItem):
            checked.append(found)
        else:
            problems += found
    if problems:
        raise InvalidHandover(problems)
    return sorted(checked, key=lambda i: (i.day or date.min, i.description, i.receipt_id or i.proposal_id))


def _check_item(
    session: Session, draft: Draft, number: int, item: ItemInput, seen: set[str]
) -> CheckedItem | list[Problem]:
    problems: list[Problem] = []

    def problem(field: str, code: str, en: str, zh_cn: str) -> None:
        problems.append(Problem(field, code, f"Item {number}: {en}", f"第 {number} 项：{zh_cn}"))

    if not 1 <= item.copies <= MAX_COPIES:
        problem(
            "copies",
            "out_of_range",
            f"copies must be between 1 and {MAX_COPIES}.",
            f"份数须在 1 至 {MAX_COPIES} 之间。",
        )
    if len(item.description.strip()) > MAX_DESCRIPTION:
        problem("description", "too_long", f"the description is over {MAX_DESCRIPTION} characters.",
                f"说明超过 {MAX_DESCRIPTION} 个字。")  # fmt: skip
    is_receipts = draft.kind == POLICY_CONTRACTS
    document_id = item.receipt_id if is_receipts else item.proposal_id
    other_id = item.proposal_id if is_receipts else item.receipt_id
    if document_id is None or other_id is not None:
        if is_receipts:
            problem("document", "kind_mismatch", "a policy-contract list holds signed receipts only.",
                    "保险合同交接清单只能包含已签收的保单回执。")  # fmt: skip
        else:
            problem("document", "kind_mismatch", "an application-materials list holds proposal forms only.",
                    "投保资料交接清单只能包含投保单。")  # fmt: skip
        return problems
    if document_id in seen:
        problem("document", "duplicate", "this document is already on the list.", "该资料已在清单中。")
        return problems
    seen.add(document_id)
    P, R = models.Proposal, models.Receipt
    holder, on = policyholder_join()
    if is_receipts:
        query = select(P, holder.name, R).join(R, R.proposal_id == P.id).where(R.id == document_id)
    else:
        query = select(P, holder.name, superseded()).where(P.id == document_id)
    found = session.execute(query.outerjoin(holder, on)).first()
    if found is None:
        problem("document", "not_found", "the document no longer exists.", "该资料已不存在。")
        return problems
    proposal, name, extra = found
    receipt: models.Receipt | None = extra if is_receipts else None
    day = draft.day
    if receipt is not None and receipt.status != "signed":
        problem("document", "not_signed", "the client has not signed this receipt.", "客户尚未签收该保单回执。")
    elif receipt is not None and day is not None and receipt.signed_on is not None and day < receipt.signed_on:
        problem("day", "before_signing", "the list is dated before the client signed the receipt.",
                "交接日期早于客户签收回执的日期。")  # fmt: skip
    elif receipt is None and proposal.status != "finished":
        problem("document", "not_finished", "the proposal is not finished and signed.", "投保单尚未完成签字。")
    elif receipt is None and extra:
        problem("document", "superseded", "a corrected version replaces this proposal.", "该投保单已有更正版本。")
    if session.scalar(select(on_signed_list(draft.kind, document_id, other_than=draft.list_id))):
        problem("document", "already_handed_over", "it is already on another signed handover list.",
                "该资料已在另一份已签字的交接清单上。")  # fmt: skip
    if problems:
        return problems
    number_text = receipt.policy_number if receipt else ""
    return CheckedItem(
        proposal_id=proposal.id, receipt_id=receipt.id if receipt else None,
        day=receipt.signed_on if receipt else proposal.application_date,
        description=item.description.strip()
        or describe(draft.kind, proposal.product_name, name or "", number_text, proposal.paper_form_number),
        copies=item.copies,
    )  # fmt: skip
