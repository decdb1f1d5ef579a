// Starts the rubric studio. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// The site's root is one folder up (rubrics/): this defines window.spacescoreBoot.base,
// where the studio fetches rubrics/index.json and a built-in rubric's rubrics/<id>.bin. The
// studio checks rubric files with the checker compiled into its own module.

const base = new URL('../', import.meta.url);

window.spacescoreBoot = { base: base.href };

import('./spacescore_studio.js')
  .then((m) => m.default())
  .catch((error) => {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = '页面无法启动 / The page cannot start: ' + error;
    document.body.append(p);
  });
