// The walking skeleton: the release bundle loads the default dataset (2019 ministries) from
// public/data at run time, and a broken dataset gives a visible error, not a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, readJson, flakyFile } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the default view shows the 17 ministries of 2019 with Bộ Tài chính first at 0,9291', async () => {
  const srv = await serve();
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await ready(page);
    const rows = page.locator('table.rank-table tbody tr');
    assert.equal(await rows.count(), 17);
    const first = rows.first();
    assert.equal((await first.locator('td.rank').innerText()).trim(), '1');
    assert.equal((await first.locator('th.unit').innerText()).trim(), 'Bộ Tài chính');
    assert.equal((await first.locator('td.score').innerText()).trim(), '0,9291');
    assert.deepEqual(page.errors, []);
  } finally { await srv.close(); }
});

test('a malformed dataset shows its error and the page stays usable', async () => {
  const manifest = readJson('data/index.json');
  const file = manifest.datasets.find((d) => d.default).file;
  const srv = await serve({ overrides: { ['/data/' + file]: '{"format": "xephang-dataset/1", "units": [' } });
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await ready(page);
    const alert = page.locator('section.error [role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Không mở được dữ liệu/);
    // Where the syntax breaks, and what breaks it, in Vietnamese (serde_json's English reason,
    // "EOF while parsing a list", showed under the Vietnamese page).
    assert.match(text, /Tệp không phải JSON hợp lệ \(dòng 1, cột \d+: tệp dừng giữa chừng, thiếu phần cuối\)/);
    assert.ok(text.includes(file), 'the error names the file');
    // Not blank: the header and the language switch still work.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('section.error h1', { hasText: 'The data could not be opened' }).waitFor();
    assert.match(await alert.innerText(), /The file is not valid JSON \(line 1, column \d+: the text stops part-way: its end is missing/);
  } finally { await srv.close(); }
});

test('a dataset that is JSON but invalid lists each problem with its path, in the reader\'s language', async () => {
  const manifest = readJson('data/index.json');
  const file = manifest.datasets.find((d) => d.default).file;
  const ds = readJson('data/' + file);
  ds.units[0].scores = { portal: 1.5 };
  ds.units[1].group = 'nowhere';
  delete ds.coverage;
  const srv = await serve({ overrides: { ['/data/' + file]: JSON.stringify(ds) } });
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await ready(page);
    // Vietnamese first (the default), then English; the JSON paths stay as the file writes them.
    let items = await page.locator('section.error .problems li').allInnerTexts();
    assert.ok(items.includes('units[0].scores.portal: 1.5 nằm ngoài khoảng 0..1'), items.join('\n'));
    assert.ok(items.some((t) => t.startsWith('units[1].group: "nowhere" không phải là nhóm đã khai báo')), items.join('\n'));
    assert.equal(await page.locator('section.error .problems[lang]').count(), 0, 'the list is in the page\'s language');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('section.error h1', { hasText: 'The data could not be opened' }).waitFor();
    items = await page.locator('section.error .problems li').allInnerTexts();
    assert.ok(items.includes('units[0].scores.portal: 1.5 is outside 0..1'), items.join('\n'));
    assert.ok(items.some((t) => t.startsWith('units[1].group: "nowhere" is not a declared group')), items.join('\n'));
    assert.deepEqual(page.errors, []);
  } finally { await srv.close(); }
});

test('a missing dataset file says which file and what to do', async () => {
  const manifest = readJson('data/index.json');
  const file = manifest.datasets.find((d) => d.default).file;
  const srv = await serve({ overrides: { ['/data/' + file]: (req, res, h) => { res.writeHead(404, h); res.end(); } } });
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await ready(page);
    const text = await page.locator('section.error').innerText();
    assert.match(text, /404/);
    assert.ok(text.includes(file));
  } finally { await srv.close(); }
});

test('a view whose code cannot be fetched says so, and "try again" loads it', async () => {
  // The methodology is one of the views loaded on first use (src/app/lazy.rs): its chunk fails
  // (a dropped connection, say), then comes back.
  const chunk = flakyFile('split_method_view.wasm');
  const srv = await serve({ overrides: chunk.overrides });
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/?view=method');
    const alert = page.locator('[role=alert]', { hasText: 'Không tải được phần này của ứng dụng' });
    await alert.waitFor({ timeout: 20000 });
    assert.equal(await page.locator('#method-h').count(), 0);
    chunk.fail = false;
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await page.locator('#method-h').waitFor();
    assert.equal(await alert.count(), 0);
    // The only errors logged are the failed request's (by the browser, and by the chunk loader
    // __wasm_split.js): nothing panicked.
    const expected = /Failed to load resource.*503|WebAssembly.*HTTP status code is not ok/;
    assert.deepEqual(page.errors.filter((e) => !expected.test(e)), []);
  } finally { await srv.close(); }
});

test('pointing at a tab fetches its view before it is chosen', async () => {
  const srv = await serve();
  try {
    const page = await newPage(browser);
    await page.goto(srv.url + '/');
    await ready(page);
    const fetched = page.waitForRequest(/split_method_view\.wasm$/, { timeout: 10000 });
    await page.hover('#tab-method');
    await fetched;
    await page.click('#tab-method');
    await page.locator('#method-h').waitFor();
    // Compare, profile and robustness share one chunk (lazy.rs): pointing at one fetches it, and
    // the others then open with no fetch of their own.
    const shared = page.waitForRequest(/split_explore_views\.wasm$/, { timeout: 10000 });
    await page.hover('#tab-compare');
    await shared;
    await page.click('#tab-compare');
    await page.locator('section.compare').waitFor();
    const later = [];
    page.on('request', (r) => { if (/\/(split|chunk)_\w+\.wasm$/.test(r.url())) later.push(r.url()); });
    await page.click('#tab-robustness');
    await page.locator('section.robustness').waitFor();
    assert.deepEqual(later, [], 'the robustness view fetched code of its own');
    assert.deepEqual(page.errors, []);
  } finally { await srv.close(); }
});
