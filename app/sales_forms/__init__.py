"""Sales forms: call records, needs and closing interviews, morning notes and news excerpts."""
