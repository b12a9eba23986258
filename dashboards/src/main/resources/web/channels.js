// Channels page: the channels that gained and lost the most over the range, from /api/channels.
(function () {
  const K = window.Kooch;
  K.initFilters();
  const chart = K.chart('movers');

  function fill(id, rows) {
    const tbody = document.querySelector('#' + id + ' tbody');
    tbody.replaceChildren();
    for (const c of rows) {
      const tr = K.el('tr', null, { 'data-channel': c.platform + '/' + c.channel });
      const name = K.el('td');
      name.appendChild(K.channelLink(c.platform, c.channel));
      tr.append(name, K.el('td', c.title, { dir: 'auto' }),
        K.el('td', K.number(c.firstSubscribers) + ' → ' + K.number(c.lastSubscribers), { class: 'num' }),
        K.el('td', (c.change > 0 ? '+' : '') + K.number(c.change), { class: 'num ' + (c.change < 0 ? 'loss' : 'gain') }));
      tbody.appendChild(tr);
    }
  }

  K.poll('/api/channels', {}, (data) => {
    fill('gainers', data.gainers);
    fill('losers', data.losers);
    const rows = [...data.losers.slice().reverse(), ...data.gainers.slice().reverse()];
    chart.setOption({
      tooltip: { valueFormatter: K.number },
      grid: { left: 220, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: K.number } },
      yAxis: { type: 'category', data: rows.map((c) => c.platform + '/' + c.channel) },
      series: [{ type: 'bar', name: 'change', data: rows.map((c) => ({ value: c.change, itemStyle: { color: K.color(c.platform) } })) }],
    }, true);
  });
})();
