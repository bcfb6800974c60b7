// Starts the WebAssembly app. A separate file (not an inline script) so that the page works
// under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval'.
//
// A classic script in <head>, run before the body is drawn: the body may hold the landing view
// prerendered at build time (.ci/prerender.mjs), which is right only for the bare address; for
// any other (a query or a fragment) it is hidden before it can flash on screen.
(function () {
  var landing = !(location.search || location.hash);
  if (!landing) document.documentElement.classList.add('not-landing');
  // The language of the link, for what is shown before the app runs (index.html's loading line).
  if (/[?&]lang=en(&|$)/.test(location.search)) document.documentElement.lang = 'en';
  var base = document.currentScript.src;
  // The app's JS, WebAssembly, list of datasets and units registry are preloaded by index.html
  // (at low priority: on the landing view they must not slow down what is drawn first). The file
  // of a bundled dataset named in the link (?d=id) is known only here: away from the landing
  // view nothing is on screen until the app runs, so it is fetched now, from <head>.
  var d = new URLSearchParams(location.search).get('d');
  if (d && /^[a-z0-9-]{1,64}$/.test(d)) {
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.crossOrigin = 'anonymous';
    l.href = new URL('./data/' + d + '.json', base).href;
    document.head.appendChild(l);
  }
  function fail(e) {
    var p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.className = 'boot-error';
    p.textContent = 'Không khởi động được ứng dụng; hãy tải lại trang. / The app could not start; reload the page. (' + e + ')';
    // First in the page: on the landing view the prerendered copy, inert, fills the screen below.
    document.body.insertBefore(p, document.body.firstChild);
  }
  var started = false;
  function go() {
    if (started) return;
    started = true;
    import(new URL('./xephang.js', base).href)
      .then(function (m) { return m.default({ module_or_path: new URL('./xephang_bg.wasm', base) }); })
      .catch(fail);
  }
  // With the prerendered landing view on screen, the app starts once that view has been painted
  // (its files are already on their way); otherwise at once.
  function start() {
    if (!document.getElementById('prerender') || document.documentElement.classList.contains('not-landing')) return go();
    requestAnimationFrame(function () { setTimeout(go, 0); });
    setTimeout(go, 200); // no animation frames in a hidden tab
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
