// SQLiteStore: see the module's files.
