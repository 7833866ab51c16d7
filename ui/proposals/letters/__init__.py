"""Head office's letters opened from the proposal's letters box: read, answered, each kind its own way."""
