#!/bin/sh
# Renders a results directory's report.html to a PNG with headless Chromium.
#
#   scripts/screenshot.sh RESULTS_DIR OUT.png
#
# Environment: WIDTH (default 1280) and HEIGHT (default 3000) set the window, i.e. the part of
# the page captured. When RESULTS_DIR has no report.html, it is rebuilt with `ngatu report`
# from results.sqlite (the release or debug build). Chromium is installed with apt-get when
# missing.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 RESULTS_DIR OUT.png" >&2
    exit 2
fi
dir=$1
out=$2
width=${WIDTH:-1280}
height=${HEIGHT:-3000}

if [ ! -f "$dir/report.html" ]; then
    ngatu=""
    for candidate in .build/release/ngatu .build/debug/ngatu; do
        if [ -x "$candidate" ]; then ngatu=$candidate; break; fi
    done
    if [ -n "$ngatu" ] && [ -f "$dir/results.sqlite" ]; then
        "$ngatu" report "$dir"
    else
        echo "$0: no $dir/report.html (and no results.sqlite with a built ngatu to make one)" >&2
        exit 1
    fi
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "$0: installing chromium" >&2
    $sudo apt-get install -y -qq chromium >/dev/null 2>&1 \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium; }
    browser=chromium
fi

page=$(cd "$(dirname "$dir/report.html")" && pwd)/report.html
mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$out_abs" --window-size="$width,$height" "file://$page" >/dev/null 2>&1
if [ ! -s "$out_abs" ]; then
    echo "$0: chromium wrote no screenshot to $out_abs" >&2
    exit 1
fi
echo "$out_abs"
