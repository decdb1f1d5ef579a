// spacescore embed: put the self-check widget into a portal page with one script tag.
//
//   <script src="https://…/embed.js" data-rubric="xinxiang/professional" data-lock="true"
//           data-lang="zh" data-accent="#c8102e"></script>
//
// The widget is placed right after the script tag, in an iframe that takes the height of its
// content. Results arrive as a `spacescore:result` DOM event (bubbling from the iframe; the
// message itself is in `event.detail`). See the README's "Embedding" section.
//
// With data-rubric-src="/path/rubric.toml" (a rubric file on this page's own origin), this
// script fetches the file itself (a same-origin request of the host page) and hands it to
// the widget when the widget asks for it, so the widget needs no access to the host's
// server and the host no CORS header.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL('.', script.src);
  var d = script.dataset;
  var params = new URLSearchParams();
  params.set('embed', '1');
  if (d.rubric) params.set('rubric', d.rubric);
  if (d.lock === 'true' || d.lock === '1') params.set('lock', '1');
  if (d.lang) params.set('lang', d.lang);
  if (d.accent) params.set('accent', d.accent);
  // The widget keeps an offline copy (a service worker on its own origin) only where the
  // portal asks for it.
  if (d.offline === 'true' || d.offline === '1') params.set('offline', '1');
  // The widget posts results only to this origin: the host page's own, unless told otherwise.
  params.set('parent', d.parent || window.location.origin);
  var rubricSource = null;
  if (d.rubricSrc) {
    var src = new URL(d.rubricSrc, window.location.href);
    if (src.origin !== window.location.origin) {
      console.error('spacescore: data-rubric-src must be on this page\'s own origin: ' + src.href);
    } else {
      params.set('rubric-src', 'parent');
      var name = src.pathname.split('/').pop() || 'rubric';
      rubricSource = fetch(src.href).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + src.href);
        return r.arrayBuffer();
      }).then(function (bytes) { return { name: name, bytes: bytes }; });
    }
  }

  var iframe = document.createElement('iframe');
  iframe.src = new URL('index.html?' + params.toString(), base).href;
  iframe.title = d.title || '众创空间绩效自评 · spacescore';
  iframe.className = 'spacescore-frame';
  iframe.setAttribute('scrolling', 'no');
  iframe.setAttribute('loading', 'eager');
  // Set through the CSSOM, which a strict Content-Security-Policy allows.
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.height = '40rem';
  script.insertAdjacentElement('afterend', iframe);

  window.addEventListener('message', function (event) {
    if (event.origin !== base.origin || event.source !== iframe.contentWindow) return;
    var m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'spacescore:height' && typeof m.height === 'number' && m.height > 0) {
      iframe.style.height = Math.ceil(m.height) + 'px';
    } else if (m.type === 'spacescore:result') {
      iframe.dispatchEvent(new CustomEvent('spacescore:result', { detail: m, bubbles: true }));
    } else if (m.type === 'spacescore:need-rubric' && rubricSource) {
      rubricSource.then(function (r) {
        iframe.contentWindow.postMessage({ type: 'spacescore:rubric', name: r.name, source: r.bytes }, base.origin);
      }, function (e) {
        console.error('spacescore: the rubric file cannot be fetched: ' + e);
      });
    }
  });
})();
