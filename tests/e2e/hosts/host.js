// The test portal's script. It reads its own query (widget=ORIGIN&rubric=…&lock=…&lang=…
// &accent=…&parent=…&rubric-src=…), embeds the widget as a portal would, and records what it
// receives.
window.__results = [];
window.__messages = [];
window.addEventListener('message', function (e) { window.__messages.push({ origin: e.origin, data: e.data }); });
document.addEventListener('spacescore:result', function (e) { window.__results.push(e.detail); });
document.addEventListener('DOMContentLoaded', function () {
  var q = new URLSearchParams(location.search);
  var widget = q.get('widget');
  var slot = document.getElementById('slot');
  if (slot.dataset.mode === 'iframe') {
    var p = new URLSearchParams({ embed: '1', rubric: q.get('rubric') || '', parent: q.get('parent') || location.origin });
    if (q.get('lock')) p.set('lock', '1');
    if (q.get('lang')) p.set('lang', q.get('lang'));
    if (q.get('rubric-src')) p.set('rubric-src', q.get('rubric-src'));
    if (q.get('offline')) p.set('offline', '1');
    var f = document.createElement('iframe');
    f.src = widget + '/index.html?' + p.toString();
    f.className = 'spacescore-frame';
    f.style.width = '100%';
    f.style.border = '0';
    window.addEventListener('message', function (e) {
      if (e.origin === widget && e.data && e.data.type === 'spacescore:height') f.style.height = e.data.height + 'px';
      if (e.origin === widget && e.data && e.data.type === 'spacescore:result') window.__results.push(e.data);
    });
    slot.append(f);
    return;
  }
  var s = document.createElement('script');
  s.src = widget + '/embed.js';
  ['rubric', 'lock', 'lang', 'accent', 'parent'].forEach(function (k) {
    if (q.get(k)) s.dataset[k] = q.get(k);
  });
  if (q.get('rubric-src')) s.dataset.rubricSrc = q.get('rubric-src');
  slot.append(s);
});
