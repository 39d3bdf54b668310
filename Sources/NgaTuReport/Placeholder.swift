// NgaTuReport: see the module's files.
