"""Translated names for the values a client's file stores (gender, ID type, tier, source, risk…),
shared by the client card and the proposal editor."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.common.widgets.entry_table import Column


class Choices(QObject):
    """Translated names for the values the core stores."""

    def genders(self) -> list[tuple[str | None, str]]:
        return [(None, self.tr("Not set")), ("M", self.tr("Male")), ("F", self.tr("Female"))]

    def id_types(self) -> list[tuple[str, str]]:
        return [
            ("resident_id", self.tr("Resident ID card")),
            ("passport", self.tr("Passport")),
            ("military_id", self.tr("Military ID")),
            ("birth_certificate", self.tr("Birth certificate")),
            ("other", self.tr("Other")),
        ]

    def tiers(self) -> list[tuple[str, str]]:
        return [
            ("ordinary", self.tr("Ordinary")),
            ("gold", self.tr("Gold card")),
            ("platinum", self.tr("Platinum")),
            ("diamond", self.tr("Diamond")),
            ("private", self.tr("Private banking")),
        ]

    def sources(self) -> list[tuple[str, str]]:
        return [
            ("walk_in", self.tr("Walk-in")),
            ("referral", self.tr("Referral")),
            ("outlet_staff", self.tr("Outlet staff")),
            ("other", self.tr("Other")),
        ]

    def risks(self) -> list[tuple[str | None, str]]:
        return [
            (None, self.tr("Not assessed")),
            ("conservative", self.tr("Conservative")),
            ("steady", self.tr("Steady")),
            ("balanced", self.tr("Balanced")),
            ("growth", self.tr("Growth")),
            ("aggressive", self.tr("Aggressive")),
        ]

    def segments(self) -> dict[str, str]:
        return {"young": self.tr("Young"), "middle": self.tr("Middle-aged"), "retired": self.tr("Retired")}

    def family_columns(self) -> list[Column]:
        relations = (
            ("spouse", self.tr("Spouse")),
            ("child", self.tr("Child")),
            ("parent", self.tr("Parent")),
            ("other", self.tr("Other")),
        )
        stages = (
            (None, ""),
            ("preschool", self.tr("Preschool")),
            ("primary", self.tr("Primary school")),
            ("middle", self.tr("Middle school")),
            ("high", self.tr("High school")),
            ("university", self.tr("University")),
            ("working", self.tr("Working")),
        )
        return [
            Column("relation", self.tr("Relation"), "choice", relations),
            Column("name", self.tr("Name")),
            Column("birth_date", self.tr("Birth date (YYYY-MM-DD)"), "date"),
            Column("education_stage", self.tr("Education"), "choice", stages),  # type: ignore[arg-type]
            Column("supported", self.tr("Supported"), "bool"),
        ]

    def product_columns(self) -> list[Column]:
        kinds = (
            ("deposit", self.tr("Deposit")),
            ("wealth", self.tr("Wealth product")),
            ("fund", self.tr("Fund")),
            ("insurance", self.tr("Insurance")),
            ("bond", self.tr("Bond")),
            ("other", self.tr("Other")),
        )
        return [
            Column("product_type", self.tr("Type"), "choice", kinds),
            Column("product_name", self.tr("Product")),
            Column("amount_cents", self.tr("Amount (yuan)"), "money"),
            Column("start_on", self.tr("Start (YYYY-MM-DD)"), "date"),
            Column("maturity_on", self.tr("Maturity (YYYY-MM-DD)"), "date"),
        ]

    def date_columns(self) -> list[Column]:
        kinds = (
            ("anniversary", self.tr("Anniversary")),
            ("child_birthday", self.tr("Child's birthday")),
            ("other", self.tr("Other")),
        )
        return [
            Column("kind", self.tr("Kind"), "choice", kinds),
            Column("on", self.tr("Date (YYYY-MM-DD)"), "date"),
            Column("label", self.tr("Note")),
            Column("yearly", self.tr("Every year"), "bool"),
        ]

    def history_kinds(self) -> dict[str, str]:
        return {
            "visit": self.tr("Visit"),
            "worklog": self.tr("Work log"),
            "proposal": self.tr("Proposal"),
            "receipt": self.tr("Receipt"),
        }
