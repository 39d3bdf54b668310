// NgaTuControllers: see the module's files.
