/*! Xếp Hạng embed loader. MIT. No dependencies.
 * Turns every <div data-xephang-src="URL"> into a lazy iframe (optional data-xephang-title,
 * data-xephang-height) and sets each frame's height from its own messages only:
 * {type:"xephang:height", version:1, id:<the frame's eid>, height:<px>}, sent by that frame's
 * window from the origin of its src. Loading this file twice is harmless. */
(function (w, d) {
  'use strict';
  var K = '__xephangEmbed';
  var st = w[K];
  if (!st) {
    st = w[K] = { n: 0, frames: [] };
    w.addEventListener('message', function (e) {
      var m = e.data, i, f;
      if (!m || typeof m !== 'object' || Object.getPrototypeOf(m) !== Object.prototype) return;
      if (Object.keys(m).sort().join() !== 'height,id,type,version') return;
      if (m.type !== 'xephang:height' || m.version !== 1 || typeof m.id !== 'string') return;
      var h = m.height;
      if (typeof h !== 'number' || !(h >= 0 && h <= 100000)) return;
      for (i = 0; i < st.frames.length; i++) {
        f = st.frames[i];
        if (e.source && f.el.contentWindow === e.source && e.origin === f.origin && m.id === f.id) {
          f.el.style.height = Math.ceil(h) + 'px';
          return;
        }
      }
    });
  }

  function make(div) {
    var url, h, f, id;
    try { url = new URL(div.getAttribute('data-xephang-src'), d.baseURI); } catch (_) { return; }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    id = 'xh' + (++st.n) + '-' + Math.random().toString(36).slice(2, 8);
    url.searchParams.set('embed', '1');
    url.searchParams.set('eid', id);
    h = parseInt(div.getAttribute('data-xephang-height'), 10);
    f = d.createElement('iframe');
    f.setAttribute('loading', 'lazy');
    f.src = url.href;
    f.title = div.getAttribute('data-xephang-title') || 'Xếp Hạng';
    f.setAttribute('referrerpolicy', 'no-referrer');
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    f.style.width = '100%';
    f.style.border = '0';
    f.style.display = 'block';
    f.style.height = (h > 0 && h <= 100000 ? h : 600) + 'px';
    st.frames.push({ el: f, origin: url.origin, id: id });
    div.setAttribute('data-xephang-ready', '');
    div.textContent = '';
    div.appendChild(f);
  }

  function scan() {
    var all = d.querySelectorAll('div[data-xephang-src]:not([data-xephang-ready])'), i;
    for (i = 0; i < all.length; i++) make(all[i]);
  }
  st.scan = scan;
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', scan);
  else scan();
})(window, document);
