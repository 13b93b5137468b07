#!/usr/bin/env bash
# `make bench`: the figures the issues ask for, measured here (not timed tests).
#   1. diagnose over a 100 MB log vs grep -c -F -f with 40 catalog phrases (scripts/bench-diagnose.sh)
#   2. the manifest analyzer over a 5 MB OCI index with 10 000 entries
#   3. the size of what the page's first load transfers (needs a release build in dist/)
# The browser figure (a 10 MB log dropped as a file) is printed by the end-to-end tests (make test-e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== 1. diagnose vs grep (100 MB)"
scripts/bench-diagnose.sh
echo
echo "== 2. manifest analyzer, 5 MB index"
cargo run --quiet --release -p registry-doctor-core --example bench_manifest
echo
echo "== 3. first-load size"
if [ -f dist/index.html ]; then node scripts/size-report.mjs dist; else echo "(no dist/: run make build first)"; fi
