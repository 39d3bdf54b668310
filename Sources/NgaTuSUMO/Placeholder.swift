// NgaTuSUMO: see the module's files.
