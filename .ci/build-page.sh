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

# The standard library is rebuilt for this binary, for size (-Zbuild-std, with rust-src from
# .ci/setup.sh): `optimize_for_size` picks std's smaller algorithms, and the `immediate-abort`
# panic strategy drops the panic machinery and every panic message (a panic, which the app is
# built never to reach, becomes a WebAssembly trap: an "unreachable" error in the console).
# Together they take the page's main module from 265 to 233 KB gzipped. These are unstable
# options of the stable compiler, enabled by RUSTC_BOOTSTRAP=1 for this one build only.
# XEPHANG_PANIC_MESSAGES=1 builds with the ordinary std instead (panic messages in the console,
# through console_error_panic_hook), for debugging.
# Its own target directory: RUSTFLAGS differ from the other builds', which would otherwise
# rebuild each other's dependencies.
page_target="$target/page"
if [ "${XEPHANG_PANIC_MESSAGES:-0}" = 1 ]; then
  std_flags=()
  rustflags="--cfg erase_components"
  bootstrap=""
else
  std_flags=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
  rustflags="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
  bootstrap=1
fi
# Not --offline: the first build on a machine downloads the crates std itself depends on (from
# crates.io; later builds find them in cargo's cache).
# The splitter needs the linker's relocations; `cargo rustc` gives --emit-relocs to this
# binary's link alone. RUSTFLAGS replaces .cargo/config.toml's flags, so it repeats them.
RUSTC_BOOTSTRAP="$bootstrap" RUSTFLAGS="$rustflags" CARGO_TARGET_DIR="$page_target" \
  cargo rustc --release --locked --quiet --target wasm32-unknown-unknown --bin xephang \
  --features split-views "${std_flags[@]}" -- \
  -C link-arg=--emit-relocs
wasm-split-cli --target web --out-name xephang \
  "$page_target/wasm32-unknown-unknown/release/xephang.wasm" "$work"
# --keep-lld-exports: __wasm_split.js reads the function table that the main module exports.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work" \
  --out-name xephang "$work/xephang.wasm"
rm "$work/xephang.wasm"

# The worker's optimisation (index.html), --low-memory-unused included: the first kilobyte of memory
# is never read or written (the stack, which rustc puts first, grows down from 1 MiB towards it,
# and the heap is above the data), so wasm-opt may fold more added constants into load and store
# offsets: 1.2 KB off the main module gzipped. $work keeps the un-optimised files, whose function
# names .ci/test reads.
flags=(-Oz --low-memory-unused --enable-bulk-memory --enable-bulk-memory-opt
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue --strip-debug --strip-producers)
# The main module alone: leptos's server functions link wasm-streams, whose JS classes
# (IntoUnderlyingSource, …) wasm-bindgen exports although this app never streams; removing their
# exports lets -Oz drop their code (1.3 KB gzipped), and .ci/glue-names.mjs drops their classes.
main_flags=(--remove-exports --pass-arg='remove-exports@*intounderlying*')
for f in "$work"/*.wasm; do
  extra=()
  src="$f"
  if [ "$(basename "$f")" = xephang_bg.wasm ]; then
    extra=("${main_flags[@]}")
    # And the code of those classes, which their exports' removal leaves (.ci/stub-unused.mjs).
    wasm-opt --print-call-graph "$f" -o /dev/null > "$target/split-calls.dot" 2> "$work/wasm-opt.log"
    node .ci/stub-unused.mjs "$f" "$target/split-stubbed.wasm" "$target/split-calls.dot"
    src="$target/split-stubbed.wasm"
  fi
  wasm-opt "${extra[@]}" "${flags[@]}" "$src" -o "$out/$(basename "$f")" 2> "$work/wasm-opt.log" || {
    cat "$work/wasm-opt.log" >&2
    exit 1
  }
  # wasm-opt warns about the name subsections it does not know; anything else is shown.
  grep -v "unknown name subsection" "$work/wasm-opt.log" >&2 || true
done
# Short names for the calls between the main module and its glue (3.8 KB off the module and
# 3.2 KB off the glue, gzipped); the script checks that both sides still match.
node .ci/glue-names.mjs "$out/xephang_bg.wasm" "$work/xephang.js" "$work/__wasm_split.js" \
  "$work/xephang.short.js"
# The JavaScript glue, minified (terser from npm, package.json): wasm-bindgen's and the
# splitter's output is written to be read, and minifying it takes 2.9 KB off the first load.
terser "$work/xephang.short.js" --module --compress --mangle --output "$out/xephang.js"
terser "$work/__wasm_split.js" --module --compress --mangle --output "$out/__wasm_split.js"
