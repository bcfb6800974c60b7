// Starts the analysis worker's WebAssembly (Monte Carlo and reach analysis, off the page's thread).
// A file of its own, loaded by `new Worker('worker-boot.js')` from the page's own origin, so that it
// runs under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval' (no blob: or eval).
// Paths are relative to this file. If the module cannot start, the page is told so and shows it.
/* global wasm_bindgen */
function bootFailed(e) {
  postMessage(JSON.stringify({ boot_failed: { detail: String(e) } }));
}
try {
  // The module's download starts before its glue code is read: one round trip less.
  var wasm = fetch('./xephang-worker_bg.wasm');
  wasm.catch(function () {}); // reported by wasm_bindgen below, or moot if importScripts fails
  importScripts('./xephang-worker.js');
  wasm_bindgen({ module_or_path: wasm }).catch(bootFailed);
} catch (e) {
  bootFailed(e);
}
