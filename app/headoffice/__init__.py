"""Head-office delivery: the outbox, sync runs, login, and the status head office reports back."""
