// Starts the district page. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// The site's root is one folder up (rubrics/, pkg/, check.js). This defines
// window.spacescoreBoot.base (where the app fetches rubrics/index.json and rubrics/<id>.bin)
// and points window.spacescoreCheck(bytes, name) at the site's check.js, which loads the
// rubric checker (the JS API package, pkg/) the first time a person opens a rubric file, and
// never before: the same checker, loaded the same way, as on the self-check page.

const base = new URL('../', import.meta.url);

window.spacescoreBoot = { base: base.href };
window.spacescoreCheck = (source, name) => import(new URL('check.js', base).href).then((c) => c.check(source, name));

import('./spacescore_district.js')
  .then((m) => m.default())
  .catch((error) => {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = '页面无法启动 / The page cannot start: ' + error;
    document.body.append(p);
  });
