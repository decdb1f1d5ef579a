// Starts the page. A separate file, not an inline script, so the page runs under a
// Content-Security-Policy without 'unsafe-inline'.
//
// Every built-in rubric's page is prerendered (r/<id>/index.html): it is on screen and can be
// typed into before any of this runs. The front page (index.html) is a prerendered list of
// rubrics; a link to it that names a rubric (?rubric=, or the one used last here) goes on to
// that rubric's page, keeping the query and the fragment (a share link's figures).
//
// On a rubric's prerendered page, the first module (spacescore_live.js and its wasm: the
// scoring core and a thin layer over the page) loads first: it makes the form score as it is
// typed into. The app (spacescore_web.js and its wasm) is loaded only once the first module's
// bytes are in, so that on a slow connection they do not share it, and takes the page over.
// Both read the rubric from one fetch: this script fetches the list of rubrics
// (rubrics/index.json, when the app loads) and the compiled rubric to show
// (rubrics/<id>.bin) and hands both over as promises (window.spacescoreBoot). It also points
// window.spacescoreCheck(bytes, name) at check.js, which loads the rubric checker (the JS API
// package, pkg/) the first time a person opens a rubric file, and never before; and
// window.spacescoreFiling(kind, rubric, work, lang) at filing.js, which loads the export
// module (filing/: the .xlsx and .docx writers) the first time a person exports a filing.
//
// Once the app runs, this registers the service worker (sw.js), which keeps the site's files
// for the next visit, offline too; not inside a frame unless the host asked for it (offline=1).
// Every page names its build (<meta name="spacescore-build">): when it differs from the build
// this browser last ran, the app says once that the page was updated.

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
const build = document.querySelector('meta[name="spacescore-build"]')?.content ?? null;
// The benchmark's reference: the page as it was before the first module (the app alone, no
// service worker), marked on its <div id="app"> by the benchmark's server.
const appOnly = root?.dataset.appOnly !== undefined;

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

/** The build this browser ran before, when it differs from this page's; notes this one. */
function updatedFrom() {
  const key = 'spacescore/1/build';
  const last = stored(key);
  if (build === null || last === build) return null;
  try {
    localStorage.setItem(key, build);
  } catch {
    return null;
  }
  return last;
}

function start() {
  // A rubric file opened in this browser is read from local storage by the app itself, and
  // an embed's own rubric file (rubric-src) comes from its host: fetch neither here.
  const chosen = embedded ? null : asked ?? page ?? last;
  const opened = chosen !== null && stored(`spacescore/1/opened/${chosen}`) !== null;
  const boot = (window.spacescoreBoot = {
    base: base.href,
    // Set when the app starts loading.
    index: null,
    chosen,
    // A failed guess (an id the site does not have) is settled quietly; the app then falls
    // back to another rubric and says so.
    bytes: chosen && !opened ? bytes(new URL(`rubrics/${chosen}.bin`, base)).catch((e) => e) : null,
    // Set (to this page's build) when a new build has taken over since the last visit.
    updated: updatedFrom() === null ? null : build,
  });

  window.spacescoreCheck = (source, name) => import(new URL('check.js', base).href).then((c) => c.check(source, name));
  window.spacescoreFiling = (kind, rubric, work, lang) =>
    import(new URL('filing.js', base).href).then((f) => f.filing(kind, rubric, work, lang));

  const first = page !== null && page === chosen && boot.bytes !== null && !appOnly ? startFirst(boot.bytes) : Promise.resolve();
  first.then(() => startApp(boot));
}

/** Loads the first module and starts it on the rubric's bytes; settles once the module is
 * loaded (or could not be), whether or not the rubric has arrived. */
function startFirst(rubric) {
  const module = import(new URL('spacescore_live.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL('spacescore_live_bg.wasm', base) });
    return m;
  });
  Promise.all([module, rubric])
    .then(([m, b]) => {
      if (b instanceof ArrayBuffer) m.start(new Uint8Array(b));
    })
    .catch((error) => console.warn('spacescore: the form scores once the page has loaded:', error));
  return module.then(() => {}, () => {});
}

function startApp(boot) {
  boot.index = bytes(new URL('rubrics/index.json', base));
  import(new URL('spacescore_web.js', base).href)
    .then((m) => m.default({ module_or_path: new URL('spacescore_web_bg.wasm', base) }))
    .then(keepOffline)
    .catch((error) => {
      const p = document.createElement('p');
      p.className = 'fatal';
      p.setAttribute('role', 'alert');
      p.textContent = '页面无法启动 / The page cannot start: ' + error;
      document.body.append(p);
    });
}

/** Registers the service worker, which keeps the site's files for the next visit. A widget
 * in a frame does so only where its host asked for it (offline=1): a portal may not expect
 * a frame to install anything on its visitors' devices. */
function keepOffline() {
  if (appOnly || !('serviceWorker' in navigator)) return;
  if (window.self !== window.top && !params.has('offline')) return;
  navigator.serviceWorker
    .register(new URL('sw.js', base), { scope: base.href })
    .catch((error) => console.warn('spacescore: no offline copy:', error));
}
