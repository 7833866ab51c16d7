"""Dialogs for the sales forms (call records, interviews, morning notes, news excerpts)."""
