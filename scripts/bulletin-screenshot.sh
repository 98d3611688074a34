#!/usr/bin/env bash
# Renders the demo meeting's HTML bulletin (or the snapshot given) with
# headless Chromium and saves a PNG, to check by eye that the charts and the
# Chinese text render.
#
#   scripts/bulletin-screenshot.sh [SNAPSHOT] [OUT.png]
#
# SNAPSHOT defaults to the built-in demo (assets/demo.json); OUT defaults to
# target/bulletin.png. WINDOW=1240,6000 captures more of a long page; PDF=1
# also prints target/bulletin.pdf the way a browser prints on A4.
# Needs the Debian packages chromium and fonts-wqy-zenhei:
#   apt-get update && apt-get install -y chromium fonts-wqy-zenhei
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
snapshot="${1:-}"
out="${2:-$root/target/bulletin.png}"
window="${WINDOW:-1240,1754}"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "error: chromium is not installed (apt-get install -y chromium fonts-wqy-zenhei)" >&2
    exit 1
fi

cargo build --quiet --manifest-path "$root/Cargo.toml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
html="$work/bulletin.html"
if [[ -n "$snapshot" ]]; then
    "$root/target/debug/guotang" report "$snapshot" -o "$html"
else
    "$root/target/debug/guotang" report -o "$html"
fi

mkdir -p "$(dirname "$out")"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --no-first-run --hide-scrollbars --user-data-dir="$work/profile")
"$browser" "${flags[@]}" --screenshot="$out" --window-size="$window" "file://$html" 2>"$work/chromium.log" \
    || { cat "$work/chromium.log" >&2; exit 1; }
echo "saved $out"
if [[ "${PDF:-0}" == 1 ]]; then
    pdf="${out%.png}.pdf"
    "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" 2>>"$work/chromium.log" \
        || { cat "$work/chromium.log" >&2; exit 1; }
    echo "saved $pdf"
fi
