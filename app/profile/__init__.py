"""The profile itself: settings, the idle lock, the audit log, backups and an overview for doctor."""
