#!/usr/bin/env bash
# How long `guotang check` takes on a large snapshot, relative to
# `jq '.units|length'` on the same file (both read and parse the whole JSON):
# the aim is <= 0.15 (issue 18).
#
# Usage: scripts/jq-ratio.sh [ROUNDS]   (default 9; needs jq)
# Generates 2,000 units / 100,000 projects (seed 1) into a temporary directory,
# then runs the two commands in alternation, so that a busy neighbour on a
# shared machine slows both alike, and compares the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
source scripts/common.sh
need jq
build
workspace
big="$dir/big.json"
large_meeting "$big"

ms() { # milliseconds one run of "$@" takes, output discarded
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# One warm-up each: the file into the page cache, the binaries loaded.
target/release/guotang check "$big" >/dev/null
jq '.units|length' "$big" >/dev/null
g=() j=()
for _ in $(seq "$rounds"); do
    g+=("$(ms target/release/guotang check "$big")")
    j+=("$(ms jq '.units|length' "$big")")
done
gm=$(printf '%s\n' "${g[@]}" | median)
jm=$(printf '%s\n' "${j[@]}" | median)
size=$(stat -c %s "$big")
echo "file: $((size / 1000000)) MB (2,000 units, 100,000 projects)"
echo "guotang check:    ${g[*]} ms (median $gm)"
echo "jq .units|length: ${j[*]} ms (median $jm)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v g="$gm" -v j="$jm" 'BEGIN { printf "ratio guotang/jq: %.3f (aim <= 0.15)\n", g / j }'
