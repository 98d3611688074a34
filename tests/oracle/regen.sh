#!/bin/sh
# Regenerate every tests/fixtures/standings/*.expected.json from the oracle.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir="$here/../fixtures/standings"
for f in "$dir"/*.json; do
  case "$f" in *.expected.json) continue ;; esac
  python3 "$here/standings.py" "$f" > "${f%.json}.expected.json"
  echo "wrote ${f%.json}.expected.json"
done
