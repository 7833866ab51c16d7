"""The command line (branchdesk …): one module per command group; main.py builds the parser."""
