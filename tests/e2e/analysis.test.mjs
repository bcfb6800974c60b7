// The analysis views: unit profile, compare, robustness (Monte Carlo and reach analysis in the
// analysis worker) and the methodology page, each also scanned with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, newPage, root, dist } from './harness.mjs';

const AXE = path.join(root, 'node_modules/axe-core/axe.min.js');
const D34 = '?d=dti-2024-34&g=provinces';

let browser;
let srv;
before(async () => { browser = await launch(); srv = await serve(); });
after(async () => { await browser?.close(); await srv?.close(); });

/** Runs axe-core on the page (the page's CSP forbids injected scripts, so the context bypasses it). */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => axe.run());
  return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('unit profile: scores against median and best, region, 2025 province, editions, sources', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}&view=unit&u=ha-noi`);
  await page.locator('.profile h3.unit-name', { hasText: 'Hà Nội' }).waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#profile-unit').inputValue(), 'ha-noi');
  // Scores: eight categories, digital awareness 1,0000 (Vietnamese number format).
  const rows = page.locator('table.profile-table tbody tr');
  assert.equal(await rows.count(), 8);
  const first = await rows.first().locator('td').allInnerTexts();
  assert.equal(first[0], '1,0000');
  // No category rank is published for DTI 2024: no column of dashes for it (DTI 2020 has one).
  assert.deepEqual(await page.locator('table.profile-table thead th').allInnerTexts(),
    ['Chỉ số thành phần', 'Đơn vị', 'Trung vị nhóm', 'Cao nhất nhóm', 'Số đơn vị có số liệu']);
  assert.match(await page.locator('.profile .official').innerText(), /0,8241.*1\/34/);
  // The chart has a text alternative.
  const svg = page.locator('.profile-chart svg[role=img]');
  assert.ok((await svg.getAttribute('aria-label')).includes('Hà Nội'));
  assert.equal(await svg.locator('rect.p-bar').count(), 8);
  // Registry facts.
  assert.equal((await page.locator('.facts dd.region').innerText()).trim(), 'Đồng bằng sông Hồng');
  assert.match(await page.locator('.facts dd.successor').innerText(), /Giữ nguyên/);
  // Sources: three links to the pages the numbers were read from.
  const links = page.locator('.profile ul.sources a');
  assert.equal(await links.count(), 3);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^https:\/\//);
  }
  // Ranks across the DTI editions, loaded from the other files of the series.
  await page.waitForFunction(() => ![...document.querySelectorAll('table.editions tbody td')]
    .some((td) => td.textContent.includes('đang tải')), null, { timeout: 20000 });
  const ed = async (id) => (await page.locator(`table.editions tr[data-edition="${id}"] td.rank`).innerText()).trim();
  assert.equal(await ed('dti-2024-34'), '1/34');
  assert.equal(await ed('dti-2023'), '6/63');
  assert.equal(await ed('dti-2022'), '24/63');
  // The current edition also shows the rank under the current (default) weights.
  const cur = await page.locator('table.editions tr.current td').allInnerTexts();
  assert.equal(cur[cur.length - 1].trim(), '1/34');
  // A 2025 province lists the provinces it was formed from.
  await page.selectOption('#profile-unit', 'hai-phong-2025');
  await page.locator('.profile h3.unit-name', { hasText: 'Hải Phòng' }).waitFor();
  assert.match(await page.locator('.facts dd.successor').innerText(), /Hải Dương/);
  await page.waitForURL(/u=hai-phong-2025/); // URL writes are debounced
  // Its earlier editions give the ranks of the provinces it was formed from, in the rank column,
  // and the index where only the index was published (DTI 2023).
  await page.waitForFunction(() => ![...document.querySelectorAll('table.editions tbody td')]
    .some((td) => td.textContent.includes('đang tải')), null, { timeout: 20000 });
  const y2023 = await ed('dti-2023');
  assert.match(y2023, /^trước 2025: /);
  assert.match(y2023, /Hải Dương — \(chỉ số 0,6929\)/);
  assert.match(y2023, /Hải Phòng — \(chỉ số 0,7367\)/);
  assert.doesNotMatch(await page.locator('table.editions tr[data-edition="dti-2023"] td').first().innerText(), /không có|trước/);
  assert.deepEqual(page.errors, []);
});

test('a rank among fewer units than the group, and one out of a count the file does not give, say so', async () => {
  // DTI 2023 re-ranks the 10 provinces of 63 with every pillar: Bạc Liêu, 63rd of 63 officially,
  // was "10" under the current weights, read as a climb of 53 places.
  const page = await newPage(browser);
  await page.goto(`${srv.url}/?d=dti-2023&g=provinces&view=unit&u=bac-lieu`);
  await page.locator('.profile h3.unit-name', { hasText: 'Bạc Liêu' }).waitFor({ timeout: 20000 });
  const cur = page.locator('table.editions tr.current td').last();
  await cur.filter({ hasText: /^\d+\/10 \(trong 10 đơn vị tính được điểm\)$/ }).waitFor();
  await page.goto(`${srv.url}/?d=dti-2023&g=provinces&view=compare&sel=bac-lieu,cao-bang`);
  await page.locator('.cmp-table').waitFor({ timeout: 20000 });
  await page.locator('p.fewer-ranked', { hasText: 'chỉ tính trong 10 đơn vị tính được điểm, trên 63 đơn vị của nhóm' }).waitFor();
  // DTI 2021 lists 10 ministries and does not say how many were evaluated: "1/10" read as a
  // count the coverage line denies.
  await page.goto(`${srv.url}/?d=dti-2021&g=ministries-public-services&view=unit&u=bo-tai-chinh`);
  await page.locator('.profile .official').waitFor({ timeout: 20000 });
  assert.match(await page.locator('.profile .official').innerText(), /hạng 1 \(trong ít nhất 10\)$/);
  // Over DTI 2024's 34, every unit is ranked: no note.
  await page.goto(`${srv.url}/${D34}&view=compare&sel=ha-noi,hue`);
  await page.locator('.cmp-table').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('p.fewer-ranked').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('unit profile with few published scores: no group median or best; the 2025 province it merged into', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/?d=dti-2020&g=provinces&view=unit&u=bac-ninh&lang=en`);
  await page.locator('.profile h3.unit-name', { hasText: 'Bắc Ninh' }).waitFor({ timeout: 20000 });
  // One province of 63 has pillar scores: its own figure is neither the median nor the best.
  const rows = await page.locator('table.profile-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.ok(rows.length > 0);
  for (const r of rows) {
    assert.equal(r[2], '—', r.join('|'));
    assert.equal(r[3], '—', r.join('|'));
    assert.match(r[5], /^1\/63$/);
  }
  await page.locator('.partial-note', { hasText: 'only where every unit of the group has a value' }).waitFor();
  assert.equal(await page.locator('.profile-chart .p-median, .profile-chart .p-best').count(), 0);
  // Place names keep their diacritics in English; later editions give the merged province's rank.
  assert.match(await page.locator('.facts dd.successor').innerText(), /Merged into Bắc Ninh/);
  await page.waitForFunction(() => ![...document.querySelectorAll('table.editions tbody td')]
    .some((td) => td.textContent.includes('loading')), null, { timeout: 20000 });
  const r34 = (await page.locator('table.editions tr[data-edition="dti-2024-34"] td.rank').innerText()).trim();
  assert.match(r34, /^after 2025, within Bắc Ninh: 11\/34$/);
  assert.deepEqual(page.errors, []);
});

test('compare: pick two units with an accent-free filter, see ranks, chart and intervals', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}&view=compare`);
  const filter = page.getByLabel('Lọc theo tên (không cần dấu)');
  await filter.waitFor({ timeout: 20000 });
  await filter.fill('da nang');
  assert.equal(await page.locator('.cmp-list li').count(), 1);
  // What the filter leaves is said once the typing pauses (the list changed in silence).
  await page.waitForFunction(() => document.querySelector('[role=status][aria-live=polite]')
    ?.textContent === '1 đơn vị khớp bộ lọc.', null, { timeout: 5000 });
  // The registry's other names find units, as in the ranking's filter: a 2025 province by a
  // province it was formed from, Hồ Chí Minh City by "TP HCM".
  await filter.fill('quang nam');
  await page.locator('.cmp-list li label', { hasText: 'Đà Nẵng' }).waitFor();
  await filter.fill('tp hcm');
  await page.locator('.cmp-list li label', { hasText: 'Hồ Chí Minh' }).waitFor();
  await filter.fill('atlantis');
  await page.locator('.cmp-picker p.muted', { hasText: 'Không có đơn vị nào khớp bộ lọc.' }).waitFor();
  await page.waitForFunction(() => document.querySelector('[role=status][aria-live=polite]')
    ?.textContent === 'Không có đơn vị nào khớp bộ lọc.', null, { timeout: 5000 });
  await filter.fill('da nang');
  await page.getByLabel('Đà Nẵng', { exact: true }).check();
  await filter.fill('ha noi');
  await page.getByLabel('Hà Nội', { exact: true }).check();
  await page.locator('.cmp-table').waitFor();
  await page.waitForURL(/sel=da-nang-2025%2Cha-noi|sel=da-nang-2025,ha-noi/); // URL writes are debounced
  const ranks = await page.locator('.cmp-table td.cmp-rank').allInnerTexts();
  assert.deepEqual(ranks.map((r) => r.trim()), ['17/34', '1/34']);
  const svg = page.locator('.cmp-chart svg[role=img]');
  const label = await svg.getAttribute('aria-label');
  assert.ok(label.includes('Đà Nẵng') && label.includes('Hà Nội'), label);
  assert.equal(await svg.locator('rect.cmp-bar').count(), 16);
  await page.waitForFunction(() => [...document.querySelectorAll('.cmp-table td.cmp-interval')]
    .every((td) => /\d+–\d+/.test(td.textContent)), null, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
});

test('compare: ids of a link that are not in the group take no place among the four', async () => {
  const page = await newPage(browser);
  // Ids this edition does not have, under any name. Before, they counted: "3/4" and "4/4"
  // over one or two units shown, and no other unit could be picked. (The provinces before
  // 2025, da-nang and hai-phong, are now taken as da-nang-2025 and hai-phong-2025.)
  await page.goto(`${srv.url}/${D34}&view=compare&sel=ha-noi,atlantis,lemuria,hue`);
  const count = page.locator('.cmp-picker p.muted');
  await count.filter({ hasText: 'Đã chọn 2/4' }).waitFor({ timeout: 20000 });
  const filter = page.getByLabel('Lọc theo tên (không cần dấu)');
  await filter.fill('da nang');
  await page.getByLabel('Đà Nẵng', { exact: true }).check();
  await filter.fill('can tho');
  await page.getByLabel('Cần Thơ', { exact: true }).check();
  await count.filter({ hasText: 'Đã chọn 4/4' }).waitFor();
  await page.waitForURL((u) => u.searchParams.get('sel') === 'ha-noi,hue,da-nang-2025,can-tho-2025');
  assert.equal(await page.locator('.cmp-table td.cmp-rank').count(), 4);
  assert.deepEqual(page.errors, []);
});

test('compare: with four chosen, a fifth box is reached by Tab and says why it is refused; the four stay', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}&view=compare&sel=ha-noi,hue,da-nang-2025,can-tho-2025&lang=en`);
  const count = page.locator('.cmp-picker p.muted');
  await count.filter({ hasText: 'Selected 4/4' }).waitFor({ timeout: 20000 });
  const filter = page.getByLabel('Filter by name (accents optional)');
  await filter.fill('lang son');
  // A disabled box was skipped by Tab, whose next stop, "Clear selection", Space pressed for
  // the box then emptied the selection.
  await filter.focus();
  await page.keyboard.press('Tab');
  const box = page.getByLabel('Lạng Sơn', { exact: true });
  assert.equal(await box.evaluate((el) => el === document.activeElement), true);
  assert.equal(await box.getAttribute('aria-disabled'), 'true');
  await page.keyboard.press('Space');
  await count.filter({ hasText: 'four already chosen; unselect one first' }).waitFor();
  assert.equal(await box.isChecked(), false);
  assert.match(await count.innerText(), /Selected 4\/4/);
  assert.equal(new URL(page.url()).searchParams.get('sel'), 'ha-noi,hue,da-nang-2025,can-tho-2025');
  assert.deepEqual(page.errors, []);
});

test('robustness: the Monte Carlo finishes, one whisker per unit, progress at 100 %', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}&view=robustness`);
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  const prog = page.locator('progress#mc-progress');
  assert.equal(await prog.getAttribute('max'), '10000');
  assert.equal(await prog.getAttribute('value'), '10000');
  assert.equal(await page.getByLabel('Tiến độ mô phỏng').count(), 1);
  assert.equal(await page.locator('.robust-chart g.mc-row').count(), 34);
  assert.equal(await page.locator('.robust-chart g.mc-row line.whisker').count(), 34);
  assert.equal(await page.locator('.robust-chart g.mc-row circle.dot').count(), 34);
  // The marks are there from the start, hidden until their interval arrives: all shown now.
  assert.equal(await page.locator('.robust-chart g.mc-row line.whisker[visibility=visible]').count(), 34);
  assert.equal(await page.locator('.robust-chart g.mc-row circle.dot[visibility=visible]').count(), 34);
  assert.equal(await page.locator('table.robust-table tbody tr').count(), 34);
  // The axis title stands clear of the tick labels (it overlapped them).
  const overlaps = await page.$$eval('.robust-chart svg > text.tick, .robust-chart svg text.tick', (texts) => {
    const [title, ...ticks] = texts.map((t) => t.getBoundingClientRect());
    return ticks.filter((b) => b.top < title.bottom && title.top < b.bottom && b.left < title.right && title.left < b.right).length;
  });
  assert.equal(overlaps, 0);
  // The reach analysis: the official leader can rank first; its badges read apart.
  await page.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
  await page.locator('tr[data-unit="cao-bang"] .badge-dominated').waitFor({ timeout: 20000 });
  assert.doesNotMatch(await page.locator('tr[data-unit="cao-bang"] td.badges').textContent(), /trọng sốbị|[^ ]hạng tốt nhất/);
  // Cao Bằng, ranked last, can at best tie for first (all the weight on a pillar whose points
  // many provinces fill): not "can rank first".
  assert.equal(await page.locator('tr[data-unit="cao-bang"] .badge-first').count(), 0);
  assert.match(await page.locator('tr[data-unit="cao-bang"] .badge-tie').innerText(), /chỉ có thể đồng hạng nhất/);
  // Its best rank, 1, is a shared one, beside "dominated by" (read as a contradiction).
  assert.equal(await page.locator('tr[data-unit="cao-bang"] .best-rank').innerText(), 'hạng tốt nhất có thể: 1 (đồng hạng)');
  assert.equal(await page.locator('tr[data-unit="ha-noi"] .best-rank').innerText(), 'hạng tốt nhất có thể: 1');
  assert.match(await page.locator('.seed code').innerText(), /^\d+$/);
  // Changing the noise restarts the run and it finishes again.
  await page.getByLabel('Dirichlet quanh trọng số đang chọn').check();
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.robust-chart g.mc-row line.whisker').count(), 34);
  assert.equal(await page.locator('.robust-chart g.mc-row line.whisker[visibility=visible]').count(), 34);
  assert.equal(await page.locator('.robust-chart g.mc-row circle.dot[visibility=visible]').count(), 34);
  assert.deepEqual(page.errors, []);
});

test('robustness: opened by a click, the view is built a part a frame, top to bottom', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}`);
  await page.locator('table.rank-table tbody:not([data-pending])').waitFor({ timeout: 20000 });
  const tab = page.getByRole('tab', { name: 'Độ vững' });
  await tab.hover(); // fetches the view's chunk, as pointing at a tab does for a reader
  await page.waitForTimeout(500);
  // What each animation frame found: heading, controls, chart rows, table rows.
  await page.evaluate(() => {
    window.__frames = [];
    const count = (s) => document.querySelectorAll(s).length;
    const look = () => {
      window.__frames.push([count('section.robustness h2'), count('.mc-controls'), count('.robust-chart g.mc-row'), count('table.robust-table tbody tr'),
        document.querySelector('section.robustness')?.dataset.state ?? '-']);
      if (!document.querySelector('section.robustness[data-state=done]')) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await tab.click();
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  const frames = await page.evaluate(() => window.__frames.map((f) => f.join(' ')));
  // Built in order, each part in a later frame than the one above it; the chart and the table
  // whole once done (the chart's 34 rows are one turn, the table's two: ROWS_PER_TURN and
  // TABLE_ROWS_PER_TURN in robustness.rs). The Monte Carlo starts once the table is whole.
  const seen = (re) => frames.some((f) => re.test(f));
  assert.ok(seen(/^1 0 0 0 /), `no frame showed the heading alone: ${frames.join(', ')}`);
  assert.ok(seen(/^1 1 0 0 /), `no frame showed the controls before the chart: ${frames.join(', ')}`);
  assert.ok(seen(/^1 1 34 0 /), `no frame showed the chart before the table: ${frames.join(', ')}`);
  assert.ok(seen(/^1 1 34 20 /), `no frame showed the table's first 20 rows before the rest: ${frames.join(', ')}`);
  assert.ok(!seen(/^1 \d+ \d+ (\d|[0-2]\d|3[0-3]) (running|done)$/), `the Monte Carlo ran before the table was whole: ${frames.join(', ')}`);
  assert.ok(seen(/^1 1 34 34 running$/), `no frame showed the run in progress: ${frames.join(', ')}`);
  assert.equal(await page.locator('.robust-chart g.mc-row').count(), 34);
  assert.equal(await page.locator('table.robust-table tbody tr').count(), 34);
  assert.deepEqual(page.errors, []);
});

test('robustness on an official-only dataset says why and where to go', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/?d=mic-ict-2019&view=robustness`);
  const note = page.locator('.needs-categories');
  await note.waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: /Mở DTI 2024/ }).click();
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await page.waitForURL(/d=dti-2024-34/); // URL writes are debounced
});

test('methodology page in both languages, with coverage and sources', async () => {
  const page = await newPage(browser);
  await page.goto(`${srv.url}/${D34}&view=method`);
  await page.locator('.method h2', { hasText: 'Phương pháp' }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('.method').innerText(), /bình phương tối thiểu/);
  assert.equal(await page.locator('.coverage-table tbody tr').count(), 1);
  assert.equal(await page.locator('.method ul.sources a').count(), 3);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.method h2', { hasText: 'Methodology' }).waitFor();
  const text = await page.locator('.method').innerText();
  assert.match(text, /least squares/);
  assert.match(text, /not publish the weights/);
  assert.match(text, /Inferred from published figures/);
  assert.deepEqual(page.errors, []);
});

for (const [name, query, waitFor] of [
  ['unit profile', `${D34}&view=unit&u=ha-noi`, 'table.editions'],
  ['compare', `${D34}&view=compare&sel=ha-noi,hue`, '.cmp-chart svg'],
  ['robustness', `${D34}&view=robustness`, 'section.robustness[data-state=done]'],
  ['methodology', `${D34}&view=method`, '.coverage-table'],
  ['methodology (English)', `${D34}&view=method&lang=en`, '.coverage-table'],
]) {
  test(`axe-core finds no violations in the ${name} view`, async () => {
    const page = await newPage(browser, { bypassCSP: true });
    await page.goto(srv.url + '/' + query);
    await page.locator(waitFor).first().waitFor({ timeout: 60000 });
    const v = await axe(page);
    assert.deepEqual(v, []);
  });
}

// The analysis worker (src/worker.rs, started from worker-boot.js): what the reader sees when it
// cannot do its job, and that it is found where the app is served, not at the site's root.
const errorsBesides404 = (page) => page.errors.filter((e) => !/Failed to load resource|404/.test(e));

test('analysis worker: a run replaced mid-way leaves no trace (its late results are ignored)', async () => {
  const table = (page) => page.locator('table.robust-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText));
  // A: the 10,000-sample run is replaced by a 1,000-sample one as soon as it starts.
  // The switch is made in the page, the moment the run is seen running: a 10,000-sample run can
  // be over (0.1–0.4 s) before a poll from the test sees it running.
  const a = await newPage(browser);
  await a.addInitScript(() => {
    const replace = () => {
      const running = document.querySelector('section.robustness[data-state=running]');
      const samples = document.querySelector('#mc-samples');
      if (!running || !samples) return false;
      samples.value = '1000';
      samples.dispatchEvent(new Event('change', { bubbles: true }));
      window.__replaced = true;
      return true;
    };
    new MutationObserver((_, o) => { if (replace()) o.disconnect(); })
      .observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  await a.goto(`${srv.url}/${D34}&view=robustness`);
  await a.waitForFunction(() => window.__replaced === true, null, { timeout: 30000 });
  await a.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await a.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
  await a.waitForTimeout(300); // time for a stale message to arrive, were it not ignored
  // B: the same 1,000 samples, chosen after the first run has finished.
  const b = await newPage(browser);
  await b.goto(`${srv.url}/${D34}&view=robustness`);
  await b.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await b.getByLabel('Số mẫu').selectOption('1000');
  await b.locator('section.robustness[data-state=done] progress[max="1000"]').waitFor({ timeout: 60000 });
  await b.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
  for (const p of [a, b]) {
    assert.equal(await p.locator('progress#mc-progress').getAttribute('max'), '1000');
    assert.equal(await p.locator('progress#mc-progress').getAttribute('value'), '1000');
  }
  assert.deepEqual(await table(a), await table(b));
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('analysis worker: pointing at the Robustness tab starts the worker and the reach analysis; the view then builds its rows with their badges', async () => {
  const page = await newPage(browser);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${srv.url}/${D34}`);
  await page.locator('table.rank-table tbody:not([data-pending]) tr').first().waitFor({ timeout: 20000 });
  assert.deepEqual(workers, [], 'no worker before it is needed');
  await page.getByRole('tab', { name: 'Độ vững' }).hover();
  for (let i = 0; i < 100 && workers.length === 0; i++) await page.waitForTimeout(100);
  assert.deepEqual(workers, [`${srv.url}/worker-boot.js`], 'pointing at the tab starts the worker');
  // Time for the reach analysis (about 0.1 s here) to finish in the worker.
  await page.waitForTimeout(3000);
  // Records whether a badge cell ever says "analysing…" (the reach analysis not known yet).
  const watch = () => page.evaluate(() => {
    window.__pending = false;
    const look = () => {
      if ([...document.querySelectorAll('.robust-table td.badges')].some((td) => /đang phân tích/.test(td.textContent))) window.__pending = true;
    };
    window.__obs?.disconnect();
    window.__obs = new MutationObserver(look);
    window.__obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await watch();
  await page.getByRole('tab', { name: 'Độ vững' }).click();
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await page.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.robust-table tbody tr').count(), 34);
  assert.equal(await page.evaluate(() => window.__pending), false, 'the rows were built with their badges');
  // Opened again, the view reuses the analysis (it does not depend on the weights).
  await page.getByRole('tab', { name: 'Xếp hạng' }).click();
  await page.locator('table.rank-table').waitFor();
  await watch();
  await page.getByRole('tab', { name: 'Độ vững' }).click();
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await page.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => window.__pending), false, 'the second open built its rows with their badges');
  assert.equal(workers.length, 1, 'one worker for the page');
  assert.deepEqual(page.errors, []);
});

test('analysis worker: a worker that cannot start is a visible error in both languages, not a crash', async () => {
  const missing = (req, res, base) => { res.writeHead(404, { ...base, 'Content-Type': 'text/plain' }); res.end('not found'); };
  const s = await serve({ overrides: { '/xephang-worker_bg.wasm': missing } });
  try {
    const page = await newPage(browser);
    await page.goto(`${s.url}/${D34}&view=robustness`);
    const alert = page.locator('section.robustness p.error[role=alert]');
    await alert.first().waitFor({ timeout: 30000 });
    // One message for both analyses (they failed for the same reason).
    assert.equal(await alert.count(), 1);
    assert.match(await alert.innerText(), /Không khởi động được bộ tính toán phân tích/);
    assert.equal(await page.locator('section.robustness').getAttribute('data-state'), 'idle');
    assert.match(await page.locator('tr[data-unit="ha-noi"] td.badges').innerText(), /không phân tích được/);
    // The rest of the page still works: the chart keeps the current ranks (its rows are built a
    // frame or two after the view, src/app/robustness.rs), the language switches.
    await page.locator('.robust-chart g.mc-row').nth(33).waitFor();
    assert.equal(await page.locator('.robust-chart g.mc-row').count(), 34);
    // With no intervals, their marks stay hidden.
    assert.equal(await page.locator('.robust-chart line.whisker[visibility=visible], .robust-chart circle.dot[visibility=visible]').count(), 0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('section.robustness p.error[role=alert]', { hasText: 'The analysis worker (Web Worker) could not be started' }).waitFor();
    // The compare view says so too, instead of "computing…" for ever.
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByLabel('Hà Nội', { exact: true }).check();
    await page.getByLabel('Huế', { exact: true }).check();
    await page.locator('.compare p.error[role=alert]').waitFor({ timeout: 30000 });
    assert.deepEqual((await page.locator('.cmp-table td.cmp-interval').allInnerTexts()).map((t) => t.trim()), ['not computed', 'not computed']);
    assert.deepEqual(errorsBesides404(page), []);
  } finally { await s.close(); }
});

test('analysis worker: a message the page cannot read is a visible error', async () => {
  const s = await serve({ overrides: { '/worker-boot.js': "postMessage('{\"not\":\"the protocol\"}');" } });
  try {
    const page = await newPage(browser);
    await page.goto(`${s.url}/${D34}&view=robustness`);
    const alert = page.locator('section.robustness p.error[role=alert]');
    await alert.first().waitFor({ timeout: 30000 });
    assert.match(await alert.first().innerText(), /Không đọc được thông điệp giữa trang và bộ tính toán phân tích/);
    assert.deepEqual(page.errors, []);
  } finally { await s.close(); }
});

test('analysis worker: found next to the app when it is served under a sub-path', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xephang-sub-'));
  fs.symlinkSync(dist, path.join(dir, 'app'));
  const s = await serve({ dir });
  try {
    const page = await newPage(browser);
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`${s.url}/app/${D34}&view=robustness`);
    await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
    await page.locator('tr[data-unit="ha-noi"] .badge-first').waitFor({ timeout: 20000 });
    assert.deepEqual(workers, [`${s.url}/app/worker-boot.js`]);
    // The stylesheet is linked relatively (Trunk.toml public_url "./"), so it applies here too.
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.sr-only')).position);
    assert.equal(styled, 'absolute', 'main.css is loaded under the sub-path');
    assert.deepEqual(page.errors, []);
  } finally { await s.close(); fs.rmSync(dir, { recursive: true, force: true }); }
});
