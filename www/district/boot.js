// Starts the district page. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// The site's root is one folder up (rubrics/, pkg/). This defines window.spacescoreBoot.base
// (where the app fetches rubrics/index.json and rubrics/<id>.bin) and
// window.spacescoreCheck(bytes, name), which loads the rubric checker (the JS API package,
// pkg/) the first time a person opens a rubric file, and never before: the same checker the
// self-check page uses.

const base = new URL('../', import.meta.url);

window.spacescoreBoot = { base: base.href };

let checker = null;
window.spacescoreCheck = async (source, name) => {
  checker ??= import(new URL('pkg/spacescore.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('pkg/spacescore_bg.wasm', base) });
    return m;
  });
  const m = await checker;
  return m.checkRubric(source, name);
};

import('./spacescore_district.js')
  .then((m) => m.default())
  .catch((error) => {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = '页面无法启动 / The page cannot start: ' + error;
    document.body.append(p);
  });
