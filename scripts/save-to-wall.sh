#!/usr/bin/env bash
# The secretary's save on the presenter's wall, on the large snapshot
# (2,000 units / 100,000 projects, pretty): two consoles in tmux at 200x60
# on one file — the presenter's, and the secretary's `guotang edit` — each
# with its own state. For each save, a unit's target is edited (untimed),
# then Ctrl+S is sent to the editor and the presenter's pane is read every
# few milliseconds until its banner names the new figure. Prints one line
# per save: Ctrl+S to the screen, of which Ctrl+S to the rename (the
# editor's save: check, text, backup, fsync, rename; the file's inode is
# polled every millisecond) and the rename to the screen (the presenter).
#
# Usage: scripts/save-to-wall.sh [SAVES]   (default 8; needs tmux, python3)
#   GUOTANG_BIN: another build to measure (e.g. the one before a change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
need tmux
need python3
n=${1:-8}
build
workspace wall
f="$dir/big.json"
large_meeting "$f"
for who in pres ed; do mkdir -p "$dir/$who/state" "$dir/$who/data" "$dir/$who/config"; done
env_of() { echo "GUOTANG_STATE_DIR='$dir/$1/state' GUOTANG_DATA_DIR='$dir/$1/data' GUOTANG_CONFIG_DIR='$dir/$1/config'"; }
tmux -L "$sock" new-session -d -s pres -x 200 -y 60 "$(env_of pres) '$bin' '$f'"
tmux -L "$sock" new-session -d -s ed -x 200 -y 60 "$(env_of ed) '$bin' edit '$f'"
for _ in $(seq 200); do
    tmux -L "$sock" capture-pane -p -t ed | grep -q "Ctrl+S" && break
    sleep 0.1
done
sleep 1
# The first unit's first target.
tmux -L "$sock" send-keys -t ed Right Right Right Right
sleep 0.5
python3 - "$sock" "$n" "$f" <<'PY'
import os, subprocess, sys, threading, time
sock, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def keys(*k): subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "ed", *k], check=True)
def pane(t): return subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t", t], capture_output=True).stdout
renamed = [None]
def watch(ino):
    while True:
        try:
            if os.stat(path).st_ino != ino:
                renamed[0] = time.monotonic(); return
        except FileNotFoundError:
            pass
        time.sleep(0.001)
for i in range(n):
    v = str(90001 + i)
    keys("Enter"); time.sleep(0.3); keys("C-u", v, "Enter"); time.sleep(1.5)
    renamed[0] = None
    th = threading.Thread(target=watch, args=(os.stat(path).st_ino,), daemon=True); th.start()
    start = time.monotonic()
    keys("C-s")
    while v.encode() not in pane("pres"):
        if time.monotonic() - start > 30: sys.exit("the presenter's screen did not change")
        time.sleep(0.005)
    end = time.monotonic()
    th.join(5)
    r = renamed[0] or end
    print(f"save {i + 1}: {1000 * (end - start):.0f} ms (Ctrl+S to the rename {1000 * (r - start):.0f} ms, "
          f"the rename to the screen {1000 * (end - r):.0f} ms)", flush=True)
    time.sleep(1.5)
PY
