"""The Today page and the dialogs it opens: log entry, daily summary, targets."""
