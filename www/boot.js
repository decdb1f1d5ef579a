// Loads the wasm app. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
import init from './spacescore_web.js';

init().catch((error) => {
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = '页面无法启动 / The page cannot start: ' + error;
  document.body.append(p);
});
