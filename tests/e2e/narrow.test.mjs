// Phone widths (style/main.css, `@media (max-width: 600px)` at its end, and `.legend`): the
// ranking's rank, name and score are whole on screen at 320 and 375 px, in the app and in the
// embed (the score began at x = 311–325 and was cut off or out of sight); the table says so when
// it scrolls sideways; the page itself never does; and a chart legend keeps each key on the line
// of its own label (at 320 px a key ended the line above its label).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, newPage, ready, dist } from './harness.mjs';

// The release bundle; XEPHANG_DIST points elsewhere when several builds share the tree.
const DIR = process.env.XEPHANG_DIST ? path.resolve(process.env.XEPHANG_DIST) : dist;
const DTI = '/?d=dti-2024-34&g=provinces';

let browser, srv;
before(async () => {
  browser = await launch();
  srv = await serve({ dir: DIR });
});
after(async () => {
  await srv?.close();
  await browser?.close();
});

/** Two frames, so that what a container query on the frame's scroll state shows is drawn. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The page's sideways overflow in CSS pixels (0 or less: none). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

for (const width of [320, 375]) {
  for (const [mode, q] of [['app', ''], ['embed', '&embed=1']]) {
    for (const lang of ['vi', 'en']) {
      test(`${width} px, ${mode}, ${lang}: rank, name and score are whole on screen`, async () => {
        const page = await newPage(browser, { viewport: { width, height: 800 } });
        try {
          await page.goto(srv.url + DTI + q + (lang === 'en' ? '&lang=en' : ''));
          await ready(page);
          await settle(page);
          const r = await page.evaluate(() => {
            const box = (el) => {
              const b = el.getBoundingClientRect();
              return { left: b.left, right: b.right, width: b.width };
            };
            const wrap = document.querySelector('.table-wrap');
            const w = wrap.getBoundingClientRect();
            const row = document.querySelector('table.rank-table tbody tr[data-unit]');
            return {
              innerWidth,
              // What the table's frame shows of it (its own scrollbar aside).
              frame: { left: w.left + wrap.clientLeft, right: w.left + wrap.clientLeft + wrap.clientWidth },
              scrolls: wrap.scrollWidth > wrap.clientWidth,
              hint: getComputedStyle(wrap, '::before').content,
              cells: {
                'score header': box(document.querySelector('table.rank-table thead th.num')),
                'rank header': box(document.querySelector('table.rank-table thead th.rank')),
                'unit header': box(document.querySelector('table.rank-table thead th.unit')),
                'first row score': box(row.querySelector('td.score')),
                'first row rank': box(row.querySelector('td.rank')),
                'first row name': box(row.querySelector('th.unit')),
              },
            };
          });
          for (const [name, b] of Object.entries(r.cells)) {
            const where = `${name} spans x = ${b.left.toFixed(0)}–${b.right.toFixed(0)}`;
            assert.ok(b.width > 0, `${where}: not shown`);
            assert.ok(b.left >= 0 && b.right <= r.innerWidth + 0.5, `${where}, past the ${r.innerWidth} px window`);
            assert.ok(b.left >= r.frame.left - 0.5 && b.right <= r.frame.right + 0.5,
              `${where}, past the table's frame (x = ${r.frame.left.toFixed(0)}–${r.frame.right.toFixed(0)})`);
          }
          // A table that goes on past its frame says so, in the page's language.
          if (r.scrolls) assert.match(r.hint, lang === 'en' ? /Scroll sideways/ : /Kéo ngang/, 'the table scrolls sideways and nothing says so');
          const o = await overflow(page);
          assert.ok(o <= 0, `the page scrolls sideways by ${o} px`);
          assert.deepEqual(page.errors, []);
        } finally {
          await page.context().close();
        }
      });
    }
  }
}

// Each key of a legend (a span before its label's bare text) on the line of its label's first
// word, just before it.
const LEGENDS = [
  ['robustness', '&view=robustness', 'section.robustness[data-state=done] figure.robust-chart .legend'],
  // Four units, one with a long name: a legend that wraps at 320 px.
  ['compare', '&view=compare&sel=ha-noi,ho-chi-minh-2025,hue,thai-nguyen-2025', 'figure.cmp-chart .legend'],
  ['unit profile', '&view=unit&u=ha-noi', 'figure.profile-chart .legend'],
];
for (const [name, q, sel] of LEGENDS) {
  for (const lang of ['en', 'vi']) {
    test(`320 px, dark, ${lang}: the ${name} legend keeps each key with its label`, async () => {
      const page = await newPage(browser, { viewport: { width: 320, height: 800 }, colorScheme: 'dark' });
      try {
        await page.goto(srv.url + DTI + q + (lang === 'en' ? '&lang=en' : ''));
        await page.locator(sel).first().waitFor({ timeout: 60000 });
        const entries = await page.locator(sel).first().evaluate((legend) => {
          const out = [];
          for (const key of legend.querySelectorAll(':scope > .key, :scope > .swatch')) {
            let t = key.nextSibling;
            while (t && t.nodeType === Node.TEXT_NODE && !t.textContent.trim()) t = t.nextSibling;
            if (!t || t.nodeType !== Node.TEXT_NODE) continue;
            const at = t.textContent.search(/\S/);
            const range = document.createRange();
            range.setStart(t, at);
            range.setEnd(t, at + 1);
            const c = range.getBoundingClientRect();
            const k = key.getBoundingClientRect();
            out.push({
              label: t.textContent.trim(),
              keyMid: (k.top + k.bottom) / 2, keyRight: k.right,
              textTop: c.top, textBottom: c.bottom, textLeft: c.left,
            });
          }
          return out;
        });
        assert.ok(entries.length >= 2, `${entries.length} legend entries found`);
        for (const e of entries) {
          assert.ok(e.keyMid >= e.textTop - 3 && e.keyMid <= e.textBottom + 3,
            `the key of “${e.label}” (middle at y = ${e.keyMid.toFixed(0)}) is not on its first line (y = ${e.textTop.toFixed(0)}–${e.textBottom.toFixed(0)})`);
          assert.ok(e.keyRight <= e.textLeft + 1 && e.textLeft - e.keyRight < 24,
            `the key of “${e.label}” ends at x = ${e.keyRight.toFixed(0)}, its label starts at x = ${e.textLeft.toFixed(0)}`);
        }
        const o = await overflow(page);
        assert.ok(o <= 0, `the page scrolls sideways by ${o} px`);
        assert.deepEqual(page.errors, []);
      } finally {
        await page.context().close();
      }
    });
  }
}

// A phone turned: the profile's and the comparison's charts are laid out again for the new
// width. Read once when drawn, a chart drawn upright stayed laid out for a phone when turned
// sideways, and a desktop's chart drawn wide scrolled sideways once the window was narrowed.
test('the profile and comparison charts follow the page across a phone\'s width', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 800 } });
  try {
    for (const [q, fig] of [['&view=unit&u=ha-noi', 'figure.profile-chart'], ['&view=compare&sel=ha-noi,hue', 'figure.cmp-chart']]) {
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.goto(srv.url + DTI + q);
      await page.locator(fig).waitFor({ timeout: 60000 });
      assert.equal(await page.locator(`${fig}.narrow`).count(), 0, fig);
      await page.setViewportSize({ width: 390, height: 800 });
      await page.locator(`${fig}.narrow`).waitFor();
      const o = await overflow(page);
      assert.ok(o <= 0, `${fig}: the page scrolls sideways by ${o} px`);
      await page.setViewportSize({ width: 800, height: 390 });
      await page.locator(`${fig}:not(.narrow)`).waitFor();
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

// A group's name longer than its picker ("Ministries and agencies that do not provide public
// services", DTI 2020) was cut mid-word by the closed <select> at any width under ~560 px of
// picker: "…that do no". Where the browser allows it (style/main.css, appearance: base-select),
// the chosen name wraps inside the picker, which stays in the window and works by keyboard.
for (const lang of ['vi', 'en']) {
  test(`320 px, ${lang}: a long group name wraps in its picker instead of being cut`, async () => {
    const page = await newPage(browser, { viewport: { width: 320, height: 800 } });
    try {
      await page.goto(srv.url + '/?d=dti-2020&g=ministries-no-public-services' + (lang === 'en' ? '&lang=en' : ''));
      await ready(page);
      await settle(page);
      const r = await page.evaluate(() => {
        const box = (s) => document.querySelector(s).getBoundingClientRect();
        const g = document.querySelectorAll('.picker-row select')[1].getBoundingClientRect();
        const d = box('#dataset-picker');
        return { g: { h: g.height, left: g.left, right: g.right }, dh: d.height, innerWidth };
      });
      // The dataset's name ("2020") is one line; the group's takes two.
      assert.ok(r.g.h > r.dh * 1.5, `the group picker is ${r.g.h.toFixed(0)} px high, the dataset picker ${r.dh.toFixed(0)} px: the name is not wrapped`);
      assert.ok(r.g.left >= 0 && r.g.right <= r.innerWidth, `the group picker spans x = ${r.g.left}–${r.g.right}`);
      // Keyboard: open the list, go up one, choose.
      await page.locator('.picker-row select').nth(1).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /[?&]g=ministries-public-services(&|$)/.test(location.search));
      assert.equal(await page.locator('.picker-row select').nth(1).evaluate((s) => s.value), 'ministries-public-services');
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  });
}
