"""The receipt dialog and the choice of a finished proposal to deliver."""
