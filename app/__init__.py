"""BranchDesk core: services, rules and CLI, with no Qt."""

__version__ = "0.1.0"
