// The explorer's main flows: re-weighting with the keyboard, presets, filters, language, shareable
// links, export, accessibility, and the time from a slider step to the next paint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, ready, root, synthetic } from './harness.mjs';

let browser;
let srv;
// Beside the bundled data, synthetic tables: 63 × 6 (more rows than rows.rs writes at once while
// the weights change in quick succession) and 10,000 × 8 (a virtualised table).
before(async () => {
  browser = await launch();
  srv = await serve({ overrides: { '/s63.json': JSON.stringify(synthetic(63, 6)), '/s10k.json': JSON.stringify(synthetic(10000, 8)) } });
});
after(async () => { await browser?.close(); await srv?.close(); });

const DTI = '/?d=dti-2024-34&g=provinces';

async function ranks(page) {
  return page.$$eval('table.rank-table tbody tr[data-unit]', (trs) =>
    trs.map((tr) => ({ id: tr.dataset.unit, rank: tr.querySelector('td.rank').textContent.trim(),
      change: tr.querySelector('td.change-col')?.textContent.trim() ?? '' })));
}

/** Waits until the table's order of unit ids differs from (or, with same=true, equals) `ids`. */
async function waitOrder(page, ids, same = false) {
  await page.waitForFunction(([ids, same]) => {
    const now = [...document.querySelectorAll('table.rank-table tbody tr[data-unit]')].map((tr) => tr.dataset.unit);
    return (JSON.stringify(now) === JSON.stringify(ids)) === same;
  }, [ids, same], { timeout: 5000 });
}

async function axe(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`);
  });
  return result;
}

test('landing shows the latest MIC ranking and reaches a re-weightable ranking in one click', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/');
  await ready(page);
  await page.locator('.no-scores').waitFor();
  await page.locator('.no-scores button.primary').click();
  await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr[data-unit]').length === 34);
  await page.waitForURL(/d=dti-2024-34/); // URL writes are debounced
  // The click asked to try other weights: the sliders are there, beside the ranking.
  assert.match(page.url(), /view=weights/);
  assert.equal(await page.locator('.weights input[type=range]').count(), 8);
  assert.equal(await page.locator('.no-scores').count(), 0);
  // The inferred weights reproduce the official ranking: no unit moves.
  const r = await ranks(page);
  assert.equal(r[0].id, 'ha-noi');
  assert.ok(r.every((x) => x.change === '=' || x.change.startsWith('=')), JSON.stringify(r.slice(0, 5)));
  assert.match(await page.locator('[data-testid=coverage]').innerText(), /34/);
  assert.deepEqual(page.errors, []);
});

test('changing a weight with the keyboard re-ranks and shows arrows', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&view=weights');
  await ready(page);
  const before = await ranks(page);
  const slider = page.getByLabel(/Hoạt động kinh tế số|Kinh tế số/).first();
  await slider.focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await waitOrder(page, before.map((x) => x.id));
  const after = await ranks(page);
  assert.notDeepEqual(after.map((x) => x.id), before.map((x) => x.id));
  assert.ok(after.some((x) => /▲|▼/.test(x.change)), 'some unit shows an arrow');
  await page.waitForURL(/w=/); // URL writes are debounced
  // The live region said what happened, once the steps paused (ranking.rs, ANNOUNCE_MS).
  await page.waitForFunction(() => /xếp hạng lại|Re-ranked/i.test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''));
  // Presets: equal, then official again.
  await page.getByRole('button', { name: 'Bằng nhau' }).click();
  assert.equal(await page.getByRole('button', { name: 'Bằng nhau' }).getAttribute('aria-pressed'), 'true');
  // On the sliders' scale: the mean of the official weights (it was 1 of 0..400, every thumb
  // at the far left).
  const equal = await page.$$eval('.weights input[type=range]', (els) => els.map((e) => [e.value, e.max]));
  assert.ok(equal.every(([v, max]) => v === equal[0][0] && +v >= +max / 10), JSON.stringify(equal));
  // A weight typed above the scale moves the slider's top with it.
  const field = page.locator('.weights input.num').first();
  await field.fill('5000');
  await field.press('Enter');
  await page.waitForFunction(() => { const r = document.querySelector('.weights input[type=range]'); return r.value === '5000' && r.max === '5000'; });
  // DTI 2024's weights are inferred, and the preset says so (no source states them).
  await page.getByRole('button', { name: 'Trọng số suy ra' }).click();
  await waitOrder(page, before.map((x) => x.id), true);
  const back = await ranks(page);
  assert.deepEqual(back.map((x) => x.id), before.map((x) => x.id));
  // "Only this category": the first unit is the best in that category.
  await page.getByRole('button', { name: /Chỉ dùng: .*Hạ tầng số/ }).click();
  const shares = await page.locator('.weights .share').allInnerTexts();
  assert.equal(shares.filter((s) => s.startsWith('100')).length, 1, shares.join(' | '));
});

test('filters: accent-insensitive name, complete data, no match', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  await page.locator('#filter-name').fill('da nang');
  await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr[data-unit]').length === 1);
  assert.equal((await page.locator('table.rank-table tbody th.unit').innerText()).trim(), 'Đà Nẵng');
  // The other names the registry knows: a spelling of the sources, an English name, a province
  // merged in 2025 (Quảng Nam into Đà Nẵng). Before, each found nothing.
  for (const [typed, unit] of [['TP HCM', 'ho-chi-minh-2025'], ['thua thien hue', 'hue'], ['Hanoi', 'ha-noi'], ['quang nam', 'da-nang-2025']]) {
    await page.locator('#filter-name').fill(typed);
    await page.waitForFunction((id) => {
      const rows = [...document.querySelectorAll('table.rank-table tbody tr[data-unit]')];
      return rows.length === 1 && rows[0].dataset.unit === id;
    }, unit);
  }
  await page.locator('#filter-name').fill('zzz');
  await page.locator('p.empty').waitFor();
  await page.locator('#filter-name').fill('');
  await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr[data-unit]').length === 34);
});

test('a slider step writes the rows on screen in its frame; the rest follow after the frame, or once quick steps pause, as a fresh table would show them', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?data=/s63.json&view=weights');
  await ready(page);
  const order = () => page.$$eval('table.rank-table tbody tr[data-unit]', (trs) =>
    trs.map((tr) => [tr.dataset.unit, tr.querySelector('td.rank').textContent, tr.querySelector('td.score').textContent].join(' ')));
  const before = await order();
  // Every message the live region gives, with when it came.
  await page.evaluate(() => {
    window.__said = [];
    const live = document.querySelector('[role=status][aria-live=polite]');
    new MutationObserver(() => window.__said.push([performance.now(), live.textContent])).observe(live, { subtree: true, childList: true, characterData: true });
  });
  await page.focus('.weights input[type=range]');
  // Steps far less than 120 ms apart: rows off screen wait.
  const t0 = await page.evaluate(() => performance.now());
  for (let i = 0; i < 6; i++) await page.keyboard.press('PageUp');
  const t1 = await page.evaluate(() => performance.now());
  const during = await order();
  // Then the pause: read until the table has not changed for 300 ms.
  let after = await order();
  for (let t = 0; t < 40; t++) {
    await page.waitForTimeout(300);
    const now = await order();
    if (JSON.stringify(now) === JSON.stringify(after)) break;
    after = now;
  }
  assert.notDeepEqual(after, before, 'the steps re-ranked the table');
  const stale = during.filter((row, i) => row !== after[i]).length;
  console.log(`measure: right after the last step, ${stale} of 63 rows were still waiting to be written`);
  assert.ok(stale > 0, 'rows off screen waited for the pause');
  // Screen readers hear one message, after the steps, not one per step (two at most: a stall
  // of 300 ms between two key presses would let one through between them).
  const said = await page.evaluate(() => window.__said);
  const heard = said.filter(([t]) => t >= t0).length;
  console.log(`measure: six quick steps gave ${heard} message(s) to screen readers`);
  assert.ok(heard >= 1 && heard <= 2, JSON.stringify(said));
  assert.ok(said[said.length - 1][0] > t1, 'announced after the last step');
  assert.match(said[said.length - 1][1], /xếp hạng lại: \d+ đơn vị đổi hạng/i);
  // A language switch builds every row anew: the table written after the pause must be the same.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('h2#ranking-h', { hasText: 'Ranking' }).waitFor();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.locator('h2#ranking-h', { hasText: 'Xếp hạng' }).waitFor();
  assert.deepEqual(await order(), after);
  assert.equal(new Set(after.map((r) => r.split(' ')[0])).size, 63, 'every unit once');

  // One step after a pause: its frame shows the rows on screen re-ranked, and the rows off
  // screen follow just after that frame is painted, not when a later step or timer comes.
  await page.waitForTimeout(300);
  const slider = page.locator('.weights input[type=range]').first();
  const valueBefore = await slider.inputValue();
  await page.evaluate(() => {
    const read = () => [...document.querySelectorAll('table.rank-table tbody tr[data-unit]')]
      .map((tr) => [tr.dataset.unit, tr.querySelector('td.rank')?.textContent, tr.querySelector('td.score')?.textContent].join(' '));
    window.__single = { reads: [], done: false };
    document.querySelector('.weights input[type=range]').addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => { window.__single.frame = read(); });
      const poll = setInterval(() => {
        const t = performance.now() - t0;
        try { window.__single.reads.push([t, read()]); } catch (err) { window.__single.error = String(err); }
        if (t > 1000) { clearInterval(poll); window.__single.done = true; }
      }, 5);
    }, { once: true });
  });
  await slider.press('PageDown');
  try {
    await page.waitForFunction(() => window.__single.done, null, { timeout: 10000 });
  } catch (err) {
    const state = await page.evaluate(() => ({ reads: window.__single.reads.length, error: window.__single.error,
      value: document.querySelector('.weights input[type=range]').value, focus: document.activeElement?.outerHTML.slice(0, 120) }));
    throw new Error(`no re-ranking seen after one step (slider was ${valueBefore}): ${JSON.stringify(state)}`);
  }
  const single = await page.evaluate(() => window.__single);
  const whole = single.reads.at(-1)[1];
  const late = single.frame.filter((row, i) => row !== whole[i]).length;
  const at = single.reads.find(([, rows]) => JSON.stringify(rows) === JSON.stringify(whole))[0];
  console.log(`measure: one step after a pause: ${late} of 63 rows written after its frame; the table was whole ${at.toFixed(0)} ms after the key press`);
  assert.ok(late > 0, 'rows off screen waited for the frame to be painted');
  // ... and the step's own frame already showed re-ranked rows (those on screen).
  assert.ok(single.frame.some((row, i) => row === whole[i] && row !== after[i]), 'rows on screen were written in the frame');
  assert.notDeepEqual(whole, after, 'the step re-ranked the table');
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('h2#ranking-h', { hasText: 'Ranking' }).waitFor();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.locator('h2#ranking-h', { hasText: 'Xếp hạng' }).waitFor();
  assert.deepEqual(await order(), whole);
  assert.deepEqual(page.errors, []);
});

test('a row left waiting during quick steps is written as soon as it is scrolled on screen, not when the steps pause', async () => {
  // rows.rs writes during quick steps only the rows on or near the screen (NEAR_SCREEN); a row
  // scrolled into view before the steps pause is written in the frames after it appears.
  const page = await newPage(browser);
  await page.goto(srv.url + '/?data=/s63.json&view=weights');
  await ready(page);
  let proved = false;
  for (let attempt = 0; attempt < 3 && !proved; attempt++) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    const r = await page.evaluate(async () => {
      const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
      const rows = () => [...document.querySelectorAll('table.rank-table tbody tr[data-unit]')];
      const read = () => rows().map((tr) => [tr.dataset.unit, tr.querySelector('td.rank').textContent, tr.querySelector('td.score').textContent].join(' '));
      const onScreen = () => rows().map((tr, i) => [i, tr.getBoundingClientRect()]).filter(([, b]) => b.bottom > 0 && b.top < innerHeight).map(([i]) => i);
      const slider = document.querySelector('.weights input[type=range]');
      const base = +slider.value;
      // Seven steps a frame apart (quick succession: well under ranking.rs's LATER_MS), each
      // to another weight, the last to one that differs from the start.
      for (let i = 0; i < 7; i++) {
        slider.value = String(base + (i % 2 ? 1 : 3));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
      }
      const afterSteps = read();
      const t0 = performance.now();
      rows().at(-1).scrollIntoView({ block: 'end' });
      for (let i = 0; i < 4; i++) await frame();
      const seen = onScreen();
      const atRead = read();
      const waited = performance.now() - t0;
      // Then the pause: the table once it has not changed for 300 ms.
      let whole = read();
      for (let t = 0; t < 40; t++) {
        await new Promise((res) => setTimeout(res, 300));
        const now = read();
        if (JSON.stringify(now) === JSON.stringify(whole)) break;
        whole = now;
      }
      return { seen, afterSteps, atRead, whole, waited };
    });
    const { seen, afterSteps, atRead, whole } = r;
    assert.ok(seen.length > 0 && seen.every((i) => i > 40), `the table's last rows are on screen: ${seen}`);
    // Those rows had been left waiting by the steps...
    const heldBefore = seen.filter((i) => afterSteps[i] !== whole[i]).length;
    // ... and are written once on screen.
    const staleOnScreen = seen.filter((i) => atRead[i] !== whole[i]);
    assert.deepEqual(staleOnScreen, [], `rows on screen ${r.waited.toFixed(0)} ms after the scroll still showed the ranking before the steps`);
    // Rows neither on screen before nor after the scroll still wait (the pause has not come):
    // only then does this attempt show that the rows on screen were written by the scroll.
    const middle = atRead.map((row, i) => i).filter((i) => i > 20 && i < Math.min(...seen) - 4);
    const stillWaiting = middle.filter((i) => atRead[i] !== whole[i]).length;
    console.log(`measure: attempt ${attempt + 1}: ${heldBefore} of ${seen.length} rows scrolled on screen had waited, and showed the new ranking 4 frames (${r.waited.toFixed(0)} ms) after the scroll; ${stillWaiting} of ${middle.length} rows off screen still waiting then`);
    proved = heldBefore > 0 && stillWaiting > 0;
  }
  assert.ok(proved, 'in one attempt, rows scrolled on screen had waited and rows off screen were still waiting');
  assert.deepEqual(page.errors, []);
});

test('the virtualised table scrolls with the mouse wheel as far as it is turned, stops there, and shows the rows of that place', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?data=/s10k.json&view=weights');
  await page.locator('table.rank-table tbody tr[data-unit]').first().waitFor({ timeout: 30000 });
  const box = await page.locator('.table-wrap.virtual').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  // Past the 10th row, where the window of rows starts to move (ranking.rs).
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(40);
  }
  const at = () => page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap.virtual');
    const h = document.querySelector('table.rank-table tbody tr[data-unit]').getBoundingClientRect().height;
    const below = wrap.getBoundingClientRect().top + document.querySelector('table.rank-table thead').getBoundingClientRect().height + 2;
    const row = [...document.querySelectorAll('table.rank-table tbody tr[data-unit]')].find((r) => r.getBoundingClientRect().bottom > below);
    return { top: wrap.scrollTop, h, index: Number(row.getAttribute('aria-rowindex')) };
  });
  await page.waitForTimeout(600);
  const first = await at();
  await page.waitForTimeout(600);
  const later = await at();
  console.log(`measure: 12 wheel turns of 100 px scrolled the 10,000-row table to ${first.top} px, then ${later.top} px 600 ms later`);
  assert.equal(later.top, first.top, 'the table stopped scrolling when the wheel did');
  assert.ok(Math.abs(first.top - 1200) <= 100, `scrolled about as far as the wheel turned: ${first.top} px`);
  // The rows shown are the rows at that place.
  assert.ok(Math.abs(later.index - (2 + Math.floor(later.top / later.h))) <= 1, `row at the top: aria-rowindex ${later.index} at ${later.top} px`);
  // Back up a little: the slots of the rows that left the window at one end come back at the
  // other (rows.rs, follow_scroll). What the table shows must be what a table opened at that
  // place shows, in the same order.
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(40);
  }
  await page.waitForTimeout(600);
  const rowsOf = (p) => p.$$eval('table.rank-table tbody tr', (trs) => trs.map((tr) => tr.classList.contains('spacer')
    ? `spacer ${tr.firstElementChild.style.height}`
    : [tr.getAttribute('aria-rowindex'), tr.dataset.unit, tr.querySelector('td.rank').textContent, tr.querySelector('td.score').textContent,
      ...[...tr.querySelectorAll('td.cat')].map((c) => c.textContent + ' ' + c.style.backgroundSize)].join(' ')));
  const scrolled = await rowsOf(page);
  const top = await page.evaluate(() => document.querySelector('.table-wrap.virtual').scrollTop);
  assert.ok(Math.abs(top - 700) <= 100, `scrolled back up: ${top} px`);
  const fresh = await newPage(browser);
  await fresh.goto(srv.url + '/?data=/s10k.json&view=weights');
  await fresh.locator('table.rank-table tbody tr[data-unit]').first().waitFor({ timeout: 30000 });
  await fresh.evaluate((y) => { document.querySelector('.table-wrap.virtual').scrollTop = y; }, top);
  await fresh.waitForFunction((y) => document.querySelector('.table-wrap.virtual').scrollTop === y, top);
  await fresh.waitForTimeout(300);
  assert.deepEqual(scrolled, await rowsOf(fresh));
  const indices = scrolled.filter((r) => !r.startsWith('spacer')).map((r) => Number(r.split(' ')[0]));
  assert.deepEqual(indices, indices.map((_, i) => indices[0] + i), 'rows in order, none twice');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
});

test('Tab and Shift+Tab walk the virtualised table row by row, its window following the focus', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?data=/s10k.json&view=weights');
  await page.locator('table.rank-table tbody tr[data-unit]').first().waitFor({ timeout: 30000 });
  await page.locator('table.rank-table tbody tr[data-unit] button.link').first().focus();
  const where = () => page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e.tagName, row: Number(e.closest('tr[data-unit]')?.getAttribute('aria-rowindex') ?? 0),
      top: document.querySelector('.table-wrap.virtual').scrollTop };
  });
  // Two stops a row (the unit's name, its "compare" box): 60 presses cross 30 rows, well past
  // the window's first 34 rows, which then moves with the focus.
  const seen = [await where()];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    seen.push(await where());
  }
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Shift+Tab');
    seen.push(await where());
  }
  const rows = seen.map((w) => w.row);
  console.log(`measure: Tab × 60 then Shift+Tab × 30 from the first row: rows ${rows[0]} → ${rows[60]} → ${rows.at(-1)}, scrolled to ${Math.max(...seen.map((w) => w.top))} px at most`);
  assert.ok(seen.every((w) => w.row > 0), `the focus stayed in the table's rows: ${JSON.stringify(seen.find((w) => !w.row))}`);
  const expected = seen.map((_, i) => 2 + Math.floor((i <= 60 ? i : 120 - i) / 2));
  assert.deepEqual(rows, expected, 'one row every two presses, none skipped');
  assert.ok(seen[60].top > 0, 'the table scrolled to keep the focus in view');
  assert.deepEqual(page.errors, []);
});

test('sorting by a column and back', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  await page.locator('thead th.unit button').click();
  assert.equal(await page.locator('thead th.unit').getAttribute('aria-sort'), 'ascending');
  const names = await page.locator('tbody th.unit').allInnerTexts();
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'vi'));
  assert.deepEqual(names, sorted);
  await page.waitForURL(/sort=name/); // URL writes are debounced
  // Said through the live region: `aria-sort` changing on the header of the button in focus
  // went unread. Again, the other way.
  const said = () => page.evaluate(() => document.querySelector('[role=status][aria-live=polite]')?.textContent ?? '');
  const header = (await page.locator('thead th.unit button').innerText()).trim();
  await page.waitForFunction((h) => document.querySelector('[role=status][aria-live=polite]')?.textContent.startsWith(`Đã sắp xếp theo “${h}”, tăng dần.`), header);
  await page.locator('thead th.unit button').press('Enter');
  await page.waitForFunction((h) => document.querySelector('[role=status][aria-live=polite]')?.textContent.startsWith(`Đã sắp xếp theo “${h}”, giảm dần.`), header);
  assert.equal(await page.locator('thead th.unit').getAttribute('aria-sort'), 'descending');
  assert.ok((await said()).length > 0);
});

test('a sort by a column the next table does not show falls back to the rank, and says so', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  await page.locator('thead th.cat button').last().click();
  await page.waitForURL(/sort=c\./);
  // DTI 2024 for the 63 provinces publishes no pillar scores: none of its columns to sort by.
  await page.selectOption('#dataset-picker', 'dti-2024');
  await page.locator('h1.title', { hasText: '63' }).waitFor();
  await ready(page);
  await page.waitForURL((u) => !/sort=/.test(u.search));
  const ranks = (await page.locator('tbody tr td.rank').allInnerTexts()).slice(0, 3).map((t) => t.trim());
  assert.deepEqual(ranks.map((r) => parseInt(r, 10)), [1, 2, 3]);
  await page.locator('.link-note', { hasText: 'để sắp xếp, nên đang xếp theo hạng' }).waitFor();
  // A link's unknown column likewise.
  await page.goto(srv.url + DTI + '&sort=c.nope');
  await ready(page);
  assert.equal(parseInt(await page.locator('tbody tr td.rank').first().innerText(), 10), 1);
  assert.deepEqual(page.errors, []);
});

test('a sort by the change where the table has no "Change" column is by rank, in the headers and the address', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  await page.locator('thead th.change-col button').click();
  await page.waitForURL(/sort=change/);
  // DTI 2024 for the 63 provinces: the official table, no "Change" column. Sorted by a change no
  // row has, it came out in name order (An Giang first).
  await page.selectOption('#dataset-picker', 'dti-2024');
  await page.locator('h1.title', { hasText: '63' }).waitFor();
  await ready(page);
  await page.waitForURL((u) => !/sort=/.test(u.search));
  assert.equal(await page.locator('thead th.change-col').count(), 0);
  assert.equal(await page.locator('thead th.rank').getAttribute('aria-sort'), 'ascending');
  const ranks = (await page.locator('tbody tr td.rank').allInnerTexts()).slice(0, 3).map((t) => parseInt(t, 10));
  assert.deepEqual(ranks, [1, 2, 3]);
  // A link's likewise, descending or not.
  await page.goto(srv.url + '/?d=dti-2024&g=provinces&sort=change&desc=1');
  await ready(page);
  await page.waitForURL((u) => !/sort=|desc=/.test(u.search));
  assert.equal(parseInt(await page.locator('tbody tr td.rank').first().innerText(), 10), 1);
  assert.deepEqual(page.errors, []);
});

test('ties for first place are announced as ties; all weights at 0 survive a link', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&lang=en&view=weights');
  await ready(page);
  await page.getByRole('button', { name: 'Only: Digital awareness' }).click();
  await page.waitForFunction(() => /units share first place, .+ among them/.test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''));
  // Every weight at 0: the page says nothing can be ranked, and its link says the same.
  await page.goto(srv.url + DTI + '&lang=en&w=0,0,0,0,0,0,0,0&view=weights');
  await page.locator('.error-inline', { hasText: 'Every weight is 0' }).first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.link-note').isHidden(), true);
  // A weight above 0 again: the ranking that comes back is said (before, nothing was).
  await page.locator('.weights input[type=range]').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /Re-ranked: 34 units changed rank/.test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''));
  // A weight typed out of range is refused, and that is said.
  await page.locator('.weights input.num').first().fill('-5');
  await page.keyboard.press('Enter');
  // On screen, below the fields, as typed, and to a screen reader (an alert); before, only
  // the page's live region said it, and nothing on screen told why the field went back.
  const refusal = page.locator('.weights p.error-inline[role=alert]', { hasText: 'Digital awareness: refused “-5”: a weight is a number from 0 to 1,000,000.' });
  await refusal.waitFor();
  assert.notEqual(await page.locator('.weights input.num').first().inputValue(), '-5');
  // An emptied field is refused without an empty quote.
  await page.locator('.weights input.num').nth(2).fill('');
  await page.keyboard.press('Enter');
  await page.locator('.weights p.error-inline[role=alert]', { hasText: 'Digital infrastructure: refused: a weight is a number' }).waitFor();
  // Gone once a weight is taken.
  await page.locator('.weights input.num').first().fill('2');
  await page.keyboard.press('Enter');
  await page.locator('.weights p.error-inline[role=alert]', { hasText: 'refused' }).waitFor({ state: 'detached' });
  // A share above 0 that rounds to 0.0 % says "< 0.1%".
  await page.locator('.weights input.num').nth(1).fill('100000');
  await page.keyboard.press('Enter');
  await page.locator('.weights .share', { hasText: '<\u00a00.1%' }).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('language switch changes strings and number format', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const vi = await page.locator('tbody td.score').first().innerText();
  assert.match(vi, /^0,\d{4}$/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('h2#ranking-h', { hasText: 'Ranking' }).waitFor();
  assert.match(await page.locator('tbody td.score').first().innerText(), /^0\.\d{4}$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
});

test('a copied link reproduces the view in a fresh page; back and forward work', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&view=weights');
  await ready(page);
  await page.getByRole('button', { name: 'Bằng nhau' }).click();
  await page.locator('#filter-name').fill('ha');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  await page.waitForURL(/q=ha/);
  const url = page.url();
  const rowsBefore = await ranks(page);
  const fresh = await newPage(browser);
  await fresh.goto(url);
  await ready(fresh);
  assert.deepEqual(await ranks(fresh), rowsBefore);
  assert.equal(await fresh.locator('#filter-name').inputValue(), 'ha');
  assert.equal(await fresh.getByRole('button', { name: 'Equal' }).getAttribute('aria-pressed'), 'true');
  // Back returns to Vietnamese (a language change is a history entry).
  await page.goBack();
  await page.locator('h2#ranking-h', { hasText: 'Bảng xếp hạng' }).waitFor();
  await page.goForward();
  await page.locator('h2#ranking-h', { hasText: 'Ranking' }).waitFor();
});

test('CSV export names the weights and lists every unit', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(srv.url + DTI);
  await ready(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const raw = fs.readFileSync(await download.path(), 'utf8');
  // A byte-order mark first, so that Excel reads the Vietnamese names as UTF-8.
  assert.ok(raw.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark');
  const text = raw.slice(1);
  const lines = text.trim().split('\n');
  // Comment lines begin with "#" itself (pandas' comment='#' and R's comment.char skip only
  // those), in the page's language (Vietnamese here); every number has a point, theirs too.
  const isNote = (l) => /^# /.test(l);
  const notes = (ls) => ls.filter(isNote);
  assert.ok(isNote(lines[0]));
  assert.ok(lines.every((l) => !l.startsWith('"')));
  assert.ok(notes(lines).some((l) => /^# trọng số: [^,]*=\d+ \(\d+\.\d %\);/.test(l)), text.slice(0, 400));
  const header = lines.find((l) => !isNote(l));
  assert.ok(header.startsWith('rank,id,name,score'));
  assert.equal(lines.filter((l) => !isNote(l)).length, 35);
  // The score as shown, at the published precision (it was the float's 16 digits).
  assert.ok(lines.some((l) => l.startsWith('1,ha-noi,Hà Nội,0.8241,')), lines.slice(5, 7).join('\n'));
  assert.ok(!notes(lines).some((l) => l.startsWith('# đã lọc')), 'no filter, no filter line');
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const json = JSON.parse(fs.readFileSync(await dl2.path(), 'utf8'));
  assert.equal(json.ranked.length, 34);
  // Each row's category values are labelled by the list of ids beside them; "change_from" as
  // in the CSV.
  assert.equal(json.categories.length, json.ranked[0].categories.length);
  assert.equal(json.categories[0], 'digital-awareness');
  assert.ok('change_from' in json.ranked[0] && !('baseline' in json.ranked[0]));
  // Filtered, the files say so: their rows are not the whole group.
  await page.locator('#filter-name').fill('hà');
  await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr[data-unit]').length < 34);
  const rows = await page.locator('table.rank-table tbody tr[data-unit]').count();
  const [dl3] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const filtered = fs.readFileSync(await dl3.path(), 'utf8').slice(1).trim().split('\n');
  assert.ok(notes(filtered).includes(`# đã lọc: tên khớp 'hà'; ${rows} đơn vị trong bảng, 0 đơn vị không xếp hạng`), filtered.slice(0, 6).join('\n'));
  assert.equal(filtered.filter((l) => !isNote(l)).length, rows + 1);
  const [dl4] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const fjson = JSON.parse(fs.readFileSync(await dl4.path(), 'utf8'));
  assert.deepEqual(fjson.filter, { name: 'hà', region: null, complete_only: false });
  assert.equal(fjson.ranked.length, rows);
  // A region filter is named by the region's name, not its id.
  await page.locator('#filter-name').fill('');
  await page.locator('#filter-region').selectOption('dong-bang-song-hong');
  await page.waitForURL(/region=dong-bang-song-hong/);
  const [dl5] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const byRegion = fs.readFileSync(await dl5.path(), 'utf8');
  assert.match(byRegion, /^# đã lọc: vùng Đồng bằng sông Hồng;/m);
  // The units not ranked follow the name and region filters too, as in the list below the
  // table (DTI 2023 re-ranks 10 provinces; the other 53 are listed apart). Before, the file
  // listed all 53 whatever the filter.
  await page.goto(srv.url + '/?d=dti-2023&g=provinces&q=ha');
  await ready(page);
  // (The list comes from a chunk of its own, fetched the first time a group has one.)
  await page.locator('.not-ranked li').first().waitFor();
  const apart = await page.locator('.not-ranked li').count();
  assert.ok(apart > 0 && apart < 53, String(apart));
  const [dl6] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const ha = fs.readFileSync(await dl6.path(), 'utf8').slice(1).trim().split('\n').filter((l) => !isNote(l)).slice(1);
  const notRanked = ha.filter((l) => l.startsWith(','));
  assert.equal(notRanked.length, apart, notRanked.join('\n'));
  const listed = await page.locator('.not-ranked li').evaluateAll((ls) => ls.map((l) => l.dataset.unit));
  assert.deepEqual(notRanked.map((l) => l.split(',')[1]), listed);
});

test('no axe violations on the ranking and weights views', async () => {
  for (const q of ['/', DTI, DTI + '&view=weights', DTI + '&lang=en']) {
    // axe is injected as a script, which the page's CSP would block: bypass it for this scan.
    const page = await newPage(browser, { bypassCSP: true });
    await page.goto(srv.url + q);
    await ready(page);
    const v = await axe(page);
    assert.deepEqual(v, [], `${q}: ${v.join('\n')}`);
  }
});

test('usable at 320 px wide: no page scrolls sideways, the category bars stay, chart text stays readable', async () => {
  const views = [
    ['', 'table.rank-table tbody tr[data-unit]'],
    ['&view=weights', '.weights input[type=range]'],
    ['&view=unit&u=ha-noi', 'figure.profile-chart svg'],
    // English labels are longer: its table of ranks across editions pushed the page sideways.
    ['&view=unit&u=hue&lang=en', 'figure.profile-chart svg'],
    ['&view=compare&sel=ha-noi,hue', 'figure.cmp-chart svg'],
    ['&view=robustness', 'section.robustness[data-state=done] figure.robust-chart svg'],
    ['&view=method', '.method'],
    ['&view=import', '.import'],
  ];
  for (const [q, sel] of views) {
    const page = await newPage(browser, { viewport: { width: 320, height: 640 }, bypassCSP: true });
    await page.goto(srv.url + DTI + q);
    await page.locator(sel).first().waitFor({ timeout: 60000 });
    const r = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      // The smallest chart text as drawn, in CSS pixels (12 units of the chart's own scale).
      text: Math.min(...[...document.querySelectorAll('figure svg text')].map((t) => t.getBoundingClientRect().height).filter((h) => h > 0)),
      cats: [...document.querySelectorAll('table.rank-table thead th.cat')].filter((th) => getComputedStyle(th).display !== 'none').length,
    }));
    assert.ok(r.overflow <= 0, `${q}: page scrolls sideways by ${r.overflow}px`);
    if (sel.includes('svg')) assert.ok(r.text >= 9, `${q}: chart text ${r.text.toFixed(1)} px high`);
    // The robustness chart fits the screen: every rank's mark in view, beside the names (it
    // scrolled sideways, away from them, and ranks past about 13 were off screen).
    if (q === '&view=robustness') {
      const fit = await page.evaluate(() => {
        const svg = document.querySelector('.robust-chart svg').getBoundingClientRect();
        const names = document.querySelector('.robust-chart .mc-names').getBoundingClientRect();
        const marks = [...document.querySelectorAll('.robust-chart g.mc-row circle.dot, .robust-chart text.tick')].map((e) => e.getBoundingClientRect());
        return { right: Math.max(...marks.map((b) => b.right)), left: Math.min(...marks.map((b) => b.left)), svgLeft: svg.left, namesRight: names.right, width: innerWidth };
      });
      assert.ok(fit.right <= fit.width && fit.left >= fit.namesRight, JSON.stringify(fit));
      assert.equal(await page.locator('figure.robust-chart[data-scroll-hint]').count(), 0);
    } else if (sel.includes('svg')) {
      // The profile's and the comparison's charts are laid out for the phone, each label above
      // its bars, and fit the screen: drawn for a desktop and scrolled sideways, every bar past
      // 0.4 reached the frame's edge and looked full.
      const fit = await page.evaluate(() => {
        const bars = [...document.querySelectorAll('figure svg rect.p-track, figure svg rect.cmp-bar, figure svg text')].map((e) => e.getBoundingClientRect());
        return { right: Math.max(...bars.map((b) => b.right)), width: innerWidth };
      });
      assert.ok(fit.right <= fit.width, `${q}: ${JSON.stringify(fit)}`);
      assert.equal(await page.locator('figure[data-scroll-hint]').count(), 0, q);
    }
    if (q === '') assert.equal(r.cats, 8, 'every pillar column is there, in the table\'s own sideways scroll');
    const v = await axe(page);
    assert.deepEqual(v, [], `${q} at 320 px: ${v.join('\n')}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('units ticked for comparison are named under the table, a fifth is refused there, and the bar opens the comparison', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const boxes = page.locator('table.rank-table tbody input[data-compare]');
  for (let i = 0; i < 4; i++) await boxes.nth(i).check();
  const bar = page.locator('.compare-bar');
  await bar.locator('.compare-chosen', { hasText: '(4/4)' }).waitFor();
  await boxes.nth(4).click();
  assert.equal(await boxes.nth(4).isChecked(), false);
  await bar.locator('.compare-full', { hasText: 'tối đa 4 đơn vị' }).waitFor();
  assert.ok(await bar.locator('.compare-full').isVisible());
  await bar.getByRole('button', { name: 'So sánh →' }).click();
  await page.locator('.cmp-table').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.cmp-table td.cmp-rank').count(), 4);
  // Back, and untick all from the bar.
  await page.goBack();
  await ready(page);
  await page.locator('.compare-bar').getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
  await page.locator('.compare-bar').waitFor({ state: 'detached' });
  // The bar went with the focus on it: the focus goes back to the table, and it is said.
  await page.waitForFunction(() => document.activeElement?.matches('.table-wrap'));
  await page.waitForFunction(() => /Đã bỏ chọn tất cả/.test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''));
  assert.equal(await page.locator('table.rank-table tbody input[data-compare]:checked').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('back from a unit profile puts the focus on the unit that opened it', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const button = page.locator('tr[data-unit="cao-bang"] th.unit button');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator('.profile h3.unit-name', { hasText: 'Cao Bằng' }).waitFor({ timeout: 20000 });
  await page.waitForURL(/u=cao-bang/);
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.closest('tr')?.dataset.unit === 'cao-bang', null, { timeout: 10000 });
  assert.deepEqual(page.errors, []);
});

test('units ticked just before "Compare →" are still ticked after Back (the address written before the new entry)', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const boxes = page.locator('table.rank-table tbody input[data-compare]');
  // Within the address's debounce: the ticks have not been written when the view changes.
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.locator('.compare-bar').getByRole('button', { name: 'So sánh →' }).click();
  await page.locator('.cmp-table').waitFor({ timeout: 30000 });
  await page.goBack();
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody input[data-compare]:checked').length === 2);
  assert.match(await page.evaluate(() => location.search), /sel=/);
  assert.deepEqual(page.errors, []);
});

test('the coverage line counts units with some category scores apart, and says when the number evaluated is unknown', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?d=mic-ict-2016&g=provinces&lang=en');
  await ready(page);
  assert.match(await page.locator('[data-testid=coverage]').innerText(), /Every category score published for 0 of 63 .*; some category scores for 1;/);
  await page.goto(srv.url + '/?d=mic-ict-2017&g=agencies');
  await ready(page);
  // The group's name in the sentence keeps its capitals after the first ("Chính phủ"; it
  // was lower-cased whole).
  assert.match(await page.locator('[data-testid=coverage]').innerText(), /cho 0 trên 3 cơ quan thuộc Chính phủ có trong tệp \(không rõ số đơn vị được đánh giá\)/);
  assert.deepEqual(page.errors, []);
});

test('another edition picked keeps the group shown, though the address names none', async () => {
  const page = await newPage(browser);
  // The landing's "open DTI 2024" leads here: no g= in the address, the provinces shown.
  await page.goto(srv.url + '/?d=dti-2024-34&view=weights');
  await ready(page);
  await page.selectOption('#dataset-picker', 'dti-2023');
  await page.locator('h1.title', { hasText: '2023' }).waitFor();
  await ready(page);
  // It fell back to DTI 2023's first group, the ministries providing public services.
  assert.equal(await page.locator('.pickers select:not(#dataset-picker)').first().inputValue(), 'provinces');
  await page.waitForURL((u) => u.searchParams.get('g') === 'provinces');
  assert.equal(await page.locator('.link-note').isHidden(), true);
  // Within the series, the units chosen, the unit profiled and the region stay: a reader
  // follows Hà Nội from year to year (they were dropped).
  await page.goto(srv.url + '/?d=dti-2023&g=provinces&view=compare&sel=ha-noi,hue&region=dong-bang-song-hong');
  await page.locator('.cmp-table').waitFor({ timeout: 30000 });
  await page.selectOption('#dataset-picker', 'dti-2022');
  await page.locator('h1.title', { hasText: '2022' }).waitFor();
  await page.waitForURL((u) => u.searchParams.get('d') === 'dti-2022' && u.searchParams.get('sel') === 'ha-noi,hue' && u.searchParams.get('region') === 'dong-bang-song-hong');
  await page.waitForFunction(() => document.querySelectorAll('.cmp-list input:checked').length === 2);
  // Across the 2025 merger, a province is followed under the other edition's id: Quảng Ngãi of
  // 2023 is Quảng Ngãi of 2025 (it was dropped, "not in this group"), Bình Định part of Gia Lai.
  await page.goto(srv.url + '/?d=dti-2023&g=provinces&view=compare&sel=quang-ngai,binh-dinh&u=quang-ngai');
  await page.locator('.cmp-table').waitFor({ timeout: 30000 });
  await page.selectOption('#dataset-picker', 'dti-2024-34');
  await page.locator('h1.title', { hasText: '2024' }).waitFor();
  await page.waitForURL((u) => u.searchParams.get('sel') === 'quang-ngai-2025,gia-lai-2025' && u.searchParams.get('u') === 'quang-ngai-2025');
  await page.waitForFunction(() => document.querySelectorAll('.cmp-list input:checked').length === 2);
  // Under another name, said (Quảng Ngãi keeps its own).
  await page.locator('.link-note', { hasText: 'Bình Định thuộc Gia Lai từ năm 2025, nên đang hiện Gia Lai.' }).waitFor();
  assert.doesNotMatch(await page.locator('.link-note').innerText(), /Quảng Ngãi/);
  await page.getByRole('tab', { name: /Hồ sơ/ }).click();
  await page.locator('.profile h3.unit-name', { hasText: 'Quảng Ngãi' }).waitFor();
  // And back: the 2025 province is the Quảng Ngãi before.
  await page.selectOption('#dataset-picker', 'dti-2022');
  await page.waitForURL((u) => u.searchParams.get('u') === 'quang-ngai' && u.searchParams.get('d') === 'dti-2022');
  await page.locator('.profile h3.unit-name', { hasText: 'Quảng Ngãi' }).waitFor();
  // From the landing's MIC 2019 (the ministries shown) into DTI 2024, another series: its own
  // first group, with no note of a group dropped.
  await page.goto(srv.url + '/?d=mic-ict-2019');
  await ready(page);
  await page.selectOption('#dataset-picker', 'dti-2024-34');
  await page.locator('h1.title', { hasText: '2024' }).waitFor();
  await ready(page);
  assert.equal(await page.locator('.link-note').isHidden(), true);
  assert.equal(new URL(page.url()).searchParams.get('g'), null);
  assert.deepEqual(page.errors, []);
});

test('the official table puts a unit without a rank where its index falls; the units not re-ranked show their official result', async () => {
  const page = await newPage(browser);
  // DTI 2024 for the 63 provinces: every index, few ranks. Quảng Nam, 57th at 0,5803, came
  // sixth, above 57 provinces with higher indices.
  await page.goto(srv.url + '/?d=dti-2024&g=provinces');
  await ready(page);
  const order = await page.$$eval('table.rank-table tbody tr[data-unit]', (trs) => trs.map((tr) => tr.dataset.unit));
  assert.ok(order.indexOf('quang-nam') > 50, `Quảng Nam at ${order.indexOf('quang-nam') + 1}`);
  assert.ok(order.indexOf('thai-nguyen') < order.indexOf('quang-nam'));
  // DTI 2023: 10 provinces re-ranked, 53 listed apart, each now with its official rank and
  // index (they were on no screen).
  await page.goto(srv.url + '/?d=dti-2023&g=provinces');
  await ready(page);
  const hanoi = page.locator('section.not-ranked li[data-unit="ha-noi"]');
  assert.match(await hanoi.innerText(), /chính thức: hạng \d+, chỉ số 0,\d{4}/);
  assert.deepEqual(page.errors, []);
});
