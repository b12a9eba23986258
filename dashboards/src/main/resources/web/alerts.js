// "Latest moves" panel: the newest alerts (a channel announced another platform, or a pair was inferred), from /api/alerts.
(function () {
  const K = window.Kooch;
  K.poll('/api/alerts', { limit: 10 }, (data) => {
    const tbody = document.querySelector('#latest-moves tbody');
    tbody.replaceChildren();
    if (!data.alerts.length) {
      const tr = K.el('tr');
      tr.append(K.el('td', 'no moves yet', { colspan: '6' }));
      tbody.appendChild(tr);
      return;
    }
    for (const a of data.alerts) {
      const tr = K.el('tr', null, { 'data-alert-id': a.alertId });
      const from = K.el('td');
      from.append(K.channelLink(a.fromPlatform, a.fromChannel));
      const to = K.el('td');
      to.append(K.channelLink(a.toPlatform, a.toChannel));
      tr.append(K.el('td', a.raisedAt), from, to, K.el('td', a.kind), K.el('td', a.evidence), K.el('td', a.seenAt));
      tbody.appendChild(tr);
    }
  });
})();
