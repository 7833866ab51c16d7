"""Deterministic demo data: a realistic book of clients, outlets, diary, log and paperwork.

Demo data goes only into an empty profile (normally the separate demo data folder), so it
never mixes with a manager's real records.
"""

from __future__ import annotations

from app.demo.generator import DemoSummary, generate

__all__ = ["DemoSummary", "generate"]
