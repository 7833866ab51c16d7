"""One module a page; each page is filled in by the capability that owns it."""
