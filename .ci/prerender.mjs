// Trunk post-build hook (Trunk.toml): writes the landing view, as the app itself renders it,
// into the built index.html, so a reader sees the official ranking at first paint instead of
// after the WebAssembly has downloaded and started (seconds on a slow phone connection).
//
// It opens the staged build in headless Chromium, waits for the app's ranking, and copies the
// app's markup into <div id="prerender" inert> right after <body>. The app removes that copy
// as soon as its own content is ready (src/app/shell.rs); public/boot.js hides it for any
// address other than the bare landing page. Without Chromium (a plain `trunk build` on a
// machine that never ran .ci/setup.sh) or in a debug build it does nothing: the page then
// simply starts empty, as before.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
if (!fs.existsSync(chromium)) {
  console.log(`prerender: skipped (no Chromium at ${chromium})`);
  process.exit(0);
}
const { serve, launch } = await import('../tests/e2e/harness.mjs');
const file = path.join(dir, 'index.html');
// Without an earlier copy (a rerun on a built dist/ replaces it).
const html = fs.readFileSync(file, 'utf8').replace(/\n?<div id="prerender"[\s\S]*?<!-- \/prerender -->/, '');
fs.writeFileSync(file, html);
const srv = await serve({ dir: path.resolve(dir) });
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(srv.url + '/');
  await page.waitForSelector('.app table.rank-table tbody tr[data-unit]', { timeout: 30000 })
    .catch((e) => { throw new Error(`prerender: the app did not show its ranking (${errors.join('; ') || e.message})`); });
  const markup = await page.evaluate(() => {
    const app = document.querySelector('.app').cloneNode(true);
    // Nothing for assistive technology to announce twice, no ids to clash with the live app.
    app.querySelectorAll('[aria-live]').forEach((e) => { e.textContent = ''; });
    app.querySelectorAll('[id]').forEach((e) => e.removeAttribute('id'));
    app.querySelectorAll('label[for]').forEach((e) => e.removeAttribute('for'));
    return app.outerHTML;
  });
  if (/127\.0\.0\.1/.test(markup)) throw new Error('prerender: the markup names the build server’s address');
  const out = html.replace(/<body([^>]*)>/, (m) => `${m}\n<div id="prerender" inert>${markup}</div><!-- /prerender -->`);
  if (out === html) throw new Error('prerender: no <body> in index.html');
  fs.writeFileSync(file, out);
  console.log(`prerender: landing view written into ${file} (${markup.length} bytes of markup)`);
} finally {
  await browser.close();
  await srv.close();
}
