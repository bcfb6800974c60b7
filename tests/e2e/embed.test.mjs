// Embedding on news sites (issue 7): a news article on another origin embeds two frames with
// public/embed.js; the frames render under the strict CSP, size themselves independently, follow
// theme=dark, ignore forged messages, store nothing and request nothing from other origins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, newPage, root, dist } from './harness.mjs';

let browser, app, host;
// The release bundle; XEPHANG_DIST points elsewhere when several builds share the tree.
const DIR = process.env.XEPHANG_DIST ? path.resolve(process.env.XEPHANG_DIST) : dist;

const DARK_BG = 'rgb(20, 20, 23)'; // --bg of the dark theme (style/main.css)
const LIGHT_BG = 'rgb(251, 250, 248)';

const ARTICLE_CSS = `
body { font-family: Georgia, serif; max-width: 42rem; margin: 0 auto; padding: 1rem; background: #fff; color: #222; }
.masthead { font: 700 1.6rem/1.2 sans-serif; border-bottom: 3px solid #c00; padding: .5rem 0; }
figure { margin: 1.5rem 0; }
`;

// Records every message a frame sends to the article, to check what the frames send.
const SPY_JS = `
window.__seen = [];
window.addEventListener('message', function (e) {
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe'));
  var i = frames.findIndex(function (f) { return f.contentWindow === e.source; });
  window.__seen.push({ frame: i, origin: e.origin, data: e.data });
});
`;

function article(appUrl, embeds) {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Chuyển đổi số: tỉnh nào dẫn đầu năm 2024?</title>
<link rel="stylesheet" href="/article.css"><script src="/spy.js"></script></head>
<body>
<header class="masthead">Báo Mẫu · Công nghệ</header>
<article>
<h1>Chuyển đổi số: tỉnh nào dẫn đầu năm 2024?</h1>
<p class="byline">Phóng viên · 21/10/2025</p>
<p>Bộ Khoa học và Công nghệ vừa công bố Chỉ số chuyển đổi số (DTI) năm 2024 của 34 tỉnh, thành phố.</p>
${embeds.map((e, i) => `<figure>
<div id="e${i + 1}" data-xephang-src="${e.src}" data-xephang-title="${e.title}"${e.height ? ` data-xephang-height="${e.height}"` : ''}><a href="${e.src}">Xem bảng xếp hạng</a></div>
<figcaption>Bảng ${i + 1}</figcaption>
</figure>
<p>Đoạn văn ${i + 1} của bài viết, nói về các con số trong bảng.</p>`).join('\n')}
</article>
<script src="${appUrl}/embed.js"></script>
<script src="${appUrl}/embed.js"></script>
</body></html>`;
}

/** The article's CSP: only its own scripts and styles, frames and the loader from the app. */
function hostCsp(appUrl) {
  return `default-src 'self'; script-src 'self' ${appUrl}; frame-src ${appUrl}; style-src 'self'`;
}

before(async () => {
  browser = await launch();
  // The app, under the strict CSP (the harness default).
  app = await serve({ dir: DIR });
  host = await serve({
    overrides: {
      '/article.html': article(app.url, [
        { src: `${app.url}/?d=dti-2024-34&amp;g=provinces&amp;rows=10`, title: 'DTI 2024 — 34 tỉnh, thành phố', height: 300 },
        { src: `${app.url}/?theme=dark`, title: 'Xếp hạng CNTT 2019' },
      ]),
      '/compare.html': article(app.url, [
        { src: `${app.url}/?d=dti-2024-34&amp;g=provinces&amp;view=compare&amp;sel=ha-noi,hue&amp;controls=0`, title: 'Hà Nội và Huế', height: 900 },
      ]),
      '/article.css': ARTICLE_CSS,
      '/spy.js': SPY_JS,
      '/favicon.ico': '',
    },
    csp: hostCsp(app.url),
  });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

/** The iframe element's height in px and its document's content height. */
async function heights(page, sel) {
  const el = page.locator(sel);
  const frame = await (await el.elementHandle()).contentFrame();
  const outer = await el.evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  return { outer, inner, frame };
}

/** Waits until the frame's height equals its content's (the loader applied the last message). */
async function settled(page, sel) {
  let h;
  for (let i = 0; i < 100; i++) {
    h = await heights(page, sel);
    if (Math.abs(h.outer - h.inner) <= 1) {
      // Still equal a moment later: no message in flight.
      await page.waitForTimeout(150);
      const again = await heights(page, sel);
      if (again.outer === h.outer && again.inner === h.inner) return again;
    }
    await page.waitForTimeout(100);
  }
  assert.fail(`${sel} never matched its content: frame ${h.outer}px, content ${h.inner}px`);
}

async function openArticle() {
  const page = await newPage(browser);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(host.url + '/article.html');
  for (const sel of ['#e1 iframe', '#e2 iframe']) {
    await page.locator(sel).scrollIntoViewIfNeeded();
    const frame = await (await page.locator(sel).elementHandle()).contentFrame();
    await frame.waitForSelector('.embed-view table.rank-table tbody tr', { timeout: 20000 });
  }
  return page;
}

test('the loader is under 3 KB gzipped, and is the file the app serves', () => {
  const src = fs.readFileSync(path.join(root, 'public/embed.js'));
  const gz = zlib.gzipSync(src, { level: 9 }).length;
  console.log(`embed.js: ${src.length} bytes, ${gz} bytes gzipped`);
  assert.ok(gz < 3 * 1024, `embed.js is ${gz} bytes gzipped`);
  assert.deepEqual(fs.readFileSync(path.join(DIR, 'embed.js')), src, 'dist/embed.js is stale: run trunk build');
});

test('two embeds in a news article on another origin render, each in its own frame', async () => {
  const page = await openArticle();
  try {
    const frames = page.locator('iframe');
    assert.equal(await frames.count(), 2, 'loading embed.js twice makes no extra frames');
    const ids = new Set();
    for (const sel of ['#e1 iframe', '#e2 iframe']) {
      const f = page.locator(sel);
      const src = new URL(await f.getAttribute('src'));
      assert.equal(src.origin, app.url);
      assert.equal(src.searchParams.get('embed'), '1');
      ids.add(src.searchParams.get('eid'));
      assert.equal(await f.getAttribute('loading'), 'lazy');
      assert.ok((await f.getAttribute('title')).length > 0);
      assert.equal(await f.evaluate((x) => getComputedStyle(x).borderTopWidth), '0px');
      const width = await f.evaluate((x) => x.getBoundingClientRect().width);
      const parent = await f.evaluate((x) => x.parentElement.getBoundingClientRect().width);
      assert.equal(width, parent, 'the frame is as wide as its container');
    }
    assert.equal(ids.size, 2, 'each frame has its own id');

    const one = (await heights(page, '#e1 iframe')).frame;
    const two = (await heights(page, '#e2 iframe')).frame;
    // rows=10 shows ten rows of the 34 provinces; the source line names publisher and edition.
    assert.equal(await one.locator('table.rank-table tbody tr:not(.spacer)').count(), 10);
    assert.match(await one.locator('.embed-title').innerText(), /DTI\) năm 2024/);
    assert.match(await one.locator('.embed-source').innerText(), /^Nguồn: .+, 2024 — chép lại từ các trang công khai; địa chỉ từng nguồn ở bản đầy đủ$/);
    assert.match(await two.locator('.embed-source').innerText(), /^Nguồn: .+, 2019 — chép lại/);
    // No site chrome in a frame.
    assert.equal(await one.locator('header.site, nav.tabs').count(), 0);
    // The full-view link opens a new tab with the state but without the embed options.
    const link = one.locator('a.embed-full');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /noopener/);
    const full = new URL(await link.getAttribute('href'));
    assert.equal(full.origin, app.url);
    assert.equal(full.searchParams.get('d'), 'dti-2024-34');
    for (const k of ['embed', 'rows', 'theme', 'controls', 'eid']) assert.equal(full.searchParams.get(k), null, k);
    // It opens the full app, outside the frame's sandbox.
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForSelector('header.site');
    await popup.waitForSelector('table.rank-table tbody tr');
    await popup.close();

    await settled(page, '#e1 iframe');
    await settled(page, '#e2 iframe');
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('theme=dark renders dark; the other frame follows the light system theme', async () => {
  const page = await openArticle();
  try {
    const bg = (sel) => heights(page, sel).then(({ frame }) =>
      frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
    assert.equal(await bg('#e2 iframe'), DARK_BG);
    assert.equal(await bg('#e1 iframe'), LIGHT_BG);
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('changing a filter in one frame resizes that frame only; both report their height', async () => {
  const page = await openArticle();
  try {
    const a0 = await settled(page, '#e1 iframe');
    const b0 = await settled(page, '#e2 iframe');
    // Typed key by key: the input keeps focus while the frame re-renders and resizes.
    await a0.frame.locator('#filter-name').pressSequentially('da nang', { delay: 20 });
    assert.equal(await a0.frame.locator('#filter-name').inputValue(), 'da nang');
    await a0.frame.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr:not(.spacer)').length === 1);
    const a1 = await settled(page, '#e1 iframe');
    assert.ok(a1.outer < a0.outer - 100, `frame 1 shrank: ${a0.outer} → ${a1.outer}`);
    const b1 = await heights(page, '#e2 iframe');
    assert.equal(b1.outer, b0.outer, 'frame 2 kept its height');
    // Back to all ten rows: the frame grows again.
    await a0.frame.locator('#filter-name').fill('');
    const a2 = await settled(page, '#e1 iframe');
    assert.equal(a2.outer, a0.outer);

    // A narrower window re-wraps the content and the frames follow.
    await page.setViewportSize({ width: 360, height: 800 });
    await settled(page, '#e1 iframe');
    await settled(page, '#e2 iframe');

    // What the frames sent: height messages only, in the three documented formats.
    const seen = await page.evaluate(() => window.__seen);
    const eids = await page.$$eval('iframe', (fs) => fs.map((f) => new URL(f.src).searchParams.get('eid')));
    const fromFrames = seen.filter((m) => m.frame >= 0);
    assert.ok(fromFrames.length >= 6, JSON.stringify(seen));
    for (const m of fromFrames) {
      assert.equal(m.origin, app.url);
      const id = eids[m.frame];
      const d = m.data;
      if (typeof d === 'string') {
        assert.match(d, new RegExp(`^pymxPYMx${id}xPYMxheightxPYMx\\d+$`));
      } else if ('datawrapper-height' in d) {
        assert.deepEqual(Object.keys(d), ['datawrapper-height']);
        assert.deepEqual(Object.keys(d['datawrapper-height']), [id]);
        assert.equal(typeof d['datawrapper-height'][id], 'number');
      } else {
        assert.deepEqual(Object.keys(d).sort(), ['height', 'id', 'type', 'version']);
        assert.equal(d.type, 'xephang:height');
        assert.equal(d.version, 1);
        assert.equal(d.id, id);
        assert.ok(Number.isInteger(d.height) && d.height > 0);
      }
    }
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('forged messages are ignored: wrong shape, wrong source, wrong id', async () => {
  const page = await openArticle();
  try {
    const a = await settled(page, '#e1 iframe');
    const b = await settled(page, '#e2 iframe');
    const [eid1, eid2] = await page.$$eval('iframe', (fs) => fs.map((f) => new URL(f.src).searchParams.get('eid')));
    const msg = (id, height) => ({ type: 'xephang:height', version: 1, id, height });

    // The host page posts to itself: right shape, wrong source.
    await page.evaluate(([m1, m2]) => {
      window.postMessage(m1, '*');
      window.postMessage(m2, '*');
      window.postMessage({ 'datawrapper-height': { x: 11 } }, '*');
      window.postMessage('pymxPYMxe1xPYMxheightxPYMx11', '*');
      window.postMessage({ type: 'xephang:height', height: 11 }, '*');
    }, [msg(eid1, 11), msg(eid2, 11)]);
    // From inside frame 1 (right source and origin): wrong shapes, and frame 2's id.
    await a.frame.evaluate(([id, other]) => {
      const p = window.parent;
      p.postMessage({ type: 'xephang:height', version: 1, id, height: 12, extra: true }, '*');
      p.postMessage({ type: 'xephang:height', version: 2, id, height: 12 }, '*');
      p.postMessage({ type: 'xephang:height', version: 1, id, height: '12' }, '*');
      p.postMessage({ type: 'xephang:height', version: 1, id, height: -12 }, '*');
      p.postMessage({ type: 'xephang:height', version: 1, id, height: 1e9 }, '*');
      p.postMessage({ type: 'other', version: 1, id, height: 12 }, '*');
      p.postMessage([id, 12], '*');
      p.postMessage(JSON.stringify({ type: 'xephang:height', version: 1, id, height: 12 }), '*');
      p.postMessage({ type: 'xephang:height', version: 1, id: other, height: 12 }, '*');
    }, [eid1, eid2]);
    await page.waitForTimeout(400);
    assert.equal((await heights(page, '#e1 iframe')).outer, a.outer);
    assert.equal((await heights(page, '#e2 iframe')).outer, b.outer);

    // Control: the right message from the right frame is obeyed, for that frame only.
    await a.frame.evaluate((m) => window.parent.postMessage(m, '*'), msg(eid1, 333));
    await page.waitForFunction(() => document.querySelector('#e1 iframe').style.height === '333px');
    assert.equal((await heights(page, '#e2 iframe')).outer, b.outer);

    // The frame listens to nobody: a message to it changes nothing and raises no error.
    await page.evaluate(() => document.querySelector('#e1 iframe').contentWindow.postMessage(
      'pymxPYMxe1xPYMxwidthxPYMx300', '*'));
    await page.waitForTimeout(200);
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('embeds store nothing and request nothing from other origins, under the strict CSP', async () => {
  const page = await openArticle();
  try {
    const a = await settled(page, '#e1 iframe');
    // Use the embed a little: filter, change the language, open the weights.
    await a.frame.locator('#filter-name').fill('ha');
    await a.frame.locator('button.embed-lang').click();
    await a.frame.locator('.embed-title', { hasText: 'Digital Transformation Index' }).waitFor();
    const summary = a.frame.locator('details.embed-weights > summary');
    if (await summary.count()) await summary.click();
    await settled(page, '#e1 iframe');

    assert.deepEqual(await page.context().cookies(), []);
    const storage = () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    });
    assert.deepEqual(await page.evaluate(storage), { local: 0, session: 0, cookie: '' });
    for (const sel of ['#e1 iframe', '#e2 iframe']) {
      const { frame } = await heights(page, sel);
      assert.deepEqual(await frame.evaluate(storage), { local: 0, session: 0, cookie: '' }, sel);
      // The frame's document was served with the strict CSP and still runs.
      const csp = await frame.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
    }
    const origins = new Set(page.requests.map((u) => new URL(u).origin));
    assert.deepEqual([...origins].sort(), [app.url, host.url].sort(), page.requests.join('\n'));
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('an embedded compare view gets its rank intervals from the analysis worker inside the sandboxed frame', async () => {
  const page = await newPage(browser);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  try {
    await page.goto(host.url + '/compare.html');
    const frame = await (await page.locator('#e1 iframe').elementHandle()).contentFrame();
    await frame.waitForFunction(() => {
      const cells = [...document.querySelectorAll('.cmp-table td.cmp-interval')];
      return cells.length === 2 && cells.every((td) => /\d+–\d+/.test(td.textContent));
    }, null, { timeout: 30000 });
    // Two units chosen: the picker, a box for each of the 34, is folded away (it made the frame
    // 1,786 px tall), and opens by keyboard.
    const fold = frame.locator('details.cmp-fold');
    assert.equal(await fold.evaluate((d) => d.open), false);
    assert.equal(await frame.locator('.cmp-list input').first().isVisible(), false);
    await frame.locator('details.cmp-fold > summary').focus();
    await frame.locator('details.cmp-fold > summary').press('Enter');
    await frame.locator('.cmp-list input').first().waitFor();
    // The worker is the app's own file, started by the frame (the article's CSP plays no part).
    assert.deepEqual(workers, [`${app.url}/worker-boot.js`]);
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('the full app offers both snippets for the current state, and the loader snippet works', async () => {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const extra = [];
  try {
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces&lang=en');
    await page.waitForSelector('table.rank-table');
    await page.locator('#embed-open').click();
    const iframeCode = page.getByLabel(/Iframe code/);
    const loaderCode = page.getByLabel(/Code with embed\.js/);
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByLabel(/Rows/).fill('5');
    const ifr = await iframeCode.inputValue();
    assert.match(ifr, /^<iframe src="[^"]+" title="[^"]+"/);
    assert.match(ifr, /d=dti-2024-34&amp;g=provinces/);
    assert.match(ifr, /embed=1/);
    assert.match(ifr, /theme=dark/);
    assert.match(ifr, /rows=5/);
    assert.match(ifr, /loading="lazy"/);
    const loader = await loaderCode.inputValue();
    assert.match(loader, /^<div data-xephang-src="[^"]+" data-xephang-title="[^"]+"/);
    assert.ok(loader.includes(`<script src="${app.url}/embed.js" async></script>`), loader);
    assert.equal(await iframeCode.getAttribute('readonly'), '');

    // Copy: the clipboard holds the snippet.
    await page.locator('.snippet').nth(1).getByRole('button', { name: 'Copy code' }).click();
    await page.locator('.snippet').nth(1).getByRole('status').filter({ hasText: /Copied|selected/ }).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, loader);

    // Paste the loader snippet into an article on another origin.
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>News</title></head>
<body><h1>News</h1><p>Text.</p>${loader}<p>More text.</p></body></html>`;
    const other = await serve({ overrides: { '/a.html': html, '/favicon.ico': '' }, csp: hostCsp(app.url) });
    extra.push(other);
    const article = await page.context().newPage();
    article.errors = [];
    article.on('console', (m) => { if (m.type() === 'error') article.errors.push(m.text()); });
    await article.goto(other.url + '/a.html');
    const frame = await (await article.locator('iframe').elementHandle()).contentFrame();
    await frame.waitForSelector('.embed-view table.rank-table tbody tr');
    assert.equal(await frame.locator('table.rank-table tbody tr:not(.spacer)').count(), 5);
    assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), DARK_BG);
    assert.match(await frame.locator('.embed-source').innerText(), /^Source: /);
    await settled(article, 'iframe');
    assert.deepEqual(article.errors, []);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    for (const s of extra) await s.close();
  }
});

/** axe-core on the page; it is injected as a script, so the context bypasses the CSP. */
async function axe(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`);
  });
}

test('embed mode and the snippets panel are accessible and work with the keyboard', async () => {
  const base = '/?d=dti-2024-34&g=provinces&embed=1';
  const views = [base + '&rows=10', base + '&theme=dark&hl=ha-noi', base + '&lang=en&controls=0', '/?embed=1',
    base + '&view=compare&sel=ha-noi,hue&controls=0', base + '&view=unit&u=hue&controls=0&theme=dark'];
  for (const q of views) {
    const page = await newPage(browser, { bypassCSP: true });
    try {
      await page.goto(app.url + q);
      await page.waitForSelector('.embed-view .embed-main > *:not(.loading)');
      await page.waitForSelector('.embed-view .embed-main table');
      const summary = page.locator('details.embed-weights > summary');
      if (q.includes('controls=0') || q === '/?embed=1') {
        assert.equal(await summary.count(), 0, `${q}: no weights panel`);
      } else {
        // Keyboard: the weights panel opens with Enter.
        await summary.focus();
        await page.keyboard.press('Enter');
        await page.locator('details.embed-weights[open] input[type=range]').first().waitFor();
      }
      const v = await axe(page);
      assert.deepEqual(v, [], `${q}: ${v.join('\n')}`);
      // The language switch and the full-view link are reachable and named.
      await page.locator('button.embed-lang').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((l) => document.documentElement.lang === l, q.includes('lang=en') ? 'vi' : 'en');
      assert.match(await page.locator('a.embed-full').innerText(), /Mở bản đầy đủ|Open the full view/);
      assert.deepEqual(page.errors, []);
    } finally { await page.context().close(); }
  }
  const page = await newPage(browser, { bypassCSP: true });
  try {
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces');
    await page.waitForSelector('table.rank-table tbody tr');
    await page.locator('#embed-open').focus();
    await page.keyboard.press('Enter');
    await page.locator('#embed-iframe').waitFor();
    const v = await axe(page);
    assert.deepEqual(v, [], v.join('\n'));
    // Without clipboard permission the copy button falls back to selecting the code.
    await page.locator('.snippet').first().getByRole('button').click();
    await page.locator('.snippet').first().getByRole('status').filter({ hasText: /Đã chép|Đã chọn/ }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('using an embed adds nothing to the article\'s back button', async () => {
  const page = await openArticle();
  try {
    const a = await settled(page, '#e1 iframe');
    const before = await page.evaluate(() => history.length);
    await a.frame.locator('#filter-name').fill('ha');
    await a.frame.locator('button.embed-lang').click();
    await a.frame.locator('.embed-title', { hasText: 'Digital Transformation Index' }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => history.length), before,
      'embed mode should replace, not push, history entries (they would join the article\'s session history)');
  } finally { await page.context().close(); }
});

test('a frame far down the article loads only when the reader gets near it', async () => {
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài dài</title>
<link rel="stylesheet" href="/long.css"></head><body><h1>Bài dài</h1>
<div id="near" data-xephang-src="${app.url}/?rows=3" data-xephang-title="Gần"></div>
<div class="spacer"></div>
<div id="far" data-xephang-src="${app.url}/?theme=dark&amp;rows=2" data-xephang-title="Xa"></div>
<script src="${app.url}/embed.js" async></script></body></html>`;
  const long = await serve({
    overrides: { '/long.html': html, '/long.css': '.spacer { height: 9000px; }', '/favicon.ico': '' },
    csp: hostCsp(app.url),
  });
  const page = await newPage(browser);
  try {
    const frames = [];
    page.on('request', (r) => { if (r.url().startsWith(app.url + '/?')) frames.push(new URL(r.url()).searchParams.get('rows')); });
    await page.goto(long.url + '/long.html');
    const near = await (await page.locator('#near iframe').elementHandle()).contentFrame();
    await near.waitForSelector('.embed-view table.rank-table tbody tr');
    await page.waitForTimeout(500);
    assert.deepEqual(frames, ['3'], 'only the frame in view has loaded');
    await page.locator('#far iframe').scrollIntoViewIfNeeded();
    const far = await (await page.locator('#far iframe').elementHandle()).contentFrame();
    await far.waitForSelector('.embed-view table.rank-table tbody tr');
    assert.deepEqual(frames, ['3', '2']);
    await settled(page, '#far iframe');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
    await long.close();
  }
});

test('an embed limited to a few rows still shows a highlighted unit ranked below them', async () => {
  const page = await newPage(browser, { bypassCSP: true });
  try {
    // Đà Nẵng is 17th of the 34 provinces in DTI 2024; the embed shows three rows.
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces&embed=1&rows=3&hl=da-nang-2025');
    await page.waitForSelector('.embed-view table.rank-table tbody tr');
    const rows = page.locator('table.rank-table tbody tr:not(.spacer)');
    await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr:not(.spacer)').length === 4);
    const last = rows.nth(3);
    assert.match(await last.innerText(), /Đà Nẵng/);
    assert.match(await last.innerText(), /^\s*17\b/);
    assert.match(await last.getAttribute('class'), /highlight/);
    // The rows skipped between 3 and 17 are marked: a break above Đà Nẵng's row, and only there.
    assert.match(await last.getAttribute('class'), /after-gap/);
    assert.equal(await page.locator('table.rank-table tbody tr.after-gap').count(), 1);
    assert.notEqual(await last.locator('td').first().evaluate((td) => getComputedStyle(td).borderTopStyle), 'none');
    // Without the highlight, three rows.
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces&embed=1&rows=3');
    await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr:not(.spacer)').length === 3);
    // No compare boxes (an embed has no Compare view: ticked, they did nothing), and the note on
    // recomputed scores that differ from the published index by rounding, as the full page has.
    assert.equal(await page.locator('table.rank-table th.pick').isVisible(), false);
    await page.locator('p.official-gap').waitFor();
    // The weights embed on a phone: the ranking under the sliders takes its own height, not the
    // 1,500 px kept for it off screen in the full page (the frame asked for 1,250 px too many).
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces&view=weights&embed=1&rows=5');
    await page.waitForFunction(() => document.querySelectorAll('table.rank-table tbody tr:not(.spacer)').length === 5);
    const body = await page.locator('.ranking-body').evaluate((e) => e.getBoundingClientRect().height);
    const table = await page.locator('table.rank-table').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(body < table + 600, `ranking body ${body} px around a table of ${table} px`);
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});

test('a name clicked in an embedded ranking opens its profile with a way back to the ranking', async () => {
  const page = await newPage(browser, { bypassCSP: true });
  try {
    await page.goto(app.url + '/?d=dti-2024-34&g=provinces&embed=1&rows=10');
    await page.waitForSelector('.embed-view table.rank-table tbody tr');
    // No way back on the view the article embedded.
    assert.equal(await page.locator('.embed-back').count(), 0);
    await page.locator('table.rank-table tbody tr', { hasText: 'Hà Nội' }).locator('button.link').click();
    await page.locator('.profile h3.unit-name').waitFor({ timeout: 20000 });
    // The embed writes no history entry (the article's Back would leave it): a button instead.
    const back = page.getByRole('button', { name: '← Quay lại: Xếp hạng' });
    await back.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.embed-view table.rank-table tbody tr');
    assert.equal(await page.locator('.profile').count(), 0);
    assert.equal(await page.locator('.embed-back').count(), 0);
    // The focus is not lost with the button: on the embed's title.
    await page.waitForFunction(() => document.activeElement?.classList.contains('embed-title'));
    assert.deepEqual(page.errors, []);
  } finally { await page.context().close(); }
});
