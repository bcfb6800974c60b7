// Scrolling the virtualised table (synthetic 10,000 × 8): 30 mouse-wheel turns of 100 px, 50 ms
// apart, under a Chromium devtools trace; prints the main thread's tasks of 16 ms or more, and
// the layout and paint per turn. Each frame of a scroll that moves the window of rows writes the
// rows scrolled in (rows.rs, `Body::follow_scroll`).
// Run after a release build (trunk build --release):
//   node tests/benches/scroll-trace.mjs            # DIR=dir for another build, ROUNDS=n
import { serve, launch, newPage, synthetic, dist } from '../e2e/harness.mjs';

const rounds = Number(process.env.ROUNDS || 3);
const srv = await serve({ dir: process.env.DIR || dist, overrides: { '/s.json': JSON.stringify(synthetic(10000, 8)) } });
const browser = await launch();
const turns = 30;
const all = [];
try {
  for (let r = 0; r < rounds; r++) {
    const page = await newPage(browser);
    await page.goto(srv.url + '/?data=/s.json&view=weights');
    await page.locator('table.rank-table tbody tr[data-unit]').first().waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    const box = await page.locator('.table-wrap.virtual').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
    for (let i = 0; i < turns; i++) {
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(300);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const top = await page.evaluate(() => document.querySelector('.table-wrap.virtual').scrollTop);
    // The renderer's main thread: the one that lays the page out.
    const main = events.find((e) => e.name === 'Layout')?.tid;
    const long = events.filter((e) => e.tid === main && e.ph === 'X' && /RunTask$/.test(e.name) && e.dur >= 16000).map((e) => e.dur / 1000);
    // Only the outermost of nested events counts (Chromium nests the Paint of <html> in the
    // document's).
    const per = (name) => {
      const picked = events.filter((e) => e.tid === main && e.ph === 'X' && e.name === name).sort((a, b) => a.ts - b.ts);
      let total = 0, end = -1;
      for (const e of picked) {
        if (e.ts + e.dur <= end) continue;
        end = e.ts + e.dur; total += e.dur;
      }
      return total / 1000 / turns;
    };
    console.log(`scroll trace 10,000×8, round ${r + 1}: scrolled to ${top} px; tasks ≥ 16 ms: ${long.length}${long.length ? ` (${long.map((d) => d.toFixed(1)).join(', ')} ms)` : ''}; per turn: layout ${per('Layout').toFixed(1)} ms, paint ${per('Paint').toFixed(1)} ms`);
    all.push(long.length);
    await page.context().close();
  }
  console.log(`measure: scroll of the 10,000-row table, ${rounds} × ${turns} wheel turns: tasks ≥ 16 ms ${all.join(', ')}`);
} finally {
  await browser.close();
  await srv.close();
}
