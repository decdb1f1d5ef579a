// The example portal's own script: shows what the embedded widget reports.
document.addEventListener('spacescore:result', function (event) {
  var r = event.detail;
  document.getElementById('host-total').textContent = r.total === null ? '—' : r.total;
  document.getElementById('host-base').textContent = r.base === null ? '—' : r.base;
  document.getElementById('host-bonus').textContent = r.bonus === null ? '—' : r.bonus;
  document.getElementById('host-missing').textContent = String(r.missing.length);
});
