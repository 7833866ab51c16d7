"""Prospects (准客户): people met but not yet clients, captured without an ID number."""
