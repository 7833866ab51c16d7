"""What a signer is shown above the signature pad: the document in a few readable lines.

Each document builds its own (`app.proposals.summary`, `app.receipts.summary`,
`app.handover.summary`) in the language of the screen; the pad dialog shows any of them, so
a new kind of signing (an underwriting decision, say) joins by building one.  Summaries carry
names and masked ID numbers only: a signer reads them over the manager's shoulder.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryRow:
    label: str  # "" for a line that continues the row above (another beneficiary, document)
    value: str


@dataclass(frozen=True)
class SigningSummary:
    title: str
    rows: tuple[SummaryRow, ...]

    def text(self) -> str:
        """Plain text, one row a line: for tests, logs and screen readers."""
        lines = [self.title]
        for row in self.rows:
            lines.append(f"{row.label}: {row.value}" if row.label else f"  {row.value}")
        return "\n".join(lines)


def words(language: str, en: str, zh: str) -> str:
    """The one of two spellings the screen's language reads."""
    return zh if language == "zh_CN" else en


def aside(language: str, text: str) -> str:
    """`text` in brackets after a word, with the language's own brackets."""
    return f"（{text}）" if language == "zh_CN" else f" ({text})"
