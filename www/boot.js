// Starts the page. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// While the wasm downloads, this begins fetching what the first render needs: the list of
// rubrics (rubrics/index.json) and the compiled rubric the URL or the last visit names
// (rubrics/<id>.bin), and hands both to the app as promises (window.spacescoreBoot). It
// also defines window.spacescoreCheck(bytes, name), which loads the rubric checker (the JS
// API package, pkg/) the first time a person opens a rubric file, and never before.

const base = new URL('./', import.meta.url);
const params = new URLSearchParams(location.search);
const rubricId = /^[a-z0-9][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/;

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function guess() {
  const asked = params.get('rubric');
  if (asked && rubricId.test(asked)) return asked;
  const last = stored('spacescore/1/last');
  return last && rubricId.test(last) ? last : null;
}

function bytes(url) {
  return fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${url}`))));
}

// A rubric file opened in this browser is read from local storage by the app itself, and
// an embed's own rubric file (rubric-src) comes from its host: fetch neither here.
const chosen = params.has('rubric-src') ? null : guess();
const opened = chosen !== null && stored(`spacescore/1/opened/${chosen}`) !== null;
window.spacescoreBoot = {
  base: base.href,
  index: bytes(new URL('rubrics/index.json', base)),
  chosen,
  // A failed guess (an id the site does not have) is settled quietly; the app then falls
  // back to another rubric and says so.
  bytes: chosen && !opened ? bytes(new URL(`rubrics/${chosen}.bin`, base)).catch((e) => e) : null,
};

let checker = null;
window.spacescoreCheck = async (source, name) => {
  checker ??= import(new URL('pkg/spacescore.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('pkg/spacescore_bg.wasm', base) });
    return m;
  });
  const m = await checker;
  return m.checkRubric(source, name);
};

import('./spacescore_web.js')
  .then((m) => m.default())
  .catch((error) => {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = '页面无法启动 / The page cannot start: ' + error;
    document.body.append(p);
  });
