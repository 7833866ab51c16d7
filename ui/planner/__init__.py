"""The Planner page: week timeline, visit blocks, the visit dialog and its 3S checklist."""
