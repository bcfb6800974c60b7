#!/usr/bin/env bash
# Installs what building and testing Xếp Hạng needs, and skips whatever is already there, so a
# second run costs seconds. Only package registries are used (crates.io, npm, Debian); trunk is
# told to use the tools installed here instead of downloading its own (see Trunk.toml).
# Sourced by .ci/serve and .ci/test; it exports PATH for them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
step() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source: the page's WebAssembly rebuilds std for size (.ci/build-page.sh).
if ! rustup component list --installed 2>/dev/null | grep -qx rust-src; then
  step "rustup component add rust-src"
  rustup component add rust-src
fi

# trunk 0.22 needs rustc >= 1.96; this machine's toolchain is 1.95.
trunk_version=0.21.14
if ! trunk --version 2>/dev/null | grep -q "trunk $trunk_version"; then
  step "cargo install trunk $trunk_version (about 7 minutes on 2 cores)"
  cargo install --locked trunk --version "$trunk_version"
fi

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock, to the patch.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $wb_version"; then
  step "cargo install wasm-bindgen-cli $wb_version (about 2 minutes)"
  # --locked fails here: one of its locked dependencies is no longer on crates.io.
  cargo install --force wasm-bindgen-cli --version "$wb_version"
fi

# The splitter that moves the views of src/app/lazy.rs into chunks loaded on first use
# (.ci/build-page.sh). Pinned: its output must match wasm_split_helpers in Cargo.lock.
split_version=0.2.4
if ! command -v wasm-split-cli >/dev/null 2>&1 \
  || ! cargo install --list | grep -q "^wasm_split_cli_support v$split_version:"; then
  step "cargo install wasm_split_cli_support $split_version (wasm-split-cli, about 3 minutes)"
  cargo install --locked wasm_split_cli_support --version "$split_version" --features build-binary
fi

# npm: wasm-opt (binaryen 132; Debian's 108 is too old for current Rust), playwright-core, axe-core.
stamp="$root/node_modules/.xephang-lock.sha"
want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  step "npm ci (wasm-opt, playwright-core, axe-core)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# Debian's Chromium for the browser tests (test tools must never download a browser of their own).
if ! command -v chromium >/dev/null 2>&1; then
  step "apt-get install chromium chromium-driver"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
