// Draws /api/graph with ECharts (served from the app's own WebJar). Explicit edges (listed on the
// page) are solid, computed ones dashed; nodes take their category's colour; a click opens the article.
(function () {
  'use strict';
  document.querySelectorAll('.legend .dot[data-colour]').forEach(function (dot) {
    dot.style.backgroundColor = dot.getAttribute('data-colour');
  });
  var el = document.getElementById('graph');
  if (!el || !window.echarts) { return; }
  var chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.showLoading({ text: '加载中…' });
  fetch(el.getAttribute('data-src'), { headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      // A force layout of thousands of nodes is unreadable and slow: show the best-connected part.
      var LIMIT = 600;
      if (g.nodes.length > LIMIT) {
        var kept = g.nodes.slice().sort(function (a, b) {
          return b.degree - a.degree || (a.id < b.id ? -1 : 1);
        }).slice(0, LIMIT);
        var ids = new Set(kept.map(function (n) { return n.id; }));
        var note = document.getElementById('graph-note');
        if (note) {
          note.textContent = '文章较多，图中显示关系最多的 ' + LIMIT + ' 篇（共 ' + g.nodes.length + ' 篇）。';
        }
        g = { nodes: kept, edges: g.edges.filter(function (e) { return ids.has(e.source) && ids.has(e.target); }) };
      }
      var nodes = g.nodes.map(function (n) {
        return {
          id: n.id,
          name: n.title,
          value: n.categoryName,
          url: n.url,
          symbolSize: Math.min(38, 10 + 3 * Math.sqrt(n.degree)),
          itemStyle: n.stub
            ? { color: '#ffffff', borderColor: n.colour, borderWidth: 2 }
            : { color: n.colour, borderColor: '#ffffff', borderWidth: 1 },
          label: { show: !n.stub || g.nodes.length < 40 }
        };
      });
      var edges = g.edges.map(function (e) {
        var computed = e.kind === 'computed';
        return {
          source: e.source,
          target: e.target,
          lineStyle: {
            type: computed ? 'dashed' : 'solid',
            width: computed ? 1 : 1.6,
            color: computed ? '#7fb3e0' : '#9aa5b1',
            opacity: computed ? 0.75 : 0.9
          }
        };
      });
      chart.hideLoading();
      chart.setOption({
        tooltip: {
          formatter: function (p) {
            // ECharts puts tooltip text into HTML: escape it.
            var t = document.createElement('span');
            t.textContent = p.dataType === 'node' ? p.data.name + '（' + p.data.value + '）' : '';
            return t.innerHTML;
          }
        },
        series: [{
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          data: nodes,
          links: edges,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          // Computed once, not animated: the picture holds still and a node stays where it is clicked.
          force: { repulsion: nodes.length < 60 ? 900 : 260, edgeLength: nodes.length < 60 ? [140, 240] : [70, 160], gravity: 0.08, layoutAnimation: false },
          labelLayout: { hideOverlap: true },
          label: { position: 'right', fontSize: 11, color: '#333', formatter: function (p) {
            return p.data.name.length > 12 ? p.data.name.slice(0, 12) + '…' : p.data.name;
          } },
          emphasis: { focus: 'adjacency', lineStyle: { width: 2.5 } }
        }]
      });
      el.setAttribute('data-nodes', String(nodes.length));
      chart.on('click', function (p) {
        if (p.dataType === 'node' && p.data.url) { window.location.href = p.data.url; }
      });
      window.addEventListener('resize', function () { chart.resize(); });
    })
    .catch(function () {
      chart.hideLoading();
      el.textContent = '关系图加载失败。';
    });
})();
