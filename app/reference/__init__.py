"""What head office decides and the laptop holds a copy of: for now the holiday calendar.

The shipped years come with the app (resources/reference/, generated from chinese-calendar);
newer years arrive as a published file (`branchdesk reference import FILE`, later the sync) and
are kept in the profile folder as reference/holiday_calendar.json (public data, so a plain file
beside the database; see app/reference/held.py).
"""
