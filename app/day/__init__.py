"""The manager's day: Today's agenda and reminders, the work log, daily plans and summaries."""
