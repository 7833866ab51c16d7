"""The Clients page, its table model, the import dialog and the client card."""
