// Speed in a real browser: time from a slider step to the next animation frame, for the largest
// bundled group and for a synthetic 10,000-unit dataset (virtualised table). Prints what it
// measured; the only assertions are that the page keeps working (figures go in the report).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, readJson } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A synthetic dataset: `n` units × `k` categories, values from a seeded generator. */
function synthetic(n, k) {
  let s = 42;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const cats = Array.from({ length: k }, (_, j) => ({ id: `c${j}`, name: { vi: `Chỉ số ${j}`, en: `Category ${j}` }, weight: 1, max_points: null }));
  return {
    format: 'xephang-dataset/1', id: 'synthetic', title: { vi: 'Dữ liệu tổng hợp (giả)', en: 'Synthetic data (fictional)' },
    edition: 2024, publisher: { vi: 'Kiểm thử', en: 'Test' }, sources: [], categories: cats, weight_basis: 'official',
    groups: [{ id: 'g', name: { vi: 'Nhóm', en: 'Group' }, units_evaluated: n }], precision: 4,
    units: Array.from({ length: n }, (_, i) => ({
      id: `u${i}`, name: `Đơn vị ${i}`, group: 'g',
      scores: Object.fromEntries(cats.map((c) => [c.id, Math.round(rnd() * 10000) / 10000])),
      official: { index: null, rank: null }, sources: [],
    })),
  };
}

/**
 * Per slider step: `work` = from the input event until the app's reactive updates have run
 * (a MessageChannel task runs after every microtask the step queued), and `frame` = until the
 * next animation frame (the browser's own layout and paint included, at its 60 Hz cadence).
 */
async function stepTimes(page, steps = 30) {
  return page.evaluate(async (steps) => {
    const el = document.querySelector('.weights input[type=range]');
    const work = [], frame = [];
    const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    for (let i = 0; i < steps; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const t0 = performance.now();
      el.value = String((i % 2) ? 80 : 20);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await task();
      work.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      frame.push(performance.now() - t0);
    }
    const stat = (a) => { a.sort((x, y) => x - y); return { median: a[Math.floor(a.length / 2)], p95: a[Math.floor(a.length * 0.95)] }; };
    return { work: stat(work), frame: stat(frame) };
  }, steps);
}

const fmt = (t) => `work median ${t.work.median.toFixed(1)} ms (p95 ${t.work.p95.toFixed(1)}), to next frame median ${t.frame.median.toFixed(1)} ms (p95 ${t.frame.p95.toFixed(1)})`;

test('measure: slider step to next frame, DTI 2024 (34 × 8) and synthetic 10,000 × 8', async () => {
  const big = JSON.stringify(synthetic(10000, 8));
  const srv = await serve({ overrides: { '/synthetic.json': big } });
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/?d=dti-2024-34&g=provinces&view=weights');
    await ready(page);
    const small = await stepTimes(page);
    console.log(`measure: DTI 2024 34×8 slider step: ${fmt(small)}`);

    const p2 = await newPage(browser);
    await p2.goto(srv.url + '/?data=/synthetic.json&view=weights');
    await p2.locator('table.rank-table tbody tr[data-unit]').first().waitFor({ timeout: 30000 });
    const rendered = await p2.locator('table.rank-table tbody tr[data-unit]').count();
    console.log(`measure: synthetic 10,000 units: ${rendered} rows in the DOM (virtualised)`);
    assert.ok(rendered < 200, `only the rows in view are rendered (${rendered})`);
    const large = await stepTimes(p2, 20);
    console.log(`measure: synthetic 10,000×8 slider step: ${fmt(large)}`);
    assert.deepEqual(p2.errors, []);
  } finally { await srv.close(); }
});

test('measure: the Monte Carlo (10,000 samples) and reach analysis never block the page for long', async () => {
  const srv = await serve();
  try {
    const page = await newPage(browser);
    // Record long tasks (> 50 ms) from the very start of the page.
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    });
    await page.goto(srv.url + '/?d=dti-2024-34&g=provinces');
    await ready(page);
    const before = await page.evaluate(() => window.__long.length);
    const t0 = Date.now();
    await page.getByRole('tab', { name: 'Độ vững' }).click();
    await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
    const elapsed = Date.now() - t0;
    const long = await page.evaluate((n) => window.__long.slice(n), before);
    const max = long.length ? Math.max(...long) : 0;
    console.log(`measure: robustness view (MC 10,000 samples × 34 units + reach analysis): done in ${elapsed} ms; long tasks (> 50 ms) while it ran: ${long.length}, longest ${max.toFixed(0)} ms`);
    assert.deepEqual(page.errors, []);
  } finally { await srv.close(); }
});
