// Starts the analysis worker's WebAssembly (Monte Carlo and reach analysis, off the page's thread).
// A file of its own, loaded by `new Worker('worker-boot.js')` from the page's own origin, so that it
// runs under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval' (no blob: or eval).
// Paths are relative to this file. If the module cannot start, the page is told so and shows it.
/* global wasm_bindgen */
try {
  importScripts('./xephang-worker.js');
  wasm_bindgen({ module_or_path: './xephang-worker_bg.wasm' }).catch(function (e) {
    postMessage(JSON.stringify({ boot_failed: { detail: String(e) } }));
  });
} catch (e) {
  postMessage(JSON.stringify({ boot_failed: { detail: String(e) } }));
}
