"""What went wrong with an outbox item, in plain words in both languages.

sync/outbox.py stores `last_error` as a small JSON object with a stable `code` (its own
codes for network trouble, head office's codes for refusals); this turns it into a
`Problem` the Sync page and the CLI show in the manager's language.
"""

from __future__ import annotations

from typing import Any

from app.rules.client_card import Problem

# code -> (English, Chinese); {status} and {details} are filled in.
TEXTS: dict[str, tuple[str, str]] = {
    "offline": ("Head office could not be reached; it is sent when the connection is back.",
                "无法连接总公司；网络恢复后自动发送。"),
    "timeout": ("Head office did not answer in time; it will be tried again.",
                "总公司未及时回应；稍后重试。"),
    "interrupted": ("The connection broke before head office answered; it will be sent again "
                    "(head office never counts it twice).",
                    "总公司回应前连接中断；将再次发送（总公司不会重复登记）。"),
    "server_error": ("Head office had a problem (HTTP {status}); it will be tried again.",
                     "总公司服务器出错（HTTP {status}）；稍后重试。"),
    "busy": ("Head office is busy; it will be tried again.", "总公司繁忙；稍后重试。"),
    "certificate": ("The server's certificate could not be verified; ask IT to check the server "
                    "address or the certificate bundle.",
                    "无法验证服务器证书；请让 IT 检查服务器地址或证书文件。"),
    "unexpected": ("Head office's answer was not understood; it will be tried again.",
                   "无法识别总公司的回应；稍后重试。"),
    "unauthorized": ("Head office refused the login; log in again.", "总公司拒绝了登录；请重新登录。"),
    "invalid": ("Head office refused it: {details}", "总公司退回：{details}"),
    "proposal_unknown": ("Head office does not have this receipt's proposal yet.",
                         "总公司尚未收到此回执对应的投保单。"),
    "forbidden": ("Head office says this belongs to another manager; check the manager code on the form.",
                  "总公司认为这属于其他客户经理；请检查表上的客户经理代码。"),
    "idempotency_conflict": ("Head office already holds a different version of this item; "
                             "contact head office.",
                             "总公司已有此项目的不同版本；请联系总公司。"),
    "duplicate_record": ("Head office already has this record with different content; make a "
                         "correction instead.",
                         "总公司已有内容不同的同一记录；请改为提交更正。"),
    "too_large": ("It is too large for head office (a big scan?); discard it and send a smaller one.",
                  "内容过大，总公司无法接收（扫描件太大？）；请丢弃后改交较小的文件。"),
    "refused": ("Head office refused it (HTTP {status}): {details}", "总公司拒收（HTTP {status}）：{details}"),
    "held_proposal_rejected": ("Waits for its proposal, which head office rejected: retry or "
                               "discard the proposal first.",
                               "等待其投保单：该投保单被总公司退回，请先重试或丢弃投保单。"),
    "held_proposal_discarded": ("Waits for its proposal, which was discarded: head office cannot "
                                "take this receipt.",
                                "等待其投保单：该投保单已丢弃，总公司无法接收此回执。"),
}  # fmt: skip
STATUS_CODES = {413: "too_large"}


def error_problem(error: dict[str, Any] | None) -> Problem | None:
    """The plain-words problem for a parsed `last_error` (sync.outbox.parse_error)."""
    if error is None:
        return None
    code = str(error.get("code") or "other")
    status = error.get("status")
    errors = [e for e in error.get("errors") or () if isinstance(e, dict)]
    message = str(error.get("message") or "")
    rules = {str(e.get("rule")) for e in errors}
    if "proposal_unknown" in rules:
        code = "proposal_unknown"
    elif code not in TEXTS and isinstance(status, int):
        code = STATUS_CODES.get(status, "refused")
    if code not in TEXTS:
        return Problem("", code, message, message)
    en, zh = TEXTS[code]
    field = str(errors[0].get("field") or "") if errors else ""
    return Problem(
        field, code,
        en.format(status=status, details=_details(errors, "en") or message),
        zh.format(status=status, details=_details(errors, "zh") or message),
    )  # fmt: skip


def _details(errors: list[dict[str, Any]], language: str) -> str:
    parts = []
    for e in errors:
        text = e.get(f"message_{language}") or e.get("message_en") or e.get("message") or e.get("rule") or ""
        field = e.get("field")
        parts.append(f"{field}: {text}" if field else str(text))
    return "; ".join(parts)
