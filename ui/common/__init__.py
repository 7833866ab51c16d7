"""What every feature's UI shares: the task runner, the change relay, print preview, widgets."""
