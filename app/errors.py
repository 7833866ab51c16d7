"""Typed errors whose text a user can act on.

Each error has a stable `code`; the UI shows its own translated text for the code, the CLI
prints `message` (English), and both add the `hint` about what to do next.
"""

from __future__ import annotations

from pathlib import Path


class BranchDeskError(Exception):
    code = "error"

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


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
    ) -> None:
        super().__init__(message, hint)
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
