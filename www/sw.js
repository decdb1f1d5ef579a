// The service worker: keeps the site's files so that a page seen once opens and scores on the
// next visit with no network at all. Registered by boot.js once the app runs.
//
// - Versioned with the build: `cargo xtask dist` writes BUILD below (the build's version and
//   the SHA-256 of every file of the site), so a new build is a new sw.js, which the browser
//   finds on the next visit and installs beside the old one. It keeps its files in a cache of
//   its own (`spacescore-<version>`), checked against their hashes (a file half-deployed is
//   not kept; the install is tried again on the next visit), then takes over: the page open
//   now keeps running the code it has, and the next load is the new build's, which says so.
// - Kept at install: the files every rubric's page loads (BUILD.shell), each page open now
//   and the rubric it shows, and every page and rubric the previous build had kept.
// - The site's own files are served from the cache, and kept as they are first fetched (the
//   rubric checker, another page). Rubric data (rubrics/: the list and the compiled rubrics,
//   which `spacescore publish` may add to after the build) is served from the cache too, and
//   fetched again behind it, so the next visit has the newest.
// - Anything else (another origin, a file not of this build) goes to the network untouched.

const BUILD = {"version":"dev","shell":[],"files":{}};
const CACHE = `spacescore-${BUILD.version}`;
const scope = new URL(self.registration.scope);

/** A URL's path in the site ('r/x/y/' is 'r/x/y/index.html'), or null outside it. */
function inSite(url) {
  const u = new URL(url);
  if (u.origin !== scope.origin || !u.pathname.startsWith(scope.pathname)) return null;
  let path = decodeURIComponent(u.pathname.slice(scope.pathname.length));
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return path;
}

const isData = (path) => path.startsWith('rubrics/');
const key = (path) => new URL(path, scope).href;

async function sha256(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetches a file of the site, checked against this build's hash when it has one (rubric
 * data is not checked: `spacescore publish` changes it after the build). */
async function fetchChecked(path) {
  const response = await fetch(key(path), { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  const want = isData(path) ? undefined : BUILD.files[path];
  if (want !== undefined && (await sha256(await response.clone().arrayBuffer())) !== want) {
    throw new Error(`${path} is not the file of build ${BUILD.version}`);
  }
  return response;
}

/** A rubric's page, and the rubric it shows. */
function withRubric(path, into) {
  if (path === null) return;
  into.add(path);
  const m = /^r\/([a-z0-9-]+\/[a-z0-9-]+)\/index\.html$/.exec(path);
  if (m) into.add(`rubrics/${m[1]}.bin`);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const code = new Set(BUILD.shell);
    const data = new Set();
    for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
      withRubric(inSite(client.url), data);
    }
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith('spacescore-')) continue;
      for (const request of await (await caches.open(name)).keys()) withRubric(inSite(request.url), data);
    }
    // The shell must all be this build's; a page or rubric that is gone is left out.
    await Promise.all([...code].map(async (path) => cache.put(key(path), await fetchChecked(path))));
    await Promise.all([...data].filter((p) => !code.has(p) && (p in BUILD.files || isData(p))).map(async (path) => {
      try {
        await cache.put(key(path), await fetchChecked(path));
      } catch {}
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE && name.startsWith('spacescore-')) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** A file of this build: from the cache, else fetched, checked and kept. */
async function kept(path, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key(path));
  if (hit) return hit;
  try {
    const response = await fetchChecked(path);
    await cache.put(key(path), response.clone());
    return response;
  } catch {
    return fetch(request);
  }
}

/** Rubric data: from the cache at once when kept, fetched again behind it for next time. */
async function fresh(event, path) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key(path));
  const update = fetch(key(path), { cache: 'no-cache' }).then(async (response) => {
    if (response.ok) await cache.put(key(path), response.clone());
    return response;
  });
  if (hit) {
    event.waitUntil(update.catch(() => {}));
    return hit;
  }
  return update;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || BUILD.version === 'dev') return;
  const path = inSite(request.url);
  if (path === null) return;
  if (isData(path)) event.respondWith(fresh(event, path));
  else if (path in BUILD.files) event.respondWith(kept(path, request));
});
