// As-you-type title suggestions for the search boxes. The site works without this script: the
// boxes are plain GET forms. Suggestions are inserted as <option> values (text, never HTML).
(function () {
  'use strict';
  var list = document.getElementById('title-suggestions');
  if (!list || !window.fetch) { return; }
  var timer = null;
  var last = '';
  function update(value) {
    var q = value.trim();
    if (q === last) { return; }
    last = q;
    if (q.length === 0) { list.replaceChildren(); return; }
    fetch('/api/suggest?limit=8&q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        if (q !== last) { return; }
        var options = items.map(function (item) {
          var o = document.createElement('option');
          o.value = item.title;
          return o;
        });
        list.replaceChildren.apply(list, options);
      })
      .catch(function () { /* suggestions are optional */ });
  }
  document.querySelectorAll('input[list="title-suggestions"]').forEach(function (input) {
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(input.value); }, 120);
    });
  });
})();
