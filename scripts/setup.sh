#!/usr/bin/env bash
# Installs whatever this project needs and is missing, then exits. Idempotent: a second run checks
# and installs nothing. Usage: scripts/setup.sh build   (what `make serve` needs)
#                              scripts/setup.sh test    (also browsers and test tools)
# Versions come from Trunk.toml (trunk, wasm-bindgen, wasm-opt), Cargo.lock (must agree on
# wasm-bindgen) and e2e/package-lock.json (npm test tools). Nothing else pins a tool.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-build}"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

trunk_version=$(sed -n 's/^trunk-version = "\(.*\)"/\1/p' Trunk.toml)
bindgen_version=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
wasm_opt_version=$(sed -n 's/^wasm_opt = "version_\(.*\)"/\1/p' Trunk.toml)
lock_bindgen=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$trunk_version" ] && [ -n "$bindgen_version" ] && [ -n "$wasm_opt_version" ] || die "Trunk.toml lacks trunk-version or [tools] pins"
[ "$bindgen_version" = "$lock_bindgen" ] || die "Trunk.toml pins wasm-bindgen $bindgen_version but Cargo.lock has $lock_bindgen: make them equal"

is_root=false; [ "$(id -u)" = 0 ] && is_root=true
has_apt=false; command -v apt-get >/dev/null && has_apt=true
missing=()

need_cmd() { command -v "$1" >/dev/null || die "$1 is required and cannot be installed by this script: $2"; }
need_cmd cargo "install Rust with rustup (https://rustup.rs)"
need_cmd node "install Node.js 20 or newer"
need_cmd npm "install npm (comes with Node.js)"

# --- Rust target --------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# --- trunk (a 10–20 minute compile on 2 cores, done once) ---------------------------------------
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$trunk_version" ]; then
  say "installing trunk $trunk_version — this compiles from source and takes 10–20 minutes on 2 cores (progress follows)"
  cargo install --locked trunk --version "$trunk_version"
fi

# --- wasm-bindgen-cli at the Cargo.lock version (without --locked: a pinned dependency is missing) --
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (a few minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# --- wasm-opt from npm's binaryen into .tools/ (Debian's binaryen is too old for current rustc) ---
if [ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$wasm_opt_version" ]; then
  say "installing binaryen $wasm_opt_version (wasm-opt) into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --no-save "binaryen@$wasm_opt_version.0.0" >/dev/null
fi

if [ "$mode" = test ]; then
  # --- browsers for wasm-bindgen-test and the end-to-end tests: Debian's Chromium -----------------
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if $is_root && $has_apt; then
      say "installing Debian's chromium and chromium-driver"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      missing+=("chromium and chromium-driver: sudo apt-get install chromium chromium-driver (or your distribution's Chromium and matching ChromeDriver on PATH)")
    fi
  fi
  if ! command -v dash >/dev/null; then
    if $is_root && $has_apt; then apt-get install -y -qq dash >/dev/null; else missing+=("dash: sudo apt-get install dash (the shell-quoting tests run commands through real bash and dash)"); fi
  fi
  # --- npm test tools, exactly as locked --------------------------------------------------------
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    say "installing end-to-end test tools (npm ci)"
    (cd e2e && npm ci --no-audit --no-fund >/dev/null)
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  printf 'setup: these are missing and this script cannot install them here (not root, or not Debian):\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
say "ready ($mode)"
