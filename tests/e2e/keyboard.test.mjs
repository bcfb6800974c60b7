// Keyboard and screen-reader use of the explorer: where the focus goes after an action that
// changes the view, what the page's live region says, and controls kept in sight as Tab reaches
// them. (From a keyboard-only walkthrough of the app in both languages at 1280 and 320 px.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, synthetic } from './harness.mjs';

let browser;
let srv;
before(async () => {
  browser = await launch();
  srv = await serve({ overrides: { '/s2k.json': JSON.stringify(synthetic(2000, 8)) } });
});
after(async () => { await browser?.close(); await srv?.close(); });

const DTI = '/?d=dti-2024-34&g=provinces';
const live = (page) => page.evaluate(() => document.querySelector('[role=status][aria-live=polite]')?.textContent ?? '');
const waitSaid = (page, re) => page.waitForFunction(
  (src) => new RegExp(src).test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''),
  re.source, { timeout: 15000 });
/** Keeps every message the live region shows, in order, in `window.__said` (from the page's start). */
const recordSaid = (page) => page.addInitScript(() => {
  window.__said = [];
  new MutationObserver(() => {
    const t = document.querySelector('[role=status][aria-live=polite]')?.textContent ?? '';
    if (t && t !== window.__said.at(-1)) window.__said.push(t);
  }).observe(document, { subtree: true, childList: true, characterData: true });
});
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a?.tagName.toLowerCase(), id: a?.id ?? '', role: a?.getAttribute('role') ?? '', text: a?.textContent.trim().slice(0, 60) ?? '' };
});

test('ticking units is said; "Compare →" puts the focus on the comparison\'s heading; Back puts it on the selected tab', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const box = page.locator('tr[data-unit="ha-noi"] input[data-compare]');
  await box.focus();
  await page.keyboard.press('Space');
  await waitSaid(page, /Đã chọn Hà Nội để so sánh \(1\/4\)/);
  await page.locator('tr[data-unit="hue"] input[data-compare]').focus();
  await page.keyboard.press('Space');
  await waitSaid(page, /Đã chọn Huế để so sánh \(2\/4\)/);
  await page.keyboard.press('Space');
  await waitSaid(page, /Đã bỏ chọn Huế \(1\/4\)/);
  await page.keyboard.press('Space');
  await page.locator('.compare-bar').getByRole('button', { name: 'So sánh →' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.cmp-table').waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.activeElement?.id === 'compare-h', null, { timeout: 10000 });
  // In view, not left at the foot of the page where the button was.
  const top = await page.evaluate(() => document.activeElement.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < (await page.evaluate(() => innerHeight)), `heading at y = ${top}`);
  await page.goBack();
  await ready(page);
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'tab', null, { timeout: 10000 });
  const f = await focused(page);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-selected')), 'true', JSON.stringify(f));
  assert.deepEqual(page.errors, []);
});

test('what a filter leaves is said once the typing pauses, in the page\'s language', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&lang=en');
  await ready(page);
  const find = page.locator('input[type=search]').first();
  await find.focus();
  await page.keyboard.type('da nang');
  await waitSaid(page, /^1 ranked unit matches the filters\./);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('zzz');
  await waitSaid(page, /^No ranked unit matches the filters\./);
  assert.deepEqual(page.errors, []);
});

test('a weight change that moves no unit says so, and the same words again are said again', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&view=weights');
  await ready(page);
  // One category alone: any weight of it gives the same ranking, so a change moves no unit.
  await page.getByRole('button', { name: 'Chỉ dùng: Nhận thức số' }).click();
  await waitSaid(page, /Đã xếp hạng lại/);
  const number = page.locator('.weights input.num').first();
  await number.fill('70');
  await number.press('Tab');
  await waitSaid(page, /^Đã xếp hạng lại: không đơn vị nào đổi hạng\.$/);
  const once = await live(page);
  await number.fill('90');
  await number.press('Tab');
  await page.waitForFunction((once) => {
    const t = document.querySelector('[role=status][aria-live=polite]')?.textContent ?? '';
    return t !== once && t.trim() === once.trim();
  }, once, { timeout: 10000 });
  assert.deepEqual(page.errors, []);
});

test('the Robustness run\'s end is said, and its start only for a run that lasts (2,000 units, the most it takes)', async () => {
  const page = await newPage(browser);
  await recordSaid(page);
  await page.goto(srv.url + DTI + '&view=robustness&lang=en');
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await waitSaid(page, /^Done: 10,000 samples; the rank intervals are in the table below\./);
  let said = await page.evaluate(() => window.__said);
  assert.ok(!said.some((t) => t.startsWith('Simulating')), `a half-second run is told by its end alone: ${JSON.stringify(said)}`);
  await page.goto(srv.url + '/?data=/s2k.json&view=robustness&lang=en');
  await page.waitForFunction(() => window.__said.some((t) => t.startsWith('Simulating 10,000 samples')), null, { timeout: 30000 });
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 120000 });
  await waitSaid(page, /^Done: 10,000 samples/);
  said = await page.evaluate(() => window.__said);
  assert.ok(said.findIndex((t) => t.startsWith('Simulating')) < said.findIndex((t) => t.startsWith('Done')), JSON.stringify(said));
  assert.deepEqual(page.errors, []);
});

test('Tab to a control at the table frame\'s edge scrolls the frame to show it whole (320 and 1280 px)', async () => {
  for (const width of [320, 1280]) {
    const page = await newPage(browser);
    await page.setViewportSize({ width, height: 700 });
    await page.goto(srv.url + DTI);
    await ready(page);
    const buttons = page.locator('table.rank-table thead th.cat button');
    const n = await buttons.count();
    assert.ok(n >= 8, `${n} category headers`);
    for (let i = 0; i < n; i++) {
      // Tab from the header before it, as a reader would.
      await (i === 0 ? page.locator('table.rank-table thead th.num button') : buttons.nth(i - 1)).focus();
      await page.keyboard.press('Tab');
      const r = await page.evaluate(() => {
        const a = document.activeElement.getBoundingClientRect();
        const f = document.querySelector('.table-wrap').getBoundingClientRect();
        return { left: a.left, right: a.right, fl: f.left, fr: f.right, text: document.activeElement.textContent };
      });
      assert.ok(r.left >= r.fl - 0.5 && r.right <= r.fr + 0.5, `${width} px, header ${i} "${r.text}": ${r.left}–${r.right} in a frame of ${r.fl}–${r.fr}`);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('the skip link puts the focus on the main content; another dataset is said', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Bỏ qua đến nội dung');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main');
  await page.locator('#group-picker, select').first().waitFor();
  const picker = page.locator('#dataset-picker');
  await picker.selectOption({ index: 1 });
  await waitSaid(page, /^Đang xem: /);
  assert.deepEqual(page.errors, []);
});

test('English pages mark the Vietnamese brand name and the units\' names as Vietnamese', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&lang=en');
  await ready(page);
  assert.equal(await page.locator('.name', { hasText: 'Xếp Hạng' }).first().getAttribute('lang'), 'vi');
  assert.equal(await page.locator('table.rank-table tbody th.unit button').first().getAttribute('lang'), 'vi');
  assert.deepEqual(page.errors, []);
});

test('with units ticked, what Tab focuses in the table is not hidden under the compare bar, at its tallest (320, 601 and 1280 px)', async () => {
  for (const [width, height] of [[320, 640], [601, 700], [1280, 900]]) {
    const page = await newPage(browser);
    await page.setViewportSize({ width, height });
    await page.goto(srv.url + DTI);
    await ready(page);
    const boxes = page.locator('table.rank-table tbody input[data-compare]');
    // Four ticked and a fifth refused: the bar at its tallest (names and the note).
    for (let i = 0; i < 5; i++) await boxes.nth(i).click();
    await page.locator('.compare-bar .compare-full').waitFor();
    await page.locator('tr[data-unit] th.unit button').first().focus();
    const hidden = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      // As the reader sees it: after the frames that scroll the control into view.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const r = await page.evaluate(() => {
        const a = document.activeElement;
        const bar = document.querySelector('.compare-bar');
        if (!a.closest('table.rank-table') || !bar) return null;
        return { bottom: a.getBoundingClientRect().bottom, barTop: bar.getBoundingClientRect().top, text: a.textContent || a.getAttribute('aria-label') };
      });
      if (r && r.bottom > r.barTop + 0.5) hidden.push(`${r.text} (${Math.round(r.bottom)} > ${Math.round(r.barTop)})`);
    }
    assert.deepEqual(hidden, [], `${width} px`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('arrow keys through the tabs make one history entry: Back returns to the view they started from', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI);
  await ready(page);
  const before = await page.evaluate(() => history.length);
  await page.locator('[role=tab][aria-selected=true]').focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  await page.waitForURL(/view=/);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => history.length), before + 1);
  const passed = await page.evaluate(() => document.activeElement.id);
  assert.notEqual(passed, 'tab-ranking');
  await page.goBack();
  await ready(page);
  await page.waitForFunction(() => document.activeElement?.id === 'tab-ranking', null, { timeout: 10000 });
  assert.doesNotMatch(await page.evaluate(() => location.search), /view=/);
  assert.deepEqual(page.errors, []);
});

test('tab keys that change nothing, and Back then an arrow, keep the history the reader made', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?d=dti-2023&g=provinces');
  await ready(page);
  await page.goto(srv.url + DTI);
  await ready(page);
  const start = await page.evaluate(() => history.length);
  const tab = (id) => page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 10000 });
  // Home on the first tab changes nothing; the next arrow still makes an entry of its own.
  await page.locator('#tab-ranking').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/view=weights/);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => history.length), start + 1);
  // Back, then an arrow: a new entry, not a replacement of the one Back returned to.
  await page.goBack();
  await ready(page);
  await tab('tab-ranking');
  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/view=weights/);
  await page.waitForTimeout(400);
  await page.goBack();
  await ready(page);
  assert.match(await page.evaluate(() => location.search), /d=dti-2024-34/);
  assert.doesNotMatch(await page.evaluate(() => location.search), /view=/);
  // End on the last tab changes nothing either, and a later dataset change still pushes.
  await page.locator('#tab-ranking').focus();
  await page.keyboard.press('End');
  await tab('tab-import');
  await page.waitForTimeout(400);
  await page.keyboard.press('End');
  await page.waitForTimeout(400);
  const before = await page.evaluate(() => history.length);
  const search = await page.evaluate(() => location.search);
  await page.locator('#dataset-picker').selectOption({ index: 1 });
  await page.waitForFunction((s) => location.search !== s, search, { timeout: 10000 });
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => history.length), before + 1, 'another dataset is a new entry');
  assert.deepEqual(page.errors, []);
});

test('another group resets the region filter without a filter message; typing a table says its summary once', async () => {
  const page = await newPage(browser);
  await recordSaid(page);
  await page.goto(srv.url + '/?d=mic-ict-2019&g=provinces&lang=en');
  await ready(page);
  const region = page.locator('#filter-region');
  await region.selectOption({ index: 1 });
  await waitSaid(page, /match the filters/);
  await page.locator('.pickers select').nth(1).selectOption({ index: 0 });
  await waitSaid(page, /^Showing: /);
  await page.waitForTimeout(1200);
  assert.match(await live(page), /^Showing: /, JSON.stringify(await page.evaluate(() => window.__said)));
  // The import: a table typed key by key is read at each key; its summary is said once.
  await page.goto(srv.url + '/?view=import&lang=en');
  await page.locator('#import-paste').waitFor();
  await page.evaluate(() => { window.__said = []; });
  await page.locator('#import-paste').focus();
  await page.keyboard.type('name,a,b\nHà Nội,0.8,0.7\nHuế,0.6,0.9', { delay: 20 });
  await waitSaid(page, /^2 data rows/);
  await page.waitForTimeout(1200);
  const said = await page.evaluate(() => window.__said.filter((t) => /data row/.test(t)));
  assert.ok(said.length <= 2, JSON.stringify(said));
  assert.deepEqual(page.errors, []);
});
