# Sourced by the measuring scripts (from the repository's root): what each
# needs before it measures. Not a script of its own.

# Stops with a hint when a tool the script needs is missing.
need() {
    command -v "$1" >/dev/null || { echo "$1 is not installed (apt-get install $1)" >&2; exit 2; }
}

# The release build and the generator; `bin`: the build measured
# (GUOTANG_BIN: another build, e.g. the one before a change).
build() {
    cargo build --release --quiet --bin guotang --example gen
    bin=${GUOTANG_BIN:-$PWD/target/release/guotang}
}

# A temporary folder `dir`, removed at exit, and with NAME a tmux server of
# its own (`sock`), killed at exit.
workspace() {
    dir=$(mktemp -d)
    sock="guotang-${1:-none}-$$"
    if [[ -n "${1:-}" ]]; then
        # A console may still be writing its meeting log as it ends: wait for it.
        trap 'tmux -L "$sock" kill-server 2>/dev/null || true; sleep 0.5; rm -rf "$dir"' EXIT
    else
        trap 'rm -rf "$dir"' EXIT
    fi
}

# The large meeting (2,000 units / 100,000 projects, seed 1) written to
# FILE; further arguments go to the generator (--compact). On disk before
# any clock starts: left to the kernel, the 27 MB would be written out ~30 s
# later, in the middle of a timed save.
large_meeting() {
    local file=$1
    shift
    target/release/examples/gen --units 2000 --projects 100000 --seed 1 "$@" >"$file"
    sync "$file"
}
