#!/usr/bin/env bash
# Measures what docs/performance.md reports, on this machine:
#   1. criterion benchmarks (load, save, edit, reload) on the demo and on
#      2,000 units / 100,000 projects, as a table of mean times;
#   2. peak resident memory of `guotang check` on the large file, pretty and
#      compact, and of the console's first frame (`guotang render`), against
#      the file size (/usr/bin/time -v);
#   3. the console's memory through a meeting in tmux (scripts/console-memory.sh,
#      when tmux is there);
#   4. the guotang/jq time ratio (scripts/jq-ratio.sh);
#   5. standings of generated files against the Python oracle.
# Usage: scripts/measure.sh [--quick]   (--quick: shorter criterion runs)
# Prints markdown on stdout; progress on stderr. Needs jq, python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--warm-up-time 1 --measurement-time 3)

echo "building (release)..." >&2
cargo build --release --quiet --bin guotang --example gen
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gen=target/release/examples/gen
$gen --units 2000 --projects 100000 --seed 1 >"$dir/big.json"
$gen --units 2000 --projects 100000 --seed 1 --compact >"$dir/big-compact.json"

echo "## Machine"
echo
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "- $(date -u +%Y-%m-%d), $(rustc --version), commit $(git rev-parse --short HEAD)"
echo

echo "running criterion benchmarks..." >&2
cargo bench --quiet --bench load --bench save --bench edit --bench reload -- --noplot "${quick[@]}" >"$dir/bench.txt" 2>&1
echo "## Benchmarks (criterion, mean of the samples)"
echo
python3 - "$dir/bench.txt" <<'PY'
import json, os, sys
root = "target/criterion"
rows = []
for group in sorted(os.listdir(root)):
    gdir = os.path.join(root, group)
    for bench in sorted(os.listdir(gdir)):
        est = os.path.join(gdir, bench, "new", "estimates.json")
        bj = os.path.join(gdir, bench, "new", "benchmark.json")
        if not os.path.exists(est) or not os.path.exists(bj):
            continue
        meta = json.load(open(bj))
        e = json.load(open(est))
        mean = e["mean"]["point_estimate"]
        lo, hi = e["mean"]["confidence_interval"]["lower_bound"], e["mean"]["confidence_interval"]["upper_bound"]
        def fmt(ns):
            return f"{ns/1e6:.1f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs"
        rows.append((meta["group_id"], meta["function_id"], fmt(mean), f"{fmt(lo)} – {fmt(hi)}"))
print("| input | what | mean | 95% interval |")
print("|---|---|---|---|")
for g, f, m, ci in rows:
    print(f"| {g} | {f} | {m} | {ci} |")
PY
echo

echo "measuring memory..." >&2
echo "## Peak memory"
echo
echo "| command | file | size | max RSS | RSS ÷ size |"
echo "|---|---|---|---|---|"
peak() { # label, file, command...
    local label=$1 f=$2
    shift 2
    size=$(stat -c %s "$dir/$f.json")
    /usr/bin/time -v "$@" >/dev/null 2>"$dir/time.txt"
    rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$dir/time.txt")
    awk -v c="$label" -v n="$f.json" -v s="$size" -v r="$rss" \
        'BEGIN { printf "| %s | %s | %.1f MB | %.1f MB | %.1f× |\n", c, n, s / 1e6, r * 1024 / 1e6, r * 1024 / s }'
}
for f in big big-compact; do
    peak "check" "$f" target/release/guotang check "$dir/$f.json"
done
for f in big big-compact; do
    peak "render --item 1 --size 200x60" "$f" \
        target/release/guotang render "$dir/$f.json" --item 1 --size 200x60
done
echo

if command -v tmux >/dev/null; then
    echo "measuring the console in tmux..." >&2
    echo "## The console through a meeting (scripts/console-memory.sh)"
    echo
    scripts/console-memory.sh
    echo
fi

echo "comparing with jq..." >&2
echo "## \`guotang check\` against \`jq length\` (27 MB file, medians of 5 alternating runs)"
echo
echo '```'
scripts/jq-ratio.sh 5
echo '```'
echo

echo "checking generated files against the oracle..." >&2
echo "## Standings of generated files against tests/oracle/standings.py"
echo
for spec in "40 500 9" "300 8000 5" "2000 100000 1"; do
    read -r u p s <<<"$spec"
    $gen --units "$u" --projects "$p" --seed "$s" >"$dir/o.json"
    target/release/guotang standings "$dir/o.json" --json >"$dir/ours.json"
    python3 tests/oracle/standings.py "$dir/o.json" >"$dir/oracle.json"
    python3 - "$dir/ours.json" "$dir/oracle.json" "$u units, $p projects, seed $s" <<'PY'
import json, sys
ours, oracle, what = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
diffs = []
def close(a, b, at):
    if isinstance(b, dict):
        for k in b:
            if not isinstance(a, dict) or k not in a: diffs.append(f"{at}.{k} missing")
            else: close(a[k], b[k], f"{at}.{k}")
    elif isinstance(b, list):
        if not isinstance(a, list) or len(a) != len(b): diffs.append(f"{at}: lengths differ"); return
        for i, (x, y) in enumerate(zip(a, b)): close(x, y, f"{at}[{i}]")
    elif isinstance(b, (int, float)) and not isinstance(b, bool) and isinstance(a, (int, float)):
        if abs(a - b) > 1e-12: diffs.append(f"{at}: {a} vs {b}")
    elif a != b: diffs.append(f"{at}: {a!r} vs {b!r}")
close(ours, oracle, "")
print(f"- {what}: " + ("agree" if not diffs else f"{len(diffs)} differences, e.g. {diffs[:3]}"))
sys.exit(1 if diffs else 0)
PY
done
