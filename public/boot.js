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
  function start() {
    import(new URL('./xephang.js', base).href)
      .then(function (m) { return m.default({ module_or_path: new URL('./xephang_bg.wasm', base) }); })
      .catch(fail);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
