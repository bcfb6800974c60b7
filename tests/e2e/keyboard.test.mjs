// Keyboard and screen-reader use of the explorer: where the focus goes after an action that
// changes the view, what the page's live region says, and controls kept in sight as Tab reaches
// them. (From a keyboard-only walkthrough of the app in both languages at 1280 and 320 px.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready } from './harness.mjs';

let browser;
let srv;
before(async () => {
  browser = await launch();
  srv = await serve();
});
after(async () => { await browser?.close(); await srv?.close(); });

const DTI = '/?d=dti-2024-34&g=provinces';
const live = (page) => page.evaluate(() => document.querySelector('[role=status][aria-live=polite]')?.textContent ?? '');
const waitSaid = (page, re) => page.waitForFunction(
  (src) => new RegExp(src).test(document.querySelector('[role=status][aria-live=polite]')?.textContent ?? ''),
  re.source, { timeout: 15000 });
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
  const number = page.locator('.weights input[type=number]').first();
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

test('the Robustness run\'s start and end are said', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&view=robustness&lang=en');
  await page.locator('section.robustness[data-state=done]').waitFor({ timeout: 60000 });
  await waitSaid(page, /^Done: 10,000 samples; the rank intervals are in the table below\./);
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

test('English pages mark the Vietnamese brand name as Vietnamese', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + DTI + '&lang=en');
  await ready(page);
  assert.equal(await page.locator('.name', { hasText: 'Xếp Hạng' }).first().getAttribute('lang'), 'vi');
  assert.deepEqual(page.errors, []);
});

test('with units ticked, what Tab focuses in the table is not hidden under the compare bar (320 and 1280 px)', async () => {
  for (const [width, height] of [[320, 640], [1280, 900]]) {
    const page = await newPage(browser);
    await page.setViewportSize({ width, height });
    await page.goto(srv.url + DTI);
    await ready(page);
    const boxes = page.locator('table.rank-table tbody input[data-compare]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.locator('.compare-bar').waitFor();
    await page.locator('tr[data-unit] th.unit button').first().focus();
    const hidden = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
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
