"""Per-profile settings that belong with the data (targets, manager identity, server URL)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.base import Base, RecordMixin


class Setting(RecordMixin, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), unique=True)
    # JSON-encoded value
    value_json: Mapped[str] = mapped_column(Text)
