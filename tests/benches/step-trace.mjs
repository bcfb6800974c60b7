// Where a slider step's time goes in the browser: 20 trusted key presses (PageUp/PageDown) on the
// first weight slider under a Chromium devtools.timeline trace, then the time per step in script
// (the input event's handlers, effects included), style, layout, paint and compositing; and what
// writing the rows left off screen costs, once, when the steps pause.
// Run after a release build (trunk build --release):
//   node tests/benches/step-trace.mjs                  # DTI 2024, 34 provinces × 8 pillars
//   node tests/benches/step-trace.mjs 63 6             # synthetic 63 units × 6 categories
//   node tests/benches/step-trace.mjs 10000 8          # synthetic 10,000 × 8 (virtualised table)
//   DIR=/tmp/other-dist node tests/benches/step-trace.mjs 63 6   # another build, alongside
import { serve, launch, newPage, ready, synthetic, dist } from '../e2e/harness.mjs';

const [units, cats] = process.argv.slice(2).map(Number);
const overrides = {};
let url = '/?d=dti-2024-34&g=provinces&view=weights';
if (units) {
  overrides['/synthetic.json'] = JSON.stringify(synthetic(units, cats || 6));
  url = '/?data=/synthetic.json&view=weights';
}
const srv = await serve({ dir: process.env.DIR || dist, overrides });
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
  // Then a pause, in which the rows left off screen during the steps are written (rows.rs).
  await page.waitForTimeout(500);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const isInput = (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input';
  const inputs = events.filter(isInput).map((e) => e.ts);
  if (inputs.length === 0) throw new Error('no input event in the trace: did the slider get the key presses?');
  const lastInput = Math.max(...inputs);
  // Events up to 100 ms after the last step belong to the steps; later ones to the pause.
  const inSteps = (e) => e.ts < lastInput + 100_000;
  // Only the outermost of nested events counts: Chromium nests a Paint of <html> inside the Paint
  // of the document, and adding both counted paint twice.
  const sum = (pred, div) => {
    const picked = events.filter((e) => e.ph === 'X' && e.dur && pred(e)).sort((a, b) => a.tid - b.tid || a.ts - b.ts || b.dur - a.dur);
    let total = 0, end = -1, tid = null;
    for (const e of picked) {
      if (e.tid === tid && e.ts + e.dur <= end) continue;
      tid = e.tid; end = e.ts + e.dur; total += e.dur;
    }
    return total / 1000 / div;
  };
  const parts = (when, script, div) => ({ script: sum((e) => when(e) && script(e), div),
    style: sum((e) => when(e) && e.name === 'UpdateLayoutTree', div), layout: sum((e) => when(e) && e.name === 'Layout', div),
    paint: sum((e) => when(e) && e.name === 'Paint', div),
    'pre-paint + layerize + commit': sum((e) => when(e) && /^(PrePaint|Layerize|Commit)$/.test(e.name), div) });
  const show = (p) => Object.entries(p).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  const rows = await page.locator('table.rank-table tbody tr[data-unit]').count();
  const name = units ? `synthetic ${units}×${cats || 6}` : 'DTI 2024 34×8';
  // The input event is dispatched inside the keydown's default action: count it, not keydown.
  console.log(`step trace ${name} (${rows} rows in the DOM), ms per step: ${show(parts(inSteps, isInput, steps))}`);
  // After the pause: the timer that writes the waiting rows (TimerFire), once.
  const pause = (e) => !inSteps(e);
  console.log(`step trace ${name}, once after the steps pause (rows written late): ${show(parts(pause, (e) => e.name === 'TimerFire', 1))}`);
} finally {
  await browser.close();
  await srv.close();
}
