// Kooch dashboard: reads /api/platforms with the page's own query string, so a URL is a view.
(function () {
  const params = new URLSearchParams(window.location.search);
  const form = document.getElementById('filters');
  for (const name of ['from', 'to', 'platform']) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const name of ['from', 'to', 'platform']) {
      const v = form.elements[name].value.trim();
      if (v) q.set(name, v);
    }
    window.location.search = q.toString();
  });

  const chart = echarts.init(document.getElementById('tracked'));
  // One colour per platform, shared by its tracked line and its reported-users points.
  const COLORS = { telegram: '#2a9fd6', soroush: '#1b7f5f', gap: '#e0a100', eitaa: '#d9534f', bale: '#6f42c1',
    rubika: '#c2185b', igap: '#5d4037', instagram: '#e1306c', twitter: '#444' };
  const fmt = new Intl.NumberFormat('en');

  async function load() {
    const status = document.getElementById('status');
    try {
      const res = await fetch('/api/platforms?' + params.toString());
      const body = await res.json();
      if (!res.ok) { status.textContent = body.error || res.statusText; return; }
      status.textContent = '';
      render(body);
    } catch (err) {
      status.textContent = 'cannot reach the server: ' + err;
    }
  }

  function render(data) {
    const series = [];
    for (const p of data.platforms) {
      const color = COLORS[p.platform];
      series.push({ name: p.name, type: 'line', showSymbol: false, data: p.tracked, connectNulls: false, color });
      if (p.reported.some((v) => v !== null)) {
        series.push({ name: p.name + ' (reported users)', type: 'scatter', symbol: 'diamond', symbolSize: 12, data: p.reported, color });
      }
    }
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : fmt.format(v)) },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 80, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'log', logBase: 10, axisLabel: { formatter: (v) => fmt.format(v) } },
      series: series,
    }, true);
    const tbody = document.querySelector('#latest tbody');
    tbody.replaceChildren();
    for (const p of data.platforms) {
      let i = p.tracked.length - 1;
      while (i >= 0 && p.tracked[i] == null) i--;
      const reported = p.reported.filter((v) => v !== null);
      const tr = document.createElement('tr');
      tr.dataset.platform = p.platform;
      for (const [text, cls] of [[p.name, ''], [i >= 0 ? data.days[i] : '–', ''],
          [i >= 0 ? fmt.format(p.tracked[i]) : '–', 'num'],
          [reported.length ? fmt.format(reported[reported.length - 1]) : '–', 'num']]) {
        const td = document.createElement('td');
        td.textContent = text;
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  }

  load();
  setInterval(load, 5000);
  window.addEventListener('resize', () => chart.resize());
})();
