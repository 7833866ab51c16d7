"""The handover list as both signers see it above their pads: every document and its copies."""

from __future__ import annotations

from app.handover.records import APPLICATION_MATERIALS, HandoverView
from app.rules.signing_summary import SigningSummary, SummaryRow, words


def handover_summary(view: HandoverView, language: str) -> SigningSummary:
    """The items' descriptions are the form's own (Chinese, as printed): names, never ID numbers."""
    kind = words(language, "Application materials", "投保资料") if view.kind == APPLICATION_MATERIALS else (
        words(language, "Policy contracts", "保险合同"))  # fmt: skip
    rows = [
        SummaryRow(words(language, "List", "清单"), f"{kind} · {view.day.isoformat()}"),
        SummaryRow(words(language, "Handed over by", "移交人"), view.manager_name),
        SummaryRow(words(language, "Received by", "接收人"), view.teller_name),
    ]
    label = words(language, "Documents", "交接文件")
    for index, item in enumerate(view.items):
        copies = words(language, f"{item.copies} cop{'y' if item.copies == 1 else 'ies'}", f"{item.copies}份")
        policy = f" · {item.policy_number}" if item.policy_number and item.policy_number not in item.description else ""
        rows.append(SummaryRow(label if index == 0 else "", f"{item.number}. {item.description}{policy} — {copies}"))
    if not view.items:
        rows.append(SummaryRow(label, words(language, "none", "无")))
    rows.append(SummaryRow(words(language, "In all", "合计"),
                           words(language, f"{len(view.items)} document(s), {view.total_copies} copies",
                                 f"{len(view.items)}件，共{view.total_copies}份")))  # fmt: skip
    return SigningSummary(words(language, "What you sign: the handover list", "签署内容：交接清单"), tuple(rows))
