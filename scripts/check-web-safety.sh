#!/usr/bin/env bash
# Fails on the two XSS/CSP sinks the web app must never use: raw HTML (Yew's from_html_unchecked
# sets innerHTML) and inline style attributes (blocked by style-src 'self').
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rnE 'from_html_unchecked|VRaw|[^-]style=' src/ || true)
if [ -n "$bad" ]; then
  echo "unsafe web code:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "web app: no raw HTML, no inline styles"
