#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): the page's split WebAssembly (.ci/build-page.sh), then
# the prerendered landing view (.ci/prerender.mjs), which runs the app just built.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:-dist}"
bash .ci/build-page.sh "$out"
# The start-up scripts and the worker's glue, minified like the page's (.ci/build-page.sh);
# their readable sources are public/*.js and trunk's output. (embed.js is left as it is: news
# sites read the loader they embed.)
for f in boot.js worker-boot.js xephang-worker.js; do
  terser "$out/$f" --compress --mangle --output "$out/$f"
done
node .ci/prerender.mjs
