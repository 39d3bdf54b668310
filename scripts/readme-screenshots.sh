#!/bin/sh
# The README's screenshots of the flagship report (make screenshot): the level-of-service map
# and the playback at three clock times, in Vietnamese and English, each a 1280-pixel-wide
# view of one section (the page's `#only=SECTION` hook), written to results/screenshots/.
#
#   scripts/readme-screenshots.sh [RESULTS_DIR]     (default results/ninh-kieu-am-peak)
set -eu
dir=${1:-results/ninh-kieu-am-peak}
out=results/screenshots
ngatu=""
for candidate in .build/release/ngatu .build/debug/ngatu; do
    if [ -x "$candidate" ]; then ngatu=$candidate; break; fi
done
[ -n "$ngatu" ] || { echo "$0: build ngatu first (make release)" >&2; exit 1; }
browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
[ -n "$browser" ] || { echo "$0: no Chromium (make chromium installs it)" >&2; exit 1; }
mkdir -p "$out"
page=$(cd "$dir" && pwd)/report.html
shoot() { # NAME HASH HEIGHT
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=3000 \
        --screenshot="$(pwd)/$out/$1.png" --window-size="1280,$3" "file://$page#$2" >/dev/null 2>&1
    [ -s "$out/$1.png" ] || { echo "$0: no $out/$1.png" >&2; exit 1; }
    echo "$out/$1.png"
}
for lang in vi en; do
    "$ngatu" report "$dir" --lang "$lang" >/dev/null
    shoot "map-$lang" "only=map" 1250
    shoot "playback-$lang-1" "only=playback&t=12" 1000
    shoot "playback-$lang-2" "only=playback&t=45" 1000
    shoot "playback-$lang-3" "only=playback&t=80" 1000
done
"$ngatu" report "$dir" >/dev/null
