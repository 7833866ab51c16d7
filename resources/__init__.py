"""Data, not code: translations, icons, style sheets and report assets (found via importlib.resources)."""
