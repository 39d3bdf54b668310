#!/bin/sh
# Regenerates the Cần Thơ maps and their drawings with the package's `ngatu-maps` executable
# (Sources/ngatu-maps/main.swift). Run from the repository root.
set -eu
swift build --product ngatu-maps
"$(swift build --show-bin-path)/ngatu-maps"
