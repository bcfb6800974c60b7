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
  // The app's first downloads: its JS, WebAssembly, list of datasets and units registry, and the
  // file of a bundled dataset named in the link (?d=id). Away from the landing view nothing is on
  // screen until the app runs, so they are fetched now, from <head>. On the landing view they wait
  // until its prerendered copy has been painted (start(), below): requested earlier, they shared
  // the line with what is drawn first, and Lighthouse's simulated page load counted them in the
  // time to that paint (largest contentful paint 2.4-2.8 s against 1.0 s).
  function preloadApp() {
    var d = new URLSearchParams(location.search).get('d');
    if (!(d && /^[a-z0-9-]{1,64}$/.test(d))) d = '';
    ['xephang.js', '__wasm_split.js', 'xephang_bg.wasm', 'data/index.json', 'data/units.json', d && 'data/' + d + '.json'].forEach(function (f) {
      if (!f) return;
      var l = document.createElement('link');
      if (/js$/.test(f)) l.rel = 'modulepreload';
      else { l.rel = 'preload'; l.as = 'fetch'; }
      l.crossOrigin = 'anonymous';
      l.fetchPriority = 'low'; // after the stylesheet
      l.href = new URL('./' + f, base).href;
      document.head.appendChild(l);
    });
  }
  if (!landing) preloadApp();
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
  // With the prerendered landing view on screen, the app's downloads and start wait until that
  // view has been painted: until the browser reports the paint (Paint Timing), which comes when
  // the frame is shown, a frame or two after its script has run here (animation frames came too
  // early: the downloads began before the paint in most loads). Otherwise the app starts at once.
  function start() {
    if (!document.getElementById('prerender') || document.documentElement.classList.contains('not-landing')) return go();
    function now() { if (!started) { preloadApp(); go(); } }
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    // A hidden tab paints nothing; a browser without Paint Timing starts at once.
    if (document.visibilityState === 'hidden' || !types || types.indexOf('paint') < 0) return now();
    // The first contentful paint, the copy's: the first paint, reported apart, may be the
    // page's background alone, a frame before it (a browser test saw the download start then).
    new PerformanceObserver(function (l, o) {
      if (l.getEntriesByName('first-contentful-paint').length) { o.disconnect(); setTimeout(now, 0); }
    }).observe({ type: 'paint', buffered: true });
    document.addEventListener('visibilitychange', now);
    setTimeout(now, 3000); // should the paint never be reported
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
