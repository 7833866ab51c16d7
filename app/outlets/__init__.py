"""Outlet files (网点档案): the service and its records."""
