"""Translated names for the codes a proposal stores (relations, payment modes, statuses…)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.common.client_choices import Choices as CardChoices


class ProposalChoices(QObject):
    # The client card's names, so a gender or a document reads the same on both forms.
    def genders(self) -> list[tuple[str | None, str]]:
        return CardChoices(self).genders()

    def id_types(self) -> list[tuple[str, str]]:
        return CardChoices(self).id_types()

    def relations(self) -> list[tuple[str | None, str]]:
        """What the insured is to the policyholder ("self" is the checkbox, not a choice here)."""
        return [
            (None, self.tr("Choose…")), ("spouse", self.tr("Spouse")), ("child", self.tr("Child")),
            ("parent", self.tr("Parent")), ("family_support", self.tr("Supported family member")),
            ("close_relative", self.tr("Close relative")), ("guardian", self.tr("Ward (policyholder is guardian)")),
        ]  # fmt: skip

    def beneficiary_relations(self) -> list[tuple[str | None, str]]:
        """What a beneficiary is to the insured."""
        return [
            (None, self.tr("Choose…")), ("spouse", self.tr("Spouse")), ("child", self.tr("Child")),
            ("parent", self.tr("Parent")), ("family_support", self.tr("Supported family member")),
            ("close_relative", self.tr("Close relative")), ("guardian", self.tr("Legal guardian")),
        ]  # fmt: skip

    def payment_modes(self) -> list[tuple[str | None, str]]:
        return [(None, self.tr("Choose…")), ("single", self.tr("Single premium")),
                ("regular", self.tr("Regular premium"))]  # fmt: skip

    def statuses(self) -> dict[str, str]:
        return {"draft": self.tr("Draft"), "finished": self.tr("Finished")}

    def hq_statuses(self) -> dict[str, str]:
        return {
            "received": self.tr("Received"), "accepted": self.tr("Accepted"),
            "problem": self.tr("Problem case"), "issued": self.tr("Policy issued"),
        }  # fmt: skip

    def letter_kinds(self) -> dict[str, str]:
        return {
            "review": self.tr("Review"), "medical_exam": self.tr("Medical exam"),
            "investigation": self.tr("Investigation"), "financial_evidence": self.tr("Financial evidence"),
            "health_evidence": self.tr("Health evidence"), "decision": self.tr("Underwriting decision"),
            "problem": self.tr("Problem case"),
        }  # fmt: skip

    def roles(self) -> dict[str, str]:
        return {"policyholder": self.tr("Policyholder"), "insured": self.tr("Insured")}
