// Platforms page: tracked subscribers per platform (lines) and reported users (diamonds), from /api/platforms.
(function () {
  const K = window.Kooch;
  K.initFilters();
  const chart = K.chart('tracked');

  K.poll('/api/platforms', {}, (data) => {
    const series = [];
    for (const p of data.platforms) {
      const color = K.color(p.platform);
      // A log axis cannot show zero: a platform without tracked subscribers has no point that day.
      series.push({ name: p.name, type: 'line', showSymbol: false, data: p.tracked.map((v) => (v > 0 ? v : null)), color });
      if (p.reported.some((v) => v !== null)) {
        series.push({ name: p.name + ' (reported users)', type: 'scatter', symbol: 'diamond', symbolSize: 12, data: p.reported, color });
      }
    }
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: K.number },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 90, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'log', logBase: 10, axisLabel: { formatter: K.number } },
      series,
    }, true);

    const tbody = document.querySelector('#latest tbody');
    tbody.replaceChildren();
    for (const p of data.platforms) {
      let i = p.tracked.length - 1;
      while (i >= 0 && p.tracked[i] == null) i--;
      const reported = p.reported.filter((v) => v !== null);
      const tr = K.el('tr', null, { 'data-platform': p.platform });
      tr.append(K.el('td', p.name), K.el('td', i >= 0 ? data.days[i] : '–'),
        K.el('td', i >= 0 ? K.number(p.channels ? p.channels[i] : null) : '–', { class: 'num' }),
        K.el('td', i >= 0 ? K.number(p.tracked[i]) : '–', { class: 'num' }),
        K.el('td', reported.length ? K.number(reported[reported.length - 1]) : '–', { class: 'num' }));
      tbody.appendChild(tr);
    }
  });
})();
