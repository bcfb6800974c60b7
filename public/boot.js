// Starts the WebAssembly app. A separate file (not an inline script) so that the page works
// under a Content-Security-Policy of script-src 'self' 'wasm-unsafe-eval'.
import init from './xephang.js';

init({ module_or_path: new URL('./xephang_bg.wasm', import.meta.url) }).catch((e) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = 'Không khởi động được ứng dụng / The app could not start: ' + e;
  document.body.appendChild(p);
});
