// NgaTuResults: see the module's files.
