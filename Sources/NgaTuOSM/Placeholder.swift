// NgaTuOSM: see the module's files.
