// Shared plumbing for the end-to-end tests: a static server for the release bundle (dist/) on
// loopback, and headless Debian Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');

/** The Content-Security-Policy the app and its embeds must run under. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.tsv': 'text/tab-separated-values; charset=utf-8',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port). `overrides` maps a path ("/data/x.json") to a body
 * (string/Buffer) or to a function (req, res) => void. `headers` are added to every answer.
 */
export async function serve({ dir = dist, overrides = {}, headers = {}, csp = STRICT_CSP, gzip = false, port = 0 } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    const base = { ...headers };
    if (csp) base['Content-Security-Policy'] = csp;
    const o = overrides[p];
    if (typeof o === 'function') return o(req, res, base);
    if (o !== undefined) {
      res.writeHead(200, { ...base, 'Content-Type': TYPES[path.extname(p)] || 'text/plain' });
      return res.end(o);
    }
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, p);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { ...base, 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    // As a real host would: text and wasm compressed when the client accepts it.
    if (gzip && /gzip/.test(req.headers['accept-encoding'] || '') && !/^image\//.test(type)) {
      res.writeHead(200, { ...base, 'Content-Type': type, 'Content-Encoding': 'gzip' });
      return res.end(zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    }
    res.writeHead(200, { ...base, 'Content-Type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const bound = server.address().port;
  // Close drops every socket: Chromium may hold a preconnected socket with no request on it,
  // which a plain server.close() would wait for until the request timeout (minutes).
  const close = () => { const done = new Promise((r) => server.close(r)); server.closeAllConnections(); return done; };
  return { url: `http://127.0.0.1:${bound}`, port: bound, close };
}

/** Headless Debian Chromium, with the flags a closed network and root need. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A new page that records console errors and page errors, for tests to assert none happened. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** Waits until the app has left its loading state (a table or an error is shown). */
/** Waits until the live app (not the prerendered landing copy in index.html) shows its content. */
export async function ready(page) {
  await page.waitForFunction(
    // A ranking table whose rows have been written (the first view writes them a task after
    // the table: src/app/stage.rs), an error, or the import view.
    () => !document.getElementById('prerender') && document.querySelector('table.rank-table tbody:not([data-pending]), section.error, .import'),
    null, { timeout: 20000 });
}

/**
 * The page's `performance.now()` when the Robustness view says it is done (data-state=done),
 * seen by a MutationObserver in the page: no polling, which would add tasks and layouts of its
 * own, and no lag (Playwright's waitFor polls ever less often, up to every 500 ms). Call it
 * before the click; it resolves once the view is done.
 */
export function robustnessDoneAt(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const ok = () => document.querySelector('section.robustness[data-state=done]');
    new MutationObserver((_, o) => { if (ok()) { o.disconnect(); resolve(performance.now()); } })
      .observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  }));
}

export function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(dist, rel), 'utf8'));
}

/** A synthetic dataset: `n` units × `k` categories, values from a seeded generator. */
export function synthetic(n, k) {
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
 * Clicks the copy-link button in `scope` (a CSS selector of the bar holding it and its status
 * line) and returns the link: read from the clipboard when the status says it was copied, else
 * from the status's own "copy it yourself: …" fallback.
 */
export async function copiedLink(page, scope) {
  await page.locator(`${scope} #copy-link`).click();
  await page.waitForFunction((s) => /Đã sao chép|Link copied|tự chép|copy it yourself/.test(document.querySelector(`${s} .status`).textContent), scope);
  const said = await page.locator(`${scope} .status`).innerText();
  return /^(Đã sao chép|Link copied)/.test(said) ? page.evaluate(() => navigator.clipboard.readText()) : said.split(': ').pop();
}

/**
 * A file of the bundle served with "503" until `fail` is set false (a dropped connection that
 * comes back): pass `overrides` to `serve`.
 */
export function flakyFile(rel, type = 'application/wasm') {
  const body = fs.readFileSync(path.join(dist, rel));
  const flaky = { fail: true };
  flaky.overrides = {
    ['/' + rel]: (req, res, base) => {
      if (flaky.fail) { res.writeHead(503, base); return res.end('busy'); }
      res.writeHead(200, { ...base, 'Content-Type': type });
      return res.end(body);
    },
  };
  return flaky;
}
