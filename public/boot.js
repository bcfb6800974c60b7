// Starts the WebAssembly app. A separate file (not an inline script) so that the page works
// under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval'.
//
// A classic script in <head>, run before the body is drawn: the body may hold the landing view
// prerendered at build time (.ci/prerender.mjs), which is right only for the bare address; for
// any other (a query or a fragment) it is hidden before it can flash on screen.
(function () {
  if (location.search || location.hash) document.documentElement.classList.add('not-landing');
  var base = document.currentScript.src;
  function fail(e) {
    var p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.className = 'boot-error';
    p.textContent = 'Không khởi động được ứng dụng / The app could not start: ' + e;
    document.body.appendChild(p);
  }
  var started = false;
  function go() {
    if (started) return;
    started = true;
    // The app's first requests, fetched alongside the WebAssembly instead of after it: the list
    // of datasets, the units registry and, for a link to a bundled dataset (?d=id), its file.
    var files = ['index.json', 'units.json'];
    var d = new URLSearchParams(location.search).get('d');
    if (d && /^[a-z0-9-]{1,64}$/.test(d)) files.push(d + '.json');
    files.forEach(function (f) {
      var l = document.createElement('link');
      l.rel = 'preload';
      l.as = 'fetch';
      l.crossOrigin = 'anonymous';
      l.href = new URL('./data/' + f, base).href;
      document.head.appendChild(l);
    });
    import(new URL('./xephang.js', base).href)
      .then(function (m) { return m.default({ module_or_path: new URL('./xephang_bg.wasm', base) }); })
      .catch(fail);
  }
  // With the prerendered landing view on screen, the app's download waits until that view has
  // been painted (a slow connection then draws the ranking first instead of sharing its
  // bandwidth with half a megabyte of WebAssembly); otherwise it starts at once.
  function start() {
    if (!document.getElementById('prerender') || document.documentElement.classList.contains('not-landing')) return go();
    requestAnimationFrame(function () { setTimeout(go, 0); });
    setTimeout(go, 200); // no animation frames in a hidden tab
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
