#!/usr/bin/env bash
# Builds the page's WebAssembly split into a main module and chunks loaded on first use (the
# views behind src/app/lazy.rs): cargo -> wasm-split-cli -> wasm-bindgen -> wasm-opt, into the
# directory given. Trunk cannot run the splitter, so it builds everything else (CSS, copied
# files, the analysis worker) and runs this from its post-build hook (.ci/post-build.sh).
#   bash .ci/build-page.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: build-page.sh OUT_DIR}"
target="${CARGO_TARGET_DIR:-target}"
work="$target/split"
rm -rf "$work"
mkdir -p "$work" "$out"

# The splitter needs the linker's relocations. `cargo rustc` gives --emit-relocs to this
# binary's link alone and keeps .cargo/config.toml's flags (RUSTFLAGS would replace them).
cargo rustc --release --offline --quiet --target wasm32-unknown-unknown --bin xephang \
  --features split-views -- \
  -C link-arg=--emit-relocs
wasm-split-cli --target web --out-name xephang \
  "$target/wasm32-unknown-unknown/release/xephang.wasm" "$work"
# --keep-lld-exports: __wasm_split.js reads the function table that the main module exports.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work" \
  --out-name xephang "$work/xephang.wasm"
rm "$work/xephang.wasm"

# Same optimisation as the worker's (index.html). $work keeps the un-optimised files, whose
# function names .ci/test reads.
flags=(-Oz --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
  --strip-debug --strip-producers)
for f in "$work"/*.wasm; do
  wasm-opt "${flags[@]}" "$f" -o "$out/$(basename "$f")" 2> "$work/wasm-opt.log" || {
    cat "$work/wasm-opt.log" >&2
    exit 1
  }
  # wasm-opt warns about the name subsections it does not know; anything else is shown.
  grep -v "unknown name subsection" "$work/wasm-opt.log" >&2 || true
done
cp "$work"/*.js "$out/"
