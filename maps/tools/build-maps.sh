#!/bin/sh
# Regenerates the Cần Thơ maps and their drawings (see maps/tools/main.swift).
# Compiles the few source files involved into one throw-away tool, since the package has no
# target that depends on both NgaTuOSM and NgaTuReport. Run from the repository root.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in Sources/NgaTuCore/Spec/*.swift Sources/NgaTuCore/Network/Geometry.swift Sources/NgaTuCore/Network/Identifiers.swift \
         Sources/NgaTuCore/Network/Network.swift Sources/NgaTuCore/Network/NetworkBuilder.swift Sources/NgaTuOSM/*.swift Sources/NgaTuFormats/MapWriter.swift \
         Sources/NgaTuReport/MapDrawing.swift Sources/NgaTuReport/XMLEscape.swift; do
    sed '/^import NgaTu/d' "$f" > "$tmp/$(basename "$(dirname "$f")")_$(basename "$f")"
done
cp maps/tools/main.swift "$tmp/main.swift"
swiftc -O -module-name BuildMaps "$tmp"/*.swift -o "$tmp/build-maps"
"$tmp/build-maps"
