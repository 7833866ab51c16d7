"""Weekly and monthly summaries and the personal target-progress table (app/day/summaries.py)."""
