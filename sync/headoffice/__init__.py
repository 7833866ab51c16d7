"""The reference head-office server: receives proposals and receipts exactly once and feeds
back their status.  `create_app` (sync.headoffice.app) builds the FastAPI app;
`branchdesk-headoffice` (sync.headoffice.cli) serves it and manages its managers.

Imports sync.* and the pure `app.rules.*` only; it has its own database (sync.headoffice.db).
"""
