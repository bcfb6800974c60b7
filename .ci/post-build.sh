#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): the page's split WebAssembly (.ci/build-page.sh), then
# the prerendered landing view (.ci/prerender.mjs), which runs the app just built.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/build-page.sh "${TRUNK_STAGING_DIR:-dist}"
node .ci/prerender.mjs
