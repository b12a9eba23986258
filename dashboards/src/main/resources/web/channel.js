// Channel page (?channel=platform/handle): an owner's accounts on every platform, from /api/channels/PLATFORM/HANDLE.
(function () {
  const K = window.Kooch;
  K.initFilters();
  const chart = K.chart('subscribers');
  const id = K.params.get('channel') || '';
  const slash = id.indexOf('/');
  if (slash < 1) {
    document.getElementById('status').textContent =
      "no channel: open a channel from the Channels page, or add ?channel=PLATFORM/HANDLE (e.g. telegram/khamenei_ir) to the URL";
    return;
  }
  const path = '/api/channels/' + encodeURIComponent(id.slice(0, slash)) + '/' + encodeURIComponent(id.slice(slash + 1));

  K.poll(path, {}, (data) => {
    const c = data.channel;
    document.title = 'Kooch · ' + (c.title || c.channel);
    document.getElementById('channel-title').textContent = (c.title || c.channel) + ' · ' + c.platformName;
    document.getElementById('channel-description').textContent = c.description || '';
    const accounts = document.getElementById('accounts');
    accounts.replaceChildren();
    for (const a of data.accounts) {
      const li = K.el('li', null, { 'data-account': a.platform + '/' + a.channel });
      li.style.borderColor = K.color(a.platform);
      li.append(K.el('strong', a.platformName + ' '), K.channelLink(a.platform, a.channel, '@' + a.channel));
      accounts.appendChild(li);
    }

    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: K.number },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 90, right: 30, top: 50, bottom: 40 },
      xAxis: { type: 'category', data: data.days },
      yAxis: { type: 'value', axisLabel: { formatter: K.number } },
      series: data.accounts.map((a, i) => ({ name: a.platformName + ' @' + a.channel, type: 'line', showSymbol: false, connectNulls: true,
        data: data.subscribers[i], color: K.color(a.platform) })),
    }, true);

    const tbody = document.querySelector('#flows tbody');
    tbody.replaceChildren();
    for (const f of data.flows) {
      const tr = K.el('tr');
      tr.append(K.el('td', f.from.platform + '/' + f.from.channel), K.el('td', f.to.platform + '/' + f.to.channel),
        K.el('td', K.number(f.flow), { class: 'num' }), K.el('td', K.number(f.flowLow) + '–' + K.number(f.flowHigh), { class: 'num' }));
      tbody.appendChild(tr);
    }

    const posts = document.getElementById('announcements');
    posts.replaceChildren();
    for (const p of data.announcements) {
      const li = K.el('li', null, { 'data-post': p.platform + '/' + p.channel + '/' + p.postId });
      li.append(K.el('div', p.publishedAt + ' UTC · ' + p.platform + '/' + p.channel + ' #' + p.postId
        + (p.views != null ? ' · ' + K.number(p.views) + ' views' : ''), { class: 'meta' }),
        K.el('p', p.text, { dir: 'auto', lang: 'fa', class: 'post-text' }));
      posts.appendChild(li);
    }
    if (!data.announcements.length) posts.appendChild(K.el('li', 'No posts with links to other platforms in this range.'));
  });
})();
