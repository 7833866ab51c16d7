"""Prospects (准客户): the list on the Clients page and the capture form."""
