#!/usr/bin/env bash
# Benchmark (not a test): `registry-doctor diagnose --json` against `grep -c -F -f` with 40 of the
# catalog's error phrases, over the same deterministic ~100 MB CI log. Prints both times and the ratio.
#
# Both commands' output goes to a pipe, never to /dev/null: GNU grep notices that its output is
# /dev/null and then stops at the first match (it behaves as `-q`), which on this log means reading
# 11 MB of the 100 MB (strace: 119 reads instead of 1069). hyperfine's default sends output to
# /dev/null, so a plain `hyperfine 'grep …'` times a grep that skipped most of the file.
#
#   scripts/bench-diagnose.sh [MEGABYTES]      (default 100; work files in ${BENCH_DIR:-target/bench-diagnose})
#
# The CLI is built in release mode in its own target directory (so other builds are not disturbed).
# The workspace's release profile optimizes for size (opt-level "z", for the wasm page) and only the CLI
# crate itself gets opt-level 3; the scan lives in registry-doctor-core and aho-corasick, so they get
# opt-level 3 here too (see the note printed below).
set -euo pipefail
cd "$(dirname "$0")/.."
MB="${1:-100}"
DIR="${BENCH_DIR:-target/bench-diagnose}"
mkdir -p "$DIR"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/bench}"
OPT=(--config 'profile.release.package."registry-doctor-core".opt-level=3'
     --config 'profile.release.package."aho-corasick".opt-level=3'
     --config 'profile.release.package."memchr".opt-level=3')

echo "== building (release, $CARGO_TARGET_DIR)"
cargo build --quiet --release "${OPT[@]}" -p registry-doctor-cli
cargo build --quiet --release "${OPT[@]}" -p registry-doctor-core --example bench_diagnose
BIN="$CARGO_TARGET_DIR/release/registry-doctor"
GEN="$CARGO_TARGET_DIR/release/examples/bench_diagnose"

LOG="$DIR/job-${MB}mb.log"
if [ ! -s "$LOG" ]; then
  echo "== generating $LOG"
  "$GEN" generate "$LOG" "$MB"
fi
"$GEN" patterns 40 > "$DIR/patterns"
SIZE=$(wc -c < "$LOG")
echo "log: $LOG ($SIZE bytes, $(wc -l < "$LOG") lines); patterns: $(wc -l < "$DIR/patterns") phrases"

# Both must do real work and agree that there is something to find.
echo "grep -c:   $(grep -c -F -f "$DIR/patterns" "$LOG" || true) matching lines"
set +e; "$BIN" diagnose "$LOG" --json > "$DIR/out.json"; rc=$?; set -e
echo "diagnose:  exit $rc, $(grep -c '"catalog"' "$DIR/out.json") diagnoses"

GREP_CMD="grep -c -F -f $DIR/patterns $LOG"
RD_CMD="$BIN diagnose $LOG --json"

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --output=pipe --warmup 2 --runs 10 -i --export-json "$DIR/hyperfine.json" -n grep "$GREP_CMD" -n registry-doctor "$RD_CMD"
  python3 - "$DIR/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
g, d = r["grep"]["median"], r["registry-doctor"]["median"]
print(f"median: grep {g*1000:.0f} ms, registry-doctor {d*1000:.0f} ms, ratio registry-doctor/grep = {d/g:.2f}")
PY
else
  # No hyperfine: the best of 7 runs of each, after one warm-up (the log is in the page cache).
  best() {
    local best=999999 t0 t1 ms
    for _ in 1 2 3 4 5 6 7 8; do
      t0=$(date +%s%N); "$@" 2>&1 | cat >/dev/null || true; t1=$(date +%s%N)
      ms=$(( (t1 - t0) / 1000000 )); [ "$ms" -lt "$best" ] && best=$ms
    done
    echo "$best"
  }
  # shellcheck disable=SC2086
  g=$(best $GREP_CMD); d=$(best $RD_CMD)
  echo "best of 8: grep ${g} ms, registry-doctor ${d} ms"
  awk -v g="$g" -v d="$d" 'BEGIN { printf "ratio registry-doctor/grep = %.2f\n", d / g }'
fi
echo "(registry-doctor: read + full analysis + JSON; grep: count of lines with any of the 40 phrases)"
