// Starts the page. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// Every built-in rubric's page is prerendered (r/<id>/index.html): it is on screen and can be
// typed into before any of this runs. The front page (index.html) is a prerendered list of
// rubrics; a link to it that names a rubric (?rubric=, or the one used last here) goes on to
// that rubric's page, keeping the query and the fragment (a share link's figures).
//
// While the wasm downloads, this begins fetching what the app needs: the list of rubrics
// (rubrics/index.json) and the compiled rubric to show (rubrics/<id>.bin), and hands both to
// the app as promises (window.spacescoreBoot). It also defines
// window.spacescoreCheck(bytes, name), which loads the rubric checker (the JS API package,
// pkg/) the first time a person opens a rubric file, and never before.

const base = new URL('./', import.meta.url);
const params = new URLSearchParams(location.search);
const rubricId = /^[a-z0-9][a-z0-9-]{0,63}\/[a-z0-9][a-z0-9-]{0,63}$/;
const root = document.getElementById('app');

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function valid(id) {
  return id && rubricId.test(id) ? id : null;
}

const asked = valid(params.get('rubric'));
const last = valid(stored('spacescore/1/last'));
const page = root?.dataset.rubric ?? null;
const pages = (root?.dataset.pages ?? '').split(' ').filter(Boolean);
const embedded = params.has('rubric-src');

// The front page: go on to the prerendered page of the rubric named, if the site has it.
const named = asked ?? last;
if (root?.dataset.picker !== undefined && !embedded && named && pages.includes(named)) {
  location.replace(new URL(`r/${named}/${location.search}${location.hash}`, base));
} else if (root?.dataset.picker === undefined || embedded || named || params.has('rubric')) {
  start();
}
// Otherwise the front page is the page: a list of links, no app needed.

function bytes(url) {
  return fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${url}`))));
}

function start() {
  // A rubric file opened in this browser is read from local storage by the app itself, and
  // an embed's own rubric file (rubric-src) comes from its host: fetch neither here.
  const chosen = embedded ? null : asked ?? page ?? last;
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

  import(new URL('spacescore_web.js', base).href)
    .then((m) => m.default({ module_or_path: new URL('spacescore_web_bg.wasm', base) }))
    .catch((error) => {
      const p = document.createElement('p');
      p.className = 'fatal';
      p.setAttribute('role', 'alert');
      p.textContent = '页面无法启动 / The page cannot start: ' + error;
      document.body.append(p);
    });
}
