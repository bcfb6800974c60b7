import { serve, launch, newPage, ready, dist, robustnessDoneAt } from '../e2e/harness.mjs';
const srv = await serve({ dir: dist });
const browser = await launch();
const OPENS = +(process.env.OPENS || 4);
try {
  for (let i = 0; i < OPENS; i++) {
    const page = await newPage(browser);
    await page.goto(srv.url + '/?d=dti-2024-34&g=provinces');
    await ready(page);
    const cdp = await page.context().newCDPSession(page);
    await page.waitForTimeout(800);
    const box = await page.getByRole('tab', { name: 'Độ vững' }).boundingBox();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.waitForTimeout(400);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'toplevel,v8.wasm,disabled-by-default-v8.wasm.detailed,devtools.timeline,blink.user_timing,v8', transferMode: 'ReportEvents' });
    await page.waitForTimeout(100);
    const done = robustnessDoneAt(page);
    await page.evaluate(() => performance.mark('bench-click'));
    await page.mouse.click(x, y);
    await done;
    await page.waitForTimeout(200);
    await cdp.send('Tracing.end');
    await complete;
    const thread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const mark = events.find((e) => e.name === 'bench-click');
    const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.ts >= mark.ts);
    const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a,b)=>b.dur-a.dur).slice(0,3);
    for (const t of tasks) {
      const inside = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      const sums = {};
      for (const e of inside) sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
      const top = Object.entries(sums).sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ');
      console.log(`open ${i+1} task ${(t.dur/1000).toFixed(1)} ms at ${((t.ts-mark.ts)/1000).toFixed(0)}: ${top}`);
    }
    // wasm compile events anywhere
    const wc = events.filter((e)=>/wasm/i.test(e.name) && e.ts>=mark.ts && e.pid===thread.pid && e.tid===thread.tid);
    const ws = {}; for (const e of wc) ws[e.name]=(ws[e.name]||0)+(e.dur||0)/1000;
    console.log('  wasm events main thread:', JSON.stringify(ws));
    await page.context().close();
  }
} finally { await browser.close(); await srv.close(); }
