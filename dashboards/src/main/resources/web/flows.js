// Flows page: a flow diagram (sources left, targets right) and each pair's daily flow, from /api/flows.
(function () {
  const K = window.Kooch;
  K.initFilters();
  const sankey = K.chart('sankey');
  const daily = K.chart('daily');

  K.poll('/api/flows', {}, (data) => {
    // Sources and targets are separate nodes, so flows both ways never make a cycle.
    const nodes = new Map();
    const links = [];
    for (const p of data.pairs.filter((x) => x.total > 0)) {
      const from = 'from ' + p.from;
      const to = 'to ' + p.to;
      nodes.set(from, { name: from, label: { formatter: K.literal(p.fromName) }, itemStyle: { color: K.color(p.from) } });
      nodes.set(to, { name: to, label: { formatter: K.literal(p.toName) }, itemStyle: { color: K.color(p.to) } });
      links.push({ source: from, target: to, value: p.total, low: p.totalLow, high: p.totalHigh });
    }
    sankey.setOption({
      // ECharts shows a tooltip formatter's string as HTML: every name in it is escaped.
      tooltip: {
        formatter: (i) => i.dataType === 'edge'
          ? `${K.escapeHtml(i.data.source.slice(5))} → ${K.escapeHtml(i.data.target.slice(3))}: ${K.number(i.data.value)}`
            + ` (${K.number(i.data.low)}–${K.number(i.data.high)})`
          : `${K.escapeHtml(i.name.replace(/^(from|to) /, ''))}: ${K.number(i.value)}`,
      },
      series: [{ type: 'sankey', data: [...nodes.values()], links, nodeAlign: 'left', emphasis: { focus: 'adjacent' },
        lineStyle: { color: 'source', opacity: 0.4 }, label: { fontSize: 14 } }],
    }, true);

    daily.setOption({
      tooltip: { trigger: 'axis', valueFormatter: K.number },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 80, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'value', axisLabel: { formatter: K.number } },
      series: data.pairs.map((p) => ({ name: `${p.fromName} → ${p.toName}`, type: 'line', showSymbol: false,
        data: p.flow, color: K.color(p.to), lineStyle: { type: p.from === 'telegram' ? 'solid' : 'dashed' } })),
    }, true);

    const tbody = document.querySelector('#totals tbody');
    tbody.replaceChildren();
    for (const p of data.pairs) {
      const tr = K.el('tr', null, { 'data-pair': p.from + '>' + p.to });
      tr.append(K.el('td', p.fromName), K.el('td', p.toName), K.el('td', K.number(p.total), { class: 'num' }),
        K.el('td', K.number(p.totalLow) + '–' + K.number(p.totalHigh), { class: 'num' }),
        K.el('td', K.number(p.totalInferred), { class: 'num' }));
      tbody.appendChild(tr);
    }
  });
})();
