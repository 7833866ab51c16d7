"""What went wrong with an outbox item, in plain words in both languages.

sync/outbox.py stores `last_error` as a small JSON object with a stable `code` (its own
codes for network trouble, head office's codes for refusals); this turns it into a
`Problem` the Sync page and the CLI show in the manager's language.
"""

from __future__ import annotations

from typing import Any

from app.rules.problem import Problem

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
    "not_confirmed": ("The answer received does not confirm that head office has this item (a proxy or "
                      "another server may be answering in its place); it stays waiting and is sent again.",
                      "收到的回应未能确认总公司已收到此项（可能是代理或其他服务器代为回应）；此项保留待发，稍后重发。"),
    "not_head_office": ("Something between this laptop and head office (a proxy or firewall) refused the "
                        "connection (HTTP {status}); nothing was refused by head office. Ask IT to check "
                        "the network; it is sent again later.",
                        "本机与总公司之间的设备（代理或防火墙）拒绝了连接（HTTP {status}）；总公司并未退回任何项目。"
                        "请让 IT 检查网络；稍后将重新发送。"),
    "local_copy_damaged": ("The copy of a file kept on this laptop is damaged (its SHA-256 no longer matches), so "
                           "it was not sent; discard the item and scan or attach the file again.",
                           "本机保存的文件已损坏（SHA-256 不符），未发送；请丢弃此项后重新扫描或附上文件。"),
    "upload_sha256_mismatch": ("Head office twice received a file different from the original; it is tried "
                               "again later.", "总公司两次收到的文件与原件不符；稍后重试。"),
    "upload_missing": ("Head office does not have this item's file yet; it is uploaded again, then the item "
                       "is sent.", "总公司缺少此项的文件；将重新上传后再发送。"),
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
                                "take what depends on it.",
                                "等待其投保单：该投保单已丢弃，总公司无法接收依附于它的资料。"),
}  # fmt: skip
STATUS_CODES = {413: "too_large"}
# Why a head-office address is refused (sync.http.BadAddress.reason) -> (English, Chinese).
ADDRESS_TEXTS: dict[str, tuple[str, str]] = {
    "not_an_address": ("{url} is not a server address. Type the address head office gave you, e.g. "
                       "https://hq.example.com.",
                       "{url} 不是服务器地址。请输入总公司提供的地址，例如 https://hq.example.com。"),
    "query": ("{url} must not carry a query or fragment (? or #). Type the address head office gave you, "
              "e.g. https://hq.example.com.",
              "{url} 不能带查询参数或片段（? 或 #）。请输入总公司提供的地址，例如 https://hq.example.com。"),
    "insecure": ("{url} uses http://, which would send the token unencrypted: use the https:// address. "
                 "http:// is allowed only for this computer (localhost, 127.0.0.1, ::1).",
                 "{url} 使用 http://，令牌会以明文传输：请使用 https:// 地址。"
                 "只有本机地址（localhost、127.0.0.1、::1）可以使用 http://。"),
}  # fmt: skip


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
        text = e.get(f"message_{language}") or e.get("message_en") or e.get("message")
        # Head office's messages name their field in words ("投保人须年满18周岁"); its path
        # (policyholder.birth_date) is only worth showing when there is no message to read.
        parts.append(str(text) if text else " ".join(str(e.get(k, "")) for k in ("field", "rule")).strip())
    return "; ".join(parts)


def address_problem(url: str, reason: str) -> Problem:
    """Why `url` is refused as head office's address (`reason` as sync.http.BadAddress has it)."""
    en, zh = ADDRESS_TEXTS[reason]
    shown = url if len(url) <= 200 else url[:199] + "…"
    return Problem("server", f"address_{reason}", en.format(url=shown), zh.format(url=shown))
