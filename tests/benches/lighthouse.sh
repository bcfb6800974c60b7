#!/usr/bin/env bash
# Lighthouse (performance, accessibility) of the release bundle in Debian Chromium, on loopback.
# Not part of .ci/test (it installs ~100 MB of npm packages); run by hand:
#   bash tests/benches/lighthouse.sh            # after trunk build --release
#   DIST=/path/to/other/dist bash tests/benches/lighthouse.sh   # another build, to compare
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/target/lighthouse"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse@13)
fi
port=8097
node --input-type=module -e "
  import { serve } from '$root/tests/e2e/harness.mjs';
  await serve({ gzip: true, port: $port${DIST:+, dir: '$DIST'} });
" &
server=$!
trap 'kill $server' EXIT
sleep 2
for q in "" "?d=dti-2024-34&g=provinces&view=weights"; do
  out="$tools/report.json"
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$q" --quiet \
    --only-categories=performance,accessibility --output=json --output-path="$out" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits;
    console.log(`lighthouse ${process.argv[2] || "/"}: performance ${Math.round(r.categories.performance.score * 100)}, accessibility ${Math.round(r.categories.accessibility.score * 100)}; FCP ${a["first-contentful-paint"].displayValue}, LCP ${a["largest-contentful-paint"].displayValue}, TBT ${a["total-blocking-time"].displayValue}, CLS ${a["cumulative-layout-shift"].displayValue}`);
    for (const [k, v] of Object.entries(a)) if (v.score !== null && v.score < 1 && r.categories.accessibility.auditRefs.some((x) => x.id === k)) console.log(`  a11y: ${k}: ${v.title}`);
  ' "$out" "$q"
done
