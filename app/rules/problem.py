"""A problem in plain words in both languages: what a rule found, or why the core refused.

Pure (imports nothing of ours), so every layer uses the one type: the card and proposal rules,
the CSV import report, the Sync page, the head-office server and every `BranchDeskError`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str  # the form field it belongs to; "" when it is about the whole action
    code: str  # stable rule id, for logs, tests and machine-readable output
    en: str
    zh_CN: str

    def message(self, language: str) -> str:
        return self.zh_CN if language == "zh_CN" else self.en
