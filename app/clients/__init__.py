"""Client files (客户档案): the service, its records, search, import and export."""
