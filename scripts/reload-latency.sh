#!/usr/bin/env bash
# Outside save → the presenter's screen, on the large snapshot (2,000 units
# / 100,000 projects, pretty): the console runs in tmux at 200x60; another
# process saves the file atomically (the new text written to a temporary
# file in the folder, fsynced, renamed over the snapshot) with the meeting's
# title changed, and the pane is read every few milliseconds until the new
# title shows. Prints one line per save: milliseconds from the start of the
# write to the screen showing it, of which the writer's own write (27 MB
# and an fsync: the disk's time, before any reader can see the new file),
# and from the rename (the moment the save exists for anyone else) to the
# screen.
#
# Usage: scripts/reload-latency.sh [SAVES]   (default 6; needs tmux, python3)
#   GUOTANG_BIN: another build to measure (e.g. the one before a change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
need tmux
need python3
n=${1:-6}
build
workspace lat
f="$dir/big.json"
large_meeting "$f"
# Two versions that differ in the title only (as text: the layout is kept).
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
import json
title = json.loads(t)["meeting"]["title"]
for k in range(2):
    open(f"{p}.v{k}", "w", encoding="utf-8").write(t.replace(json.dumps(title, ensure_ascii=False), json.dumps(f"第{k}版标题ZZ{k}", ensure_ascii=False), 1))
PY
cp "$f.v1" "$f"
mkdir -p "$dir/state" "$dir/data" "$dir/config"
tmux -L "$sock" new-session -d -x 200 -y 60 \
    "GUOTANG_STATE_DIR='$dir/state' GUOTANG_DATA_DIR='$dir/data' GUOTANG_CONFIG_DIR='$dir/config' '$bin' '$f'"
for _ in $(seq 200); do
    tmux -L "$sock" capture-pane -p | grep -q "ZZ1" && break
    sleep 0.1
done
tmux -L "$sock" capture-pane -p | grep -q "ZZ1" || { echo "the console did not show the title" >&2; exit 1; }
sleep 1
python3 - "$f" "$sock" "$n" <<'PY'
import os, subprocess, sys, time
f, sock, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [open(f"{f}.v{k}", "rb").read() for k in range(2)]
for i in range(n):
    k = i % 2
    start = time.monotonic()
    tmp = f + ".tmp"
    with open(tmp, "wb") as out:
        out.write(texts[k])
        out.flush()
        os.fsync(out.fileno())
    os.rename(tmp, f)
    written = time.monotonic()
    want = f"ZZ{k}".encode()
    while True:
        screen = subprocess.run(["tmux", "-L", sock, "capture-pane", "-p"], capture_output=True).stdout
        # The header's first line: a notice may name the old title too.
        if want in screen.split(b"\n", 1)[0]:
            break
        if time.monotonic() - start > 30:
            sys.exit("the screen did not change")
        time.sleep(0.005)
    shown = time.monotonic()
    print(f"save {i + 1}: {1000 * (shown - start):.0f} ms (of which the write {1000 * (written - start):.0f} ms); "
          f"rename to screen {1000 * (shown - written):.0f} ms")
    time.sleep(1.5)
PY
