// Attention beside the audiences: views per platform and day from /api/attention. Views at 24 h
// (solid) compare platforms fairly; days without a post measured at 24 h have no point, never a
// zero. Views as last observed are dashed. Shares of all platforms' attention are in the API's
// answer and `kooch attention`.
(function () {
  const K = window.Kooch;
  const chart = K.chart('attention');

  K.poll('/api/attention', {}, (data) => {
    const series = [];
    for (const p of data.platforms) {
      const color = K.color(p.platform);
      const at24h = p.name + ' (at 24 h)';
      // A log axis cannot show zero: a day without views has no point.
      series.push({ name: at24h, type: 'line', showSymbol: false, connectNulls: false, color,
        data: p.views24h.map((v) => (v > 0 ? v : null)) });
      series.push({ name: p.name + ' (last observed)', type: 'line', showSymbol: false, color, lineStyle: { type: 'dashed' },
        data: p.views.map((v) => (v > 0 ? v : null)) });
    }
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: K.number },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 90, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'log', logBase: 10, axisLabel: { formatter: K.number } },
      series,
    }, true);
  });
})();
