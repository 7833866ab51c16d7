"""Handover lists (交接清单): the panel, the list editor, the signing dialog."""

from ui.receipts.handover.panel import HandoverPanel

__all__ = ["HandoverPanel"]
