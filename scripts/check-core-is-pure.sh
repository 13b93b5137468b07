#!/usr/bin/env bash
# Fails if the core crate ever gains a web dependency anywhere in its tree (it must stay plain Rust,
# testable on the host). Checked for the host and for the wasm target.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in "" "--target wasm32-unknown-unknown"; do
  # shellcheck disable=SC2086
  tree=$(cargo tree -p registry-doctor-core -e normal,build $target --prefix none --format '{p}' | awk '{print $1}' | sort -u)
  bad=$(grep -E '^(yew|yew-[a-z-]+|web-sys|js-sys|wasm-bindgen|wasm-bindgen-[a-z-]+|gloo|gloo-[a-z-]+)$' <<<"$tree" || true)
  if [ -n "$bad" ]; then
    echo "registry-doctor-core must not depend on web crates, found: $bad" >&2
    exit 1
  fi
done
echo "core is pure: no web crates in its dependency tree"
