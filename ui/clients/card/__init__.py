"""The client file card (客户档案): a dialog of sections, saved as the user types."""
