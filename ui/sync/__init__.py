"""The Sync page, the login dialog and the background sync scheduler."""
