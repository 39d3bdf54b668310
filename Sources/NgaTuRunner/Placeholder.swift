// NgaTuRunner: see the module's files.
