"""Small helpers several features share: local time, progress, CSV files, bounded reads."""
