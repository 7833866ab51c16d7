"""UI-free services, one per capability; each returns frozen dataclasses, never ORM rows."""
