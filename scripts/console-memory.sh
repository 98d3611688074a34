#!/usr/bin/env bash
# Resident memory of the console through a meeting on the large snapshot
# (2,000 units / 100,000 projects): the console runs in tmux at 200x60 and
# /proc/PID/status is read after each step (VmHWM, the peak so far; VmRSS,
# what is resident now), against the file's size.
#
# Usage: scripts/console-memory.sh [--compact]
#   GUOTANG_BIN: another build to measure (e.g. the one before a change).
#   (needs tmux; builds the release binary; --compact: the file without
#   indentation, 19.4 MB instead of 27.4 MB)
# Prints a markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
need tmux
build
workspace mem
f="$dir/big.json"
compact=()
[[ "${1:-}" == "--compact" ]] && compact=(--compact)
large_meeting "$f" "${compact[@]}"
size=$(stat -c %s "$f")
export GUOTANG_DATA_DIR="$dir/data"

tmux -L "$sock" new-session -d -x 200 -y 60 "GUOTANG_DATA_DIR='$dir/data' '$bin' '$f'"
keys() { tmux -L "$sock" send-keys "$@"; }
pid=""
for _ in $(seq 100); do
    pid=$(pgrep -f -x "$bin $f" || true)
    [[ -n "$pid" ]] && break
    sleep 0.1
done
[[ -n "$pid" ]] || { echo "the console did not start" >&2; exit 1; }
# The first frame is drawn once the snapshot is loaded: wait for the rail.
for _ in $(seq 100); do
    tmux -L "$sock" capture-pane -p | grep -q "议程" && break
    sleep 0.1
done

echo "file: $((size / 1000000)) MB; 3x the file = $((3 * size / 1000000)) MB"
echo
echo "| after | file now | peak so far | resident now | peak ÷ file size |"
echo "|---|---|---|---|---|"
row() {
    local hwm rss now
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    # The console saves pretty: a compact file grows when it is saved.
    now=$(stat -c %s "$f")
    awk -v w="$1" -v h="$hwm" -v r="$rss" -v s="$now" \
        'BEGIN { printf "| %s | %.1f MB | %.1f MB | %.1f MB | %.2f× |\n", w, s / 1e6, h * 1024 / 1e6, r * 1024 / 1e6, h * 1024 / s }'
}
sleep 1
row "opening (first frame)"
for _ in $(seq 9); do keys Right; sleep 0.3; done
row "every agenda item and pane"
keys e; sleep 0.5
# Every sheet to its end, and back to the first (six sheets since the
# history sheet came).
for _ in 1 2 3 4 5; do keys ']'; sleep 0.3; keys End; sleep 0.3; done
keys ']'; sleep 0.3
row "the editor's six sheets, each to its end"
keys Home; sleep 0.2
keys Right Right Right Right Enter; sleep 0.3
keys C-u 42 Enter; sleep 0.5
tmux -L "$sock" capture-pane -p >"$dir/after-edit.txt"
grep -q "未保存" "$dir/after-edit.txt" || { echo "the edit did not take:" >&2; cat "$dir/after-edit.txt" >&2; exit 1; }
row "an edit"
keys C-s; sleep 2
row "saving it (backup, atomic write)"
keys Escape; sleep 0.5
for v in 31 32 33; do
    "$bin" set "$f" "units.u0001.targets.signed=$v" >/dev/null 2>&1
    sleep 2.5
    row "an outside change, reloaded ($v)"
done
# Quit (a "y" in case it asks): the session may already be gone.
keys q 2>/dev/null || true
sleep 0.3
keys y 2>/dev/null || true
