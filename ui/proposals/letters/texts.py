"""A letter's kind, fields, conclusion and replies in words (never a key such as exam_at)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QObject

from app.rules.letters import parse_when
from app.rules.money import yuan_text
from ui.common.qdates import qdatetime

MONEY_FIELDS = ("extra_premium_cents", "rated_sum_insured_cents")
TIME_FIELDS = ("exam_at", "visit_at")


class LetterTexts(QObject):
    def kinds(self) -> dict[str, str]:
        """Each kind by the letter's own name."""
        return {
            "review": self.tr("Contract review letter"),
            "medical_exam": self.tr("Medical examination notice"),
            "investigation": self.tr("Investigation notice"),
            "financial_evidence": self.tr("Financial evidence letter"),
            "health_evidence": self.tr("Health evidence letter"),
            "decision": self.tr("Underwriting decision notice"),
            "problem": self.tr("Problem case"),
        }

    def what_to_do(self) -> dict[str, str]:
        """What the manual says to do with each kind."""
        return {
            "review": self.tr("The client signs to confirm the review, with proof if needed. "
                              "Answer within 10 days of issue, attaching the signed letter."),
            "medical_exam": self.tr("The client is examined at the company's hospital within 10 days of issue, "
                                    "bringing a photo and ID. Book the examination, then answer once it is done."),
            "investigation": self.tr("An investigator visits the client. Arrange the visit within 10 days of "
                                     "issue and answer with what was agreed."),
            "financial_evidence": self.tr("Collect the financial documents asked for and attach them. "
                                          "Answer within 10 days of issue."),
            "health_evidence": self.tr("Collect the health documents asked for and attach them. "
                                       "Answer within 10 days of issue."),
            "decision": self.tr("Explain the decision to the client, who accepts or declines it; the "
                                "policyholder and the insured each sign. Answer within 10 days of issue."),
            "problem": self.tr("Answer head office's question within 10 days of issue."),
        }  # fmt: skip

    def field_labels(self) -> dict[str, str]:
        return {
            "points": self.tr("To confirm"),
            "hospital": self.tr("Hospital"),
            "items": self.tr("Examination items"),
            "exam_at": self.tr("Examination time"),
            "investigator": self.tr("Investigator"),
            "phone": self.tr("Phone"),
            "visit_at": self.tr("Investigator's visit"),
            "documents": self.tr("Documents asked for"),
            "conclusion": self.tr("Conclusion"),
            "extra_premium_cents": self.tr("Extra premium"),
            "exclusions": self.tr("Exclusions"),
            "rated_sum_insured_cents": self.tr("Rated sum insured"),
        }

    def conclusions(self) -> dict[str, str]:
        return {
            "standard": self.tr("Accepted at standard rates"),
            "extra_premium": self.tr("Accepted with an extra premium"),
            "exclusion": self.tr("Accepted with exclusions"),
            "reduced_sum": self.tr("Accepted for a reduced sum insured"),
            "postponed": self.tr("Postponed"),
            "declined": self.tr("Declined"),
        }

    def decisions(self) -> dict[str, str]:
        return {"accepted": self.tr("Accepts the underwriting decision"),
                "declined": self.tr("Does not accept the underwriting decision")}  # fmt: skip

    def replies(self) -> dict[str, str]:
        return {"accepted": self.tr("Accepted"), "question": self.tr("Asks again"), "closed": self.tr("Closed")}

    def money(self, cents: int) -> str:
        return self.tr("%1 yuan").replace("%1", yuan_text(cents))

    def when(self, moment: datetime) -> str:
        return QLocale().toString(qdatetime(moment), QLocale.FormatType.ShortFormat)

    def value(self, key: str, raw: str) -> str:
        """A field's value as the screen says it: amounts with 元 and separators, times in the
        locale's format, a conclusion in words."""
        if key in MONEY_FIELDS and raw.isdigit():
            return self.money(int(raw))
        if key in TIME_FIELDS:
            try:
                return self.when(parse_when(raw))
            except ValueError:
                return raw
        if key == "conclusion":
            return self.conclusions().get(raw, raw)
        return raw
