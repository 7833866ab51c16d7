"""Pure rule functions: no I/O, nothing of ours imported, usable from any layer."""
