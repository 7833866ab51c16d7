"""The Proposals page, its list model and the proposal editor."""
