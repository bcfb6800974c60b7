// Where a slider step's time goes in the browser: 20 trusted key presses (PageUp/PageDown) on the
// first weight slider under a Chromium devtools.timeline trace, then the time per step in script
// (the input event's handlers, effects included), style, layout, paint and compositing.
// Run after a release build (trunk build --release):
//   node tests/benches/step-trace.mjs                  # DTI 2024, 34 provinces × 8 pillars
//   node tests/benches/step-trace.mjs 63 6             # synthetic 63 units × 6 categories
//   node tests/benches/step-trace.mjs 10000 8          # synthetic 10,000 × 8 (virtualised table)
import { serve, launch, newPage, ready, synthetic } from '../e2e/harness.mjs';

const [units, cats] = process.argv.slice(2).map(Number);
const overrides = {};
let url = '/?d=dti-2024-34&g=provinces&view=weights';
if (units) {
  overrides['/synthetic.json'] = JSON.stringify(synthetic(units, cats || 6));
  url = '/?data=/synthetic.json&view=weights';
}
const srv = await serve({ overrides });
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(srv.url + url);
  await ready(page);
  await page.focus('.weights input[type=range]');
  const steps = 20;
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press(i % 2 ? 'PageDown' : 'PageUp');
    await page.waitForTimeout(60);
  }
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  // Only the outermost of nested events counts: Chromium nests a Paint of <html> inside the Paint
  // of the document, and adding both counted paint twice.
  const sum = (pred) => {
    const picked = events.filter((e) => e.ph === 'X' && e.dur && pred(e)).sort((a, b) => a.tid - b.tid || a.ts - b.ts);
    let total = 0, end = -1, tid = null;
    for (const e of picked) {
      if (e.tid === tid && e.ts + e.dur <= end) continue;
      tid = e.tid; end = e.ts + e.dur; total += e.dur;
    }
    return total / 1000 / steps;
  };
  // The input event is dispatched inside the keydown's default action: count it, not keydown.
  const script = sum((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  const parts = { script, style: sum((e) => e.name === 'UpdateLayoutTree'), layout: sum((e) => e.name === 'Layout'),
    paint: sum((e) => e.name === 'Paint'), 'pre-paint + layerize + commit': sum((e) => /^(PrePaint|Layerize|Commit)$/.test(e.name)) };
  const rows = await page.locator('table.rank-table tbody tr[data-unit]').count();
  console.log(`step trace ${units ? `synthetic ${units}×${cats || 6}` : 'DTI 2024 34×8'} (${rows} rows in the DOM), ms per step: ` +
    Object.entries(parts).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
} finally {
  await browser.close();
  await srv.close();
}
