"""Signed policy receipts (保单回执) and their return deadlines."""
