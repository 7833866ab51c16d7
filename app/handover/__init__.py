"""Handover lists (交接清单): drafting, checking and signing them."""
