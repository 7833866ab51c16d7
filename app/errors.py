"""Typed errors whose text a user can act on, in English and Chinese.

Each error has a stable `code`, a message and a hint about what to do next, each in both
languages (`zh=`, `hint_zh=`; tests/test_error_texts.py refuses a raise without Chinese).
The task runner and the CLI show `text(language)`; `problem` is the same as a `Problem`.
A cancel is one type, `Cancelled`: the GUI shows nothing for it.
"""

from __future__ import annotations

from pathlib import Path

from app.rules.problem import Problem

# A Chinese sentence that ends in one of these needs no space before the hint.
_ZH_STOPS = "。；！？）」"


class BranchDeskError(Exception):
    code = "error"

    def __init__(self, message: str, hint: str = "", *, zh: str = "", hint_zh: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.message_zh = zh
        self.hint_zh = hint_zh

    def __str__(self) -> str:
        return self.text("en")

    def message_in(self, language: str) -> str:
        return self.message_zh if language == "zh_CN" and self.message_zh else self.message

    def hint_in(self, language: str) -> str:
        return self.hint_zh if language == "zh_CN" and self.message_zh else self.hint

    def text(self, language: str) -> str:
        """Message and hint in `language` (zh_CN, else English)."""
        message, hint = self.message_in(language), self.hint_in(language)
        if not hint:
            return message
        if language == "zh_CN" and self.message_zh:
            return f"{message}{hint}" if message.endswith(tuple(_ZH_STOPS)) else f"{message} {hint}"
        return f"{message} {hint}".strip()

    @property
    def problem(self) -> Problem:
        return Problem("", self.code, self.text("en"), self.text("zh_CN"))


class Cancelled(BranchDeskError):
    """The user stopped long work (an import, an export, demo data, a sync); what it had
    written was rolled back or removed. The one cancel type of the core: the GUI shows nothing."""

    code = "cancelled"


class StartupError(BranchDeskError):
    """The profile's data could not be opened; nothing was changed."""

    def __init__(
        self,
        code: str,
        path: Path,
        message: str,
        hint: str,
        backups: tuple[Path, ...] = (),
        detail: str = "",
        *,
        zh: str = "",
        hint_zh: str = "",
    ) -> None:
        super().__init__(message, hint, zh=zh, hint_zh=hint_zh)
        self.code = code
        self.path = path
        self.backups = backups
        self.detail = detail


class DatabaseBusy(BranchDeskError):
    """Another program (BranchDesk or a command) kept the profile's write lock longer than the
    busy timeout; this change was not made."""

    code = "database_busy"


class InvalidInput(BranchDeskError):
    code = "invalid_input"


class NotFound(BranchDeskError):
    code = "not_found"
