"""The Outlets page and its editor."""
