// Slider steps' input-to-paint over many steps, for one build or several alongside (the machine's
// speed drifts, so builds are compared in alternating rounds): the same measure as
// tests/e2e/perf.test.mjs (trusted PageUp/PageDown presses; time from the input event to a task
// queued from the next animation frame), with more steps, so that the tail (p95) is read from
// more than two samples.
// Run after a release build (trunk build --release):
//   node tests/benches/slider-steps.mjs                           # dist, DTI 2024, 120 steps
//   DIRS=/tmp/old-dist,dist ROUNDS=3 node tests/benches/slider-steps.mjs
//   CASE=63 STEPS=200 GAP=60 node tests/benches/slider-steps.mjs  # synthetic 63 × 6 (or 10000)
import { serve, launch, newPage, ready, synthetic, dist } from '../e2e/harness.mjs';

const DIRS = (process.env.DIRS || dist).split(',');
const ROUNDS = +(process.env.ROUNDS || 1);
const STEPS = +(process.env.STEPS || 120);
const GAP = +(process.env.GAP || 60);
const CASE = process.env.CASE || 'dti';
const cases = {
  dti: ['/?d=dti-2024-34&g=provinces&view=weights', 'DTI 2024 34×8'],
  dti23: ['/?d=dti-2023&g=provinces&view=weights', 'DTI 2023 63 provinces'],
  63: ['/?data=/synthetic.json&view=weights', 'synthetic 63×6'],
  10000: ['/?data=/synthetic.json&view=weights', 'synthetic 10,000×8'],
};
const [url, label] = cases[CASE];
const overrides = CASE === '63' ? { '/synthetic.json': JSON.stringify(synthetic(63, 6)) }
  : CASE === '10000' ? { '/synthetic.json': JSON.stringify(synthetic(10000, 8)) } : {};
const servers = await Promise.all(DIRS.map((dir) => serve({ dir, overrides })));
const browser = await launch();
const q = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
const all = DIRS.map(() => []);
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, srv] of servers.entries()) {
      const page = await newPage(browser);
      await page.goto(srv.url + url);
      await ready(page);
      await page.waitForTimeout(500);
      await page.evaluate(() => {
        window.__steps = [];
        const el = document.querySelector('.weights input[type=range]');
        const later = (f) => { const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(0); };
        el.addEventListener('input', (e) => {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => later(() => window.__steps.push(performance.now() - t0)));
        }, true);
      });
      await page.focus('.weights input[type=range]');
      for (let i = 0; i < STEPS; i++) {
        await page.keyboard.press(i % 2 ? 'PageDown' : 'PageUp');
        await page.waitForTimeout(GAP);
      }
      await page.waitForTimeout(100);
      const t = (await page.evaluate(() => window.__steps)).sort((a, b) => a - b);
      all[k].push(...t);
      console.log(`round ${r + 1} ${DIRS[k]}: ${label}, ${t.length} steps ${GAP} ms apart: median ${q(t, 0.5).toFixed(1)}, p90 ${q(t, 0.9).toFixed(1)}, p95 ${q(t, 0.95).toFixed(1)}, max ${t[t.length - 1].toFixed(1)} ms; ${t.filter((x) => x >= 16).length} of 16 ms or more`);
      await page.context().close();
    }
  }
  for (const [k, dir] of DIRS.entries()) {
    const t = all[k].sort((a, b) => a - b);
    console.log(`measure: ${dir}: ${label}, ${t.length} steps: median ${q(t, 0.5).toFixed(1)}, p90 ${q(t, 0.9).toFixed(1)}, p95 ${q(t, 0.95).toFixed(1)} ms; ${(100 * t.filter((x) => x >= 16).length / t.length).toFixed(1)} % of 16 ms or more`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
