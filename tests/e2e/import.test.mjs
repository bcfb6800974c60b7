// "Bring your own table" (issue 6): paste or upload a table, map its columns, re-rank, export,
// share it inside a link, and load a dataset named by ?data= from another origin. Each broken
// input gives its own message and the page stays usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, ready, readJson, root, STRICT_CSP, copiedLink } from './harness.mjs';

// Fictional: real province names, invented numbers (see fixtures/README.md).
const TABLE63 = fs.readFileSync(path.join(root, 'tests/e2e/fixtures/fictional-63-provinces.tsv'), 'utf8');

let browser;
let srv;
before(async () => { browser = await launch(); srv = await serve(); });
after(async () => { await srv?.close(); await browser?.close(); });

async function openImport(base = srv.url) {
  const page = await newPage(browser);
  await page.goto(base + '/?view=import');
  await page.locator('#import-paste').waitFor({ timeout: 20000 });
  return page;
}

/** Pastes text as a user would (an input event), quickly even for megabytes. */
async function paste(page, text) {
  await page.locator('#import-paste').evaluate((el, t) => {
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function stillUsable(page) {
  // The page still reacts: a good paste after a bad one is accepted.
  await paste(page, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n');
  await page.locator('#import-use:not([disabled])').waitFor();
  assert.deepEqual(page.errors, []);
}

test('a year the title line above the header names is the edition (a review saw 2024 taken for 2023)', async () => {
  const page = await openImport();
  await paste(page, TABLE63);
  await page.locator('.import-table').waitFor();
  // No year named: the latest edition of the series its categories are from.
  assert.equal(await page.locator('#import-edition').inputValue(), '2019');
  const p2 = await openImport();
  const title = 'Bảng 3. Kết quả xếp hạng ứng dụng CNTT cấp tỉnh năm 2017';
  await paste(p2, `${title}\n\n${TABLE63}`);
  await p2.locator('.import-table').waitFor();
  assert.equal(await p2.locator('#import-edition').inputValue(), '2017');
  assert.equal(await p2.locator('#import-title').inputValue(), title);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(p2.errors, []);
});

test('a pasted 63-province table is mapped, re-ranked, exported and kept on request', async () => {
  const page = await openImport();
  await paste(page, TABLE63);
  await page.locator('.import-table').waitFor();
  assert.equal(await page.locator('.import-table tbody tr:not(.row-problems)').count(), 63);
  // The guessed mapping, shown as one select per column.
  const roles = await page.locator('select.col-role').evaluateAll((s) => s.map((x) => x.value));
  assert.deepEqual(roles, ['ignore', 'name', 'c:infrastructure', 'c:internal-apps', 'c:portal',
    'c:online-services', 'c:policy', 'c:hr', 'rank']);
  // Registry matches, including spelling variants.
  const tp = page.locator('.import-table tbody tr', { hasText: 'TP. Hồ Chí Minh' });
  assert.equal((await tp.locator('td.match').innerText()).trim(), 'ho-chi-minh');
  // Change the mapping: ignore "Nhân lực"; then set it back.
  await page.locator('select.col-role').nth(7).selectOption('ignore');
  await page.locator('select.col-role').nth(7).selectOption('c:hr');
  await page.locator('#import-title').fill('Bảng thử hư cấu');
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  await page.locator('.unverified', { hasText: 'người dùng' }).waitFor();
  assert.match(await page.locator('h1.title').innerText(), /Bảng thử hư cấu/);
  const firstName = (await page.locator('table.rank-table tbody tr th.unit').first().innerText()).trim();
  assert.ok(firstName.length > 0);

  // Export: a dataset file of the 63.
  await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất tệp dữ liệu (.json)' }).click(),
  ]);
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(file.format, 'xephang-dataset/1');
  assert.equal(file.units.length, 63);
  assert.ok(file.units.some((u) => u.id === 'ha-giang'));

  // Keep in this browser, then remove: nothing is stored before the click.
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.getByRole('button', { name: 'Lưu trong trình duyệt này' }).click();
  assert.equal(await page.evaluate(() => localStorage.length), 1);
  await page.getByRole('button', { name: 'Xoá bảng đã lưu' }).click();
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(page.errors, []);
});

test('decimal commas and "rank (index)" cells are read', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh;Hạ tầng;Cổng thông tin;Xếp hạng\n"Hà Nội";"0,91";"0,8";01 (0,727)\nHuế;0,52;0,61;02 (0,6)\n');
  await page.locator('#import-use:not([disabled])').waitFor();
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  assert.equal((await page.locator('table.rank-table tbody tr th.unit').first().innerText()).trim(), 'Hà Nội');
  // The footer does not vouch for a reader's own figures as it does for the bundled files.
  const footer = await page.locator('footer.site').innerText();
  assert.match(footer, /không thuộc các bộ dữ liệu của ứng dụng/);
  assert.doesNotMatch(footer, /Không có số liệu nào được ước tính/);
  assert.deepEqual(page.errors, []);
});

const BAD = [
  ['a missing name column', 'Hạ tầng\tNhân lực\n0,5\t0,4\n0,6\t0,3\n', 'Không có cột tên đơn vị'],
  ['a text cell in a number column', 'Tỉnh\tHạ tầng\nHà Nội\t0,5\nHuế\tabc\n',
    'dòng 3, cột “Hạ tầng”: "abc" không phải là số'],
  ['duplicate names', 'Tỉnh\tHạ tầng\nHà Nội\t0,5\nTP. Hà Nội\t0,4\n', 'trùng với dòng 2'],
  ['an empty paste', '   \n\t\n', 'Chưa có dữ liệu'],
  ['a header row alone', 'Tỉnh\tHạ tầng\n', 'Bảng chỉ có dòng tiêu đề'],
  // The CSV reader took every row after an open quote into one name ("Hà Nội 0,5 0,6 Huế…").
  ['a quote left open', 'Tỉnh\tHạ tầng\tNhân lực\n"Hà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n', 'dòng 2: một dấu ngoặc kép (") mở ở dòng này không được đóng'],
  // A dataset's JSON pasted and cut short: read as JSON, not as a table of one odd column.
  ['a dataset\'s JSON cut short', '{"format": "xephang-dataset/1", "units": [', 'Tệp không phải JSON hợp lệ (dòng 1, cột'],
  ['a 5 MB paste', 'Hà Nội\t0,5\n'.repeat(400000), 'Bảng quá lớn'],
  // "Huế,0,8" is three cells: read on, 0 went in the column and 8 beyond it.
  ['decimal commas between comma-separated columns', 'Province,Infrastructure\nHà Nội,0,93\nHuế,0,8\n',
    'dòng 2: dòng này có 3 ô, nhiều hơn 2 cột của dòng tiêu đề: có lẽ dấu phẩy thập phân (0,93) bị đọc là dấu ngăn cột'],
  // Three numbers and a typo: the column stays, its bad cell is the problem (it was dropped).
  ['a typo among numbers', 'Name,A,B\nX,0.9,0.5\nY,0.4,0.6\nZ,0.5,0.3\nW,0.7x,0.2\n', 'dòng 5, cột “A”: "0.7x" không phải là số'],
  // The app's own ranking export: named as such, with what to bring instead.
  ['the app\'s JSON ranking export', '{"dataset": "dti-2024-34", "group": "provinces", "ranked": [], "not_ranked": []}', 'Đây là bảng xếp hạng xuất ra (JSON), không phải bộ dữ liệu'],
  // A list of records (pandas, an API): named as such, with the way in (it was "needs an
  // object but found an array", as of a dataset file).
  ['a pasted JSON array', '\ufeff[{"name": "Hà Nội", "infrastructure": 0.5}]', 'Đây là một danh sách JSON'],
  // A web page's code, and binary text: said so (both read as "a header row alone").
  ['a web page\'s HTML', '<table>\n<tr><td>Hà Nội</td><td>0,5</td></tr>\n</table>\n', 'Đây là mã của một trang web (HTML)'],
  ['binary text', '\u0000\u0001PK\u0003\u0004 abc\n', 'Đây không phải bảng dạng chữ'],
  // Numbers in the first row: read as data, so no header, and said so.
  ['a table without its header row', 'Hà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n', 'bảng có vẻ thiếu dòng tiêu đề'],
];

for (const [what, text, message] of BAD) {
  test(`${what} gives its specific message and the page stays usable`, async () => {
    const page = await openImport();
    await paste(page, text);
    // Timed from the end of the paste (typing 5 MB through the test driver is itself slow).
    const t0 = Date.now();
    await page.locator('.import', { hasText: message }).waitFor({ timeout: 10000 });
    // A paste over the size limit is emptied from the box at once: left there, Chromium took
    // 5–14 s to lay out its 400,000 lines, with the page frozen.
    assert.ok(Date.now() - t0 < 2000, `no freeze (${Date.now() - t0} ms)`);
    if (text.length > 2 * 1024 * 1024) assert.equal(await page.locator('#import-paste').inputValue(), '');
    assert.equal(await page.locator('#import-use').isDisabled(), true);
    await stillUsable(page);
  });
}

test('a problem cell can be fixed in place in the preview', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\t0,5\nHuế\tabc\n');
  const fix = page.getByLabel(/Sửa ô dòng 3, cột “Hạ tầng”/);
  await fix.waitFor();
  assert.equal(await page.locator('#import-use').isDisabled(), true);
  await fix.fill('0,8');
  await fix.press('Enter');
  await page.locator('#import-use:not([disabled])').waitFor();
  assert.equal(await page.locator('.row-problems').count(), 0);
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  const first = (await page.locator('table.rank-table tbody th.unit').first().innerText()).trim();
  assert.equal(first, 'Huế');
});

test('rows with problems can be left out, with their count', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\t0,5\nHuế\tabc\nĐà Nẵng\t0,7\n');
  await page.locator('.row-problems').waitFor();
  await page.locator('.leave-out', { hasText: '(1)' }).waitFor();
  await page.locator('#import-leave-out').check();
  await page.locator('#import-use:not([disabled])').waitFor();
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  assert.equal(await page.locator('table.rank-table tbody tr').count(), 2);
});

test('a total row is flagged, not ranked; it leaves the "divide by 100" box in place; a table without ranks has no "Change" column', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\t81,2\nĐà Nẵng\t90\nHuế\t60\nTổng cộng\t231,2\n');
  // The box is offered though one cell is over 100 (it was withdrawn, and every row refused).
  const box = page.locator('.import-table thead label.divide input[type=checkbox]');
  await box.check();
  const problems = page.locator('.row-problems');
  await problems.first().waitFor();
  assert.match(await problems.allInnerTexts().then((t) => t.join(' ')), /“?"?Tổng cộng"? có vẻ là dòng tổng hợp/);
  await page.locator('.leave-out', { hasText: '(1)' }).waitFor();
  await page.locator('#import-leave-out').check();
  await page.locator('#import-use:not([disabled])').click();
  await page.locator('table.rank-table').waitFor();
  const names = await page.$$eval('table.rank-table tbody tr[data-unit] th.unit', (th) => th.map((x) => x.textContent.trim()));
  assert.deepEqual(names, ['Đà Nẵng', 'Hà Nội', 'Huế']);
  assert.equal(await page.locator('table.rank-table tbody td.score').first().innerText(), '0,900');
  // No official rank in the table: no "Change" column, and the note above says why.
  assert.equal(await page.locator('table.rank-table th.change-col, table.rank-table td.change-col').count(), 0);
  assert.match(await page.locator('section.ranking p.basis').first().innerText(), /không có hạng chính thức để so sánh/);
  assert.deepEqual(page.errors, []);
});

test('a share link reproduces the table in a fresh page, marked not verified', async () => {
    const page = await openImport();
    await paste(page, TABLE63);
    await page.locator('#import-use:not([disabled])').waitFor();
    await page.getByRole('button', { name: 'Sao chép đường liên kết chia sẻ' }).click();
    const link = await page.locator('#import-share-link').inputValue();
    assert.match(link, /#ds=/);
    assert.ok(link.length < 6100, `link of ${link.length} characters`);
    const fresh = await newPage(browser);
    await fresh.goto(link);
    await ready(fresh);
    await fresh.locator('.unverified').waitFor({ timeout: 10000 });
    const names = await fresh.locator('table.rank-table tbody tr th.unit').allInnerTexts();
    assert.ok(names.length > 0 && names.every((n) => TABLE63.includes(n.trim())), names.join(','));
  });

test('a table too large for a link says to export the file instead', async () => {
  const page = await openImport();
  const rows = Array.from({ length: 3000 }, (_, i) => `Đơn vị ${i}\t0,${(i * 7919) % 10000}\t0,${(i * 104729) % 10000}`);
  await paste(page, 'Đơn vị\tHạ tầng\tNhân lực\n' + rows.join('\n'));
  await page.locator('#import-use:not([disabled])').waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'Sao chép đường liên kết chia sẻ' }).click();
  await page.locator('.import-actions', { hasText: 'quá lớn để đặt trong đường liên kết' }).waitFor();
  // Put to use, it is not in the address, so a reload would lose it: said above the table
  // (it went without a word).
  await page.locator('#import-use').click();
  await page.locator('table.rank-table tbody tr[data-unit]').first().waitFor();
  assert.equal(new URL(page.url()).hash, '');
  assert.match(await page.locator('.pickers .unverified').innerText(), /tải lại trang sẽ mất bảng/);
});

test('a table typed into the box by hand gets its number columns once its rows come', async () => {
  const page = await openImport();
  // Key by key: the first guess sees the header alone, and left every column out for good.
  await page.locator('#import-paste').focus();
  await page.keyboard.type('Tên\tA\tB\nX\t0,5\t0,7\nY\t0,4\t0,2', { delay: 5 });
  await page.locator('#import-use:not([disabled])').waitFor({ timeout: 10000 });
  const roles = await page.locator('select.col-role').evaluateAll((s) => s.map((x) => x.value));
  assert.equal(roles[0], 'name');
  assert.ok(roles.slice(1).every((r) => r.startsWith('c:')), roles.join(','));
  // A role the reader chose stays as it is while more rows are typed.
  await page.locator('select.col-role').nth(2).selectOption('ignore');
  await page.locator('#import-paste').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nZ\t0,3\t0,9', { delay: 5 });
  await page.locator('.import-table tbody tr', { hasText: 'Z' }).waitFor();
  assert.equal(await page.locator('select.col-role').nth(2).inputValue(), 'ignore');
  assert.deepEqual(page.errors, []);
});

// ?data= from another loopback origin. The app page must allow that origin in connect-src: the
// strict default policy ('self' only) rightly blocks any other origin.
test('a ?data= dataset from another origin loads with its mark; unreachable, too large and invalid ones say so', async () => {
  const manifest = readJson('data/index.json');
  const file = manifest.datasets.find((d) => d.default).file;
  const good = fs.readFileSync(path.join(root, 'dist/data', file));
  const invalid = JSON.parse(good.toString());
  invalid.units[0].scores = { portal: 1.5 };
  delete invalid.coverage;
  // Valid in form, but its rank column contradicts its index: an imported table with these
  // columns is refused, and a file a link fetched was taken as it was.
  const inconsistent = JSON.parse(good.toString());
  [inconsistent.units[0].official.rank, inconsistent.units[1].official.rank] = [2, 1];
  const other = await serve({
    csp: null,
    headers: { 'Access-Control-Allow-Origin': '*' },
    overrides: {
      '/good.json': good,
      '/invalid.json': JSON.stringify(invalid),
      '/inconsistent.json': JSON.stringify(inconsistent),
      '/large.json': (req, res, h) => {
        res.writeHead(200, { ...h, 'Content-Type': 'application/json' });
        res.end(Buffer.alloc(6 * 1024 * 1024, 32));
      },
    },
  });
  const app = await serve({ csp: `${STRICT_CSP}; connect-src 'self' ${other.url}` });
  try {
    const open = async (url) => {
      const page = await newPage(browser);
      await page.goto(`${app.url}/?data=${encodeURIComponent(url)}`);
      await ready(page);
      return page;
    };
    let page = await open(`${other.url}/good.json`);
    await page.locator('.unverified', { hasText: `127.0.0.1:${other.port}` }).waitFor();
    assert.match(await page.locator('.unverified').innerText(), /chưa được kiểm chứng/);
    assert.ok(await page.locator('table.rank-table tbody tr').count() > 0);
    // Wording about official publications is not applied to a file from elsewhere.
    assert.match(await page.locator('p.basis').innerText(), /^Xếp hạng theo đúng dữ liệu này/);
    assert.match(await page.locator('footer.site').innerText(), /không thuộc các bộ dữ liệu của ứng dụng/);

    page = await open('http://127.0.0.1:9/nothing.json');
    assert.match(await page.locator('section.error').innerText(), /Không tải được tệp/);

    page = await open(`${other.url}/large.json`);
    assert.match(await page.locator('section.error').innerText(), /Tệp quá lớn/);

    page = await open(`${other.url}/invalid.json`);
    const items = await page.locator('section.error .problems li').allInnerTexts();
    assert.ok(items.includes('units[0].scores.portal: 1.5 nằm ngoài khoảng 0..1'), items.join('\n'));

    page = await open(`${other.url}/inconsistent.json`);
    const said = await page.locator('section.error .problems li').allInnerTexts();
    assert.ok(said.some((t) => t.startsWith('units[0].official.rank: hạng 2 với chỉ số 0.9291, nhưng “')), said.join('\n'));
  } finally { await app.close(); await other.close(); }
});

test('a .tsv chosen with the file input fills the preview; a .json dataset file can be used as it is', async () => {
  const page = await openImport();
  // The app's own button and the file's name, in the page's language (the browser's control
  // says "Choose File" in the browser's); the control itself stays, for the keyboard.
  assert.equal((await page.locator('label[for=import-file]').innerText()).trim(), 'Chọn tệp…');
  assert.equal(await page.locator('.file-name').innerText(), 'Chưa chọn tệp');
  assert.equal(await page.getByLabel('Chọn tệp…').count(), 1);
  await page.locator('#import-file').setInputFiles(path.join(root, 'tests/e2e/fixtures/fictional-63-provinces.tsv'));
  await page.locator('.file-name', { hasText: 'fictional-63-provinces.tsv' }).waitFor();
  await page.locator('#import-use:not([disabled])').waitFor();
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  assert.equal(await page.locator('table.rank-table tbody tr[data-unit]').count(), 63);

  const p2 = await openImport();
  // Over a paste: the dataset file takes its place (there were two buttons, "use this table"
  // for the paste beside "use this dataset" for the file).
  await paste(p2, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n');
  await p2.locator('#import-use:not([disabled])').waitFor();
  await p2.locator('#import-file').setInputFiles(path.join(root, 'dist/data/dti-2024-34.json'));
  await p2.getByRole('button', { name: 'Dùng bộ dữ liệu này' }).waitFor();
  assert.equal(await p2.locator('#import-paste').inputValue(), '');
  assert.equal(await p2.locator('#import-use').isDisabled(), true);
  assert.equal(await p2.locator('.import-table').count(), 0);
  await p2.getByRole('button', { name: 'Dùng bộ dữ liệu này' }).click();
  await p2.locator('table.rank-table tbody tr[data-unit]').first().waitFor();
  assert.equal(await p2.locator('table.rank-table tbody tr[data-unit]').count(), 34);
  assert.match(await p2.locator('.unverified').innerText(), /người dùng/);

  // A dataset file with problems lists them in the reader's language, with their paths.
  const bad = JSON.parse(fs.readFileSync(path.join(root, 'dist/data/dti-2024-34.json'), 'utf8'));
  bad.units[0].name = ' ';
  bad.units[1].scores = { nowhere: 0.5 };
  delete bad.coverage;
  const p3 = await openImport();
  await p3.locator('#import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await p3.locator('.import-error li', { hasText: 'units[0].name: không được để trống' }).waitFor();
  assert.match(await p3.locator('.import-error').innerText(), /units\[1\]\.scores\.nowhere: "nowhere" không phải là chỉ số thành phần đã khai báo/);
  await p3.getByRole('button', { name: 'English' }).click();
  await p3.locator('.import-error li', { hasText: 'units[0].name: must not be empty' }).waitFor();
  // Not JSON at all: the place, and the reason in Vietnamese.
  const p4 = await openImport();
  await p4.locator('#import-file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "xephang-dataset/1", ') });
  await p4.locator('.import-error', { hasText: 'Tệp không phải JSON hợp lệ (dòng 1, cột' }).waitFor();
  assert.match(await p4.locator('.import-error').innerText(), /tệp dừng giữa chừng, thiếu phần cuối/);
});

test('a file dropped on the paste area is read like a chosen one', async () => {
  const page = await openImport();
  const text = fs.readFileSync(path.join(root, 'tests/e2e/fixtures/fictional-63-provinces.tsv'), 'utf8');
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], 'table.tsv', { type: 'text/tab-separated-values' }));
    return d;
  }, text);
  const target = page.locator('.import-source');
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
  await page.locator('#import-use:not([disabled])').waitFor();
});

test('a table put to use is in the page\'s address: a reload, copy link and the embed code keep it, and nothing of the view before', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // A filter, weights and a selection on a bundled dataset first: none of them belong to the table.
  await page.goto(srv.url + '/?d=dti-2024-34&g=provinces&q=hu&sel=hue&view=import');
  await page.locator('#import-paste').waitFor({ timeout: 20000 });
  await paste(page, TABLE63);
  await page.locator('#import-title').fill('Bảng thử hư cấu');
  await page.locator('#import-use:not([disabled])').click();
  await page.locator('table.rank-table').waitFor();
  await page.waitForURL((u) => u.hash.startsWith('#ds=') && !/[?&](d|q|sel)=/.test(u.search));
  // The focus is on the table's title (the button is gone), and the dataset picker names the
  // table (it showed a blank).
  await page.waitForFunction(() => document.activeElement?.matches('h1.title'));
  assert.equal(await page.locator('#dataset-picker option:checked').innerText(), 'Bảng thử hư cấu');
  assert.equal(await page.locator('table.rank-table tbody tr[data-unit]').count(), 63, 'no name filter left over');
  // A reload shows the table, not a bundled dataset.
  await page.reload();
  await ready(page);
  assert.match(await page.locator('h1.title').innerText(), /Bảng thử hư cấu/);
  // The skip link moves the focus and nothing else: followed, its "#main" replaced the "#ds=…"
  // that holds the table, and the page went back to the default dataset.
  await page.locator('a.skip').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  await page.waitForTimeout(300);
  assert.ok(new URL(page.url()).hash.startsWith('#ds='));
  assert.match(await page.locator('h1.title').innerText(), /Bảng thử hư cấu/);
  await page.locator('.unverified', { hasText: 'người dùng' }).waitFor();
  // "Copy link" on the ranking copies the table with the view.
  await page.locator('#filter-name').fill('Hà');
  const link = await copiedLink(page, '.toolbar');
  assert.match(link, /q=H%C3%A0.*#ds=/);
  const fresh = await newPage(browser);
  await fresh.goto(link);
  await ready(fresh);
  assert.match(await fresh.locator('h1.title').innerText(), /Bảng thử hư cấu/);
  assert.equal(await fresh.locator('#filter-name').inputValue(), 'Hà');
  // The embed code carries it too.
  await page.locator('#embed-open').click();
  const area = page.locator('#embed-snippets textarea').first();
  await area.waitFor({ timeout: 20000 });
  assert.match(await area.inputValue(), /#ds=/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Back and Forward return to a table put to use and away from it; a table pasted into the address in place is shown', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?view=import&lang=en');
  await page.locator('#import-paste').waitFor({ timeout: 20000 });
  await paste(page, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t0,81\t0,7\nĐà Nẵng\t0,9\t0,75\nHuế\t0,6\t0,5\n');
  await page.locator('#import-title').fill('Back test table');
  await page.locator('#import-use:not([disabled])').click();
  await page.waitForURL((u) => u.hash.startsWith('#ds='));
  const title = page.locator('h1.title');
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent));
  const tableUrl = page.url();
  // Another dataset, then Back: the table again (the landing dataset showed, under its address).
  await page.selectOption('#dataset-picker', 'dti-2022');
  await page.waitForFunction(() => /2022/.test(document.querySelector('h1.title')?.textContent));
  await page.waitForURL(/d=dti-2022/);
  await page.goBack();
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent) && document.querySelectorAll('table.rank-table tbody tr[data-unit]').length === 3);
  assert.equal(page.url(), tableUrl);
  await page.goForward();
  await page.waitForFunction(() => /2022/.test(document.querySelector('h1.title')?.textContent));
  // Back to the import view before the table: the view and its paste, with the table's dataset
  // no longer shown (the entry names none: the default).
  await page.goBack();
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent));
  await page.goBack();
  await page.locator('#import-paste').waitFor();
  // The default dataset, once loaded (not merely the table gone while loading).
  await page.waitForFunction(() => /2019/.test(document.querySelector('h1.title')?.textContent ?? ''));
  // Forward, Back and Forward again at once, the default still loading from the Back: the
  // table, and it stays (the default's load, landing after, replaced it).
  await page.goForward();
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent ?? ''));
  await page.goBack();
  await page.goForward();
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent ?? '') && location.hash.startsWith('#ds='));
  await page.waitForTimeout(1500);
  assert.match(await title.innerText(), /Back test table/);
  // A link to the table pasted into the address bar of this tab (a fragment change in place).
  await page.goto(srv.url + '/?lang=en');
  await ready(page);
  await page.evaluate((h) => { location.hash = h; }, new URL(tableUrl).hash);
  await page.waitForFunction(() => /Back test table/.test(document.querySelector('h1.title')?.textContent));
  assert.match(await title.innerText(), /Back test table/);
  assert.deepEqual(page.errors, []);
});

test('from a table put to use, the default dataset picked by name is shown, and again after Back and Forward', async () => {
  const page = await openImport(srv.url + '/?view=import&lang=en');
  await paste(page, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t0,81\t0,7\nĐà Nẵng\t0,9\t0,75\nHuế\t0,6\t0,5\n');
  await page.locator('#import-title').fill('Default test table');
  await page.locator('#import-use:not([disabled])').click();
  await page.waitForFunction(() => /Default test table/.test(document.querySelector('h1.title')?.textContent));
  // The default dataset's file is the one the table's entry (no dataset named) wants: picking
  // it left the table on screen under the default's address.
  const def = readJson('data/index.json').datasets.find((d) => d.default).id;
  await page.selectOption('#dataset-picker', def);
  await page.waitForURL(new RegExp(`d=${def}`));
  await page.waitForFunction(() => /2019/.test(document.querySelector('h1.title')?.textContent ?? ''));
  assert.equal(new URL(page.url()).hash, '');
  await page.goBack();
  await page.waitForFunction(() => /Default test table/.test(document.querySelector('h1.title')?.textContent ?? ''));
  await page.goForward();
  await page.waitForFunction(() => /2019/.test(document.querySelector('h1.title')?.textContent ?? '')
    && document.querySelectorAll('table.rank-table tbody tr[data-unit]').length > 3);
  await page.waitForTimeout(1000);
  assert.match(await page.locator('h1.title').innerText(), /2019/);
  assert.deepEqual(page.errors, []);
});

test('a spreadsheet file or a table not in UTF-8 is refused with the way out, and the paste stays', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n');
  await page.locator('#import-use:not([disabled])').waitFor();
  // An .xlsx is a zip archive; Excel's plain "CSV" is in Windows-1258 (here: "Hà Nội" with Latin-1 bytes).
  const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]);
  await page.locator('#import-file').setInputFiles({ name: 'bang.xlsx', mimeType: 'application/octet-stream', buffer: xlsx });
  await page.locator('.import-error', { hasText: 'tệp bảng tính' }).waitFor();
  assert.match(await page.locator('.import-error').innerText(), /CSV UTF-8/);
  // The table still below is said not to be the file's (it was taken for it).
  assert.match(await page.locator('.import-error').innerText(), /Bảng bên dưới vẫn là bảng đã có từ trước, không phải của tệp này/);
  const latin1 = Buffer.from('Tỉnh,Hạ tầng\nH\xe0 N\xf4i,0.5\n', 'latin1');
  await page.locator('#import-file').setInputFiles({ name: 'bang.csv', mimeType: 'text/csv', buffer: latin1 });
  await page.locator('.import-error', { hasText: 'không ở mã UTF-8' }).waitFor();
  // An image (it was "not in UTF-8"), and an empty file (it said nothing).
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR')]);
  await page.locator('#import-file').setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: png });
  await page.locator('.import-error', { hasText: 'không phải bảng dạng chữ' }).waitFor();
  await page.locator('#import-file').setInputFiles({ name: 'trong.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await page.locator('.import-error', { hasText: 'tệp trống' }).waitFor();
  // UTF-16 without its byte-order mark (NUL bytes between the letters): the encoding's advice,
  // not "a binary file". (With the mark, the browser reads it as the table it is.)
  const utf16 = Buffer.from('Tỉnh\tHạ tầng\r\nHà Nội\t0,5\r\n', 'utf16le');
  await page.locator('#import-file').setInputFiles({ name: 'bang.txt', mimeType: 'text/plain', buffer: utf16 });
  await page.locator('.import-error', { hasText: 'UTF-16' }).waitFor();
  // The paste before is still there, and still usable.
  assert.match(await page.locator('#import-paste').inputValue(), /Hà Nội/);
  await page.locator('#import-use:not([disabled])').waitFor();
  assert.deepEqual(page.errors, []);
});

test('a shared link cut short says so in the reader\'s language, with what to do', async () => {
  const page = await newPage(browser);
  await page.goto(srv.url + '/?lang=en#ds=1.AbCdEf');
  await ready(page);
  const error = page.locator('section.error');
  const text = await error.innerText();
  assert.match(text, /damaged, perhaps cut short/);
  assert.match(text, /Ask the sender for the whole link/);
  assert.doesNotMatch(text, /not valid JSON|Fix the syntax/);
  const vi = await newPage(browser);
  await vi.goto(srv.url + '/#ds=1.AbCdEf');
  await ready(vi);
  assert.match(await vi.locator('section.error').innerText(), /bị hỏng/);
});

test('fixes typed in the preview keep the keyboard\'s place and survive a look at another tab', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\tabc\nHuế\txyz\nĐà Nẵng\t0,7\n');
  const first = page.getByLabel(/Sửa ô dòng 2, cột “Hạ tầng”/);
  await first.waitFor();
  // Marked wrong, and described by its row's problems.
  assert.equal(await first.getAttribute('aria-invalid'), 'true');
  const described = await first.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent ?? '');
  assert.match(described, /abc/);
  await first.fill('0,8');
  await first.press('Tab');
  // The focus goes on to the next cell still to fix (it fell back to the top of the page).
  await page.waitForFunction(() => document.activeElement?.matches('input.fix[data-line="3"]'));
  await page.keyboard.type('0,6');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'import-use');
  await page.locator('#import-use:not([disabled])').waitFor();
  // To the methodology and back: the fixes are still there, the table still usable.
  await page.getByRole('tab', { name: 'Phương pháp' }).click();
  await page.locator('.method').waitFor({ timeout: 20000 });
  await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
  await page.locator('#import-use:not([disabled])').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.import-table td.edited').count(), 2);
  assert.deepEqual(page.errors, []);
});

test('values divided by 100 keep their digits: 85,37 and 84,62 do not tie', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\tNhân lực\nHà Nội\t85,37\t50\nHuế\t84,62\t50\n');
  await page.locator('.import-table').waitFor();
  for (const box of await page.locator('.import-table thead input[type=checkbox]').all()) await box.check();
  await page.locator('#import-use:not([disabled])').click();
  await page.locator('table.rank-table').waitFor();
  const ranks = await page.$$eval('table.rank-table tbody tr[data-unit] td.rank', (tds) => tds.map((td) => td.textContent.trim()));
  assert.deepEqual(ranks, ['1', '2']);
});

test('a ranking downloaded as CSV comes back in through the import as it is', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(srv.url + '/?d=dti-2024-34&g=provinces');
  await ready(page);
  const rows = () => page.$$eval('table.rank-table tbody tr[data-unit]', (trs) => trs.map((tr) =>
    [tr.querySelector('td.rank').textContent, tr.querySelector('th.unit').textContent.trim(), tr.querySelector('td.score').textContent].join(' ')));
  const before = await rows();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
  await page.locator('#import-paste').waitFor({ timeout: 20000 });
  await paste(page, csv);
  await page.locator('#import-use:not([disabled])').waitFor();
  const roles = await page.locator('select.col-role').evaluateAll((s) => s.map((x) => x.value));
  assert.deepEqual(roles.slice(0, 8), ['ignore', 'ignore', 'name', 'ignore', 'rank', 'index', 'ignore', 'ignore']);
  assert.equal(roles.filter((r) => r.startsWith('c:')).length, 8);
  // The head's title, group, edition and weights are taken back, and the page says so.
  assert.equal(await page.locator('#import-title').inputValue(), 'Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh, thành phố sau sắp xếp');
  assert.match(await page.locator('.export-weights').innerText(), /Trọng số: Nhận thức số 50; Thể chế số 50; Hạ tầng số 140;/);
  await page.locator('#import-use').click();
  await page.locator('table.rank-table').waitFor();
  await page.waitForURL(/#ds=/);
  // The same ranking as downloaded, every row, with no unit moved from its official rank (with
  // equal weights instead, Thanh Hóa came third, "▲2").
  assert.deepEqual(await rows(), before);
  assert.equal(await page.locator('table.rank-table tbody .change.up, table.rank-table tbody .change.down').count(), 0);
  assert.match(page.url(), /[?&]w=50/);
  assert.deepEqual(page.errors, []);
});

/**
 * Adds `more` to the paste box as a key press does (an InputEvent of type insertText, not a
 * paste), and returns the preview's summary two frames later.
 */
function typeInBox(page, more) {
  return page.locator('#import-paste').evaluate(async (el, more) => {
    el.value += more;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: more.slice(-1) }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return document.querySelector('.import-summary').textContent;
  }, more);
}

test('typing in a large table waits for a pause before the preview is rebuilt; a paste is shown at once', async () => {
  const page = await openImport();
  // About 60 KB: 1,000 rows.
  const rows = Array.from({ length: 1000 }, (_, i) => `Đơn vị ${i}\t0,${(i * 7919) % 10000}\t0,${(i * 104729) % 10000}\t0,${(i * 31) % 10000}`);
  const text = 'Đơn vị\tHạ tầng\tNhân lực\tCổng\n' + rows.join('\n');
  assert.ok(text.length > 16 * 1024);
  const summary = page.locator('.import-summary');
  await paste(page, text);
  await summary.filter({ hasText: /^1000 dòng dữ liệu/ }).waitFor({ timeout: 20000 });
  // A typed row: two frames later the preview is as it was; after the pause it has the row.
  assert.match(await typeInBox(page, '\nĐơn vị mới\t0,5\t0,5\t0,5'), /^1000 dòng dữ liệu/);
  await summary.filter({ hasText: /^1001 dòng dữ liệu/ }).waitFor({ timeout: 20000 });
  // A row typed just before leaving the tab is there on the way back.
  await typeInBox(page, '\nĐơn vị cuối\t0,5\t0,5\t0,5');
  await page.getByRole('tab', { name: 'Phương pháp' }).click();
  await page.locator('.method').waitFor({ timeout: 20000 });
  await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
  await summary.filter({ hasText: /^1002 dòng dữ liệu/ }).waitFor({ timeout: 20000 });
  assert.match(await page.locator('#import-paste').inputValue(), /Đơn vị cuối\t0,5\t0,5\t0,5$/);
  // A small table updates as it is typed.
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\t0,5\n');
  await summary.filter({ hasText: /^1 dòng dữ liệu/ }).waitFor();
  assert.match(await typeInBox(page, 'Huế\t0,4\n'), /^2 dòng dữ liệu/);
  assert.deepEqual(page.errors, []);
});

test('at 320 px wide, the fields under a paste fit the page', async () => {
  const page = await newPage(browser, { viewport: { width: 320, height: 640 } });
  await page.goto(srv.url + '/?view=import');
  await page.locator('#import-paste').waitFor({ timeout: 20000 });
  await paste(page, 'Tỉnh\tHạ tầng\nHà Nội\t0,5\nHuế\t0,4\n');
  await page.locator('#import-group').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // The group picker ran to 389 px (its longest option), and the page scrolled sideways.
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.deepEqual(page.errors, []);
});

test('an untitled number column is offered as the new category the guess made of it', async () => {
  const page = await openImport();
  await paste(page, 'Tỉnh\tHạ tầng\t\tCổng thông tin\nHà Nội\t0,5\t0,7\t0,6\nHuế\t0,4\t0,5\t0,3\n');
  const select = page.locator('select.col-role').nth(2);
  await select.waitFor();
  assert.equal(await select.inputValue(), 'c:3');
  assert.match(await select.locator('option:checked').innerText(), /Chỉ số mới: 3/);
  // A repeated header is left for the reader to choose.
  await paste(page, 'Tỉnh\tHạ tầng\tHạ tầng\nHà Nội\t0,5\t0,6\nHuế\t0,4\t0,3\n');
  await page.locator('select.col-role').nth(2).waitFor();
  assert.equal(await page.locator('select.col-role').nth(2).inputValue(), 'ignore');
  // ... and the column says why it is left out, tied to its select, until a role is chosen.
  const note = page.locator('.import-table th .col-note');
  assert.equal(await note.count(), 1);
  assert.match(await note.innerText(), /Trùng tiêu đề với cột 2/);
  const id = await note.getAttribute('id');
  assert.equal(await page.locator('select.col-role').nth(2).getAttribute('aria-describedby'), id);
  await page.locator('select.col-role').nth(2).selectOption('c:hr');
  await note.waitFor({ state: 'detached' });
  assert.equal(await page.locator('select.col-role').nth(2).getAttribute('aria-describedby'), null);
  // A repeated title over text, left out as text whatever its title, is not said to be left out
  // for its title.
  await paste(page, 'Tỉnh\tGhi chú\tGhi chú\tHạ tầng\nHà Nội\tx\ty\t0,6\nHuế\tz\tw\t0,3\n');
  await page.locator('select.col-role').nth(3).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('select.col-role').length === 4);
  assert.equal(await page.locator('select.col-role').nth(2).inputValue(), 'ignore');
  assert.equal(await note.count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a relative ?data= address names this site as the publisher', async () => {
  const file = readJson('data/index.json').datasets.find((d) => d.default).file;
  const page = await newPage(browser);
  await page.goto(`${srv.url}/?data=${encodeURIComponent('/data/' + file)}`);
  await ready(page);
  await page.locator('.unverified', { hasText: `127.0.0.1:${srv.port}` }).waitFor();
  assert.deepEqual(page.errors, []);
});
