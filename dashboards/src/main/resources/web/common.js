// Shared by every page. The filters (from, to, platform, and on the flows page found_by) live in the URL, so a URL is a view:
// the form fills from it, submitting rewrites it, and the navigation links carry it along.
window.Kooch = (function () {
  const params = new URLSearchParams(window.location.search);
  const FILTERS = ['from', 'to', 'platform', 'found_by'];
  // One colour per platform, shared by all its series on every page.
  const COLORS = { telegram: '#2a9fd6', soroush: '#1b7f5f', gap: '#e0a100', eitaa: '#d9534f', bale: '#6f42c1',
    rubika: '#c2185b', igap: '#5d4037', instagram: '#e1306c', twitter: '#444' };
  const fmt = new Intl.NumberFormat('en');

  function filterQuery() {
    const q = new URLSearchParams();
    for (const name of FILTERS) {
      if (params.get(name)) q.set(name, params.get(name));
    }
    return q;
  }

  function initFilters() {
    const form = document.getElementById('filters');
    for (const name of FILTERS) {
      if (form.elements[name] && params.get(name)) form.elements[name].value = params.get(name);
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams(window.location.search);
      for (const name of FILTERS) {
        const input = form.elements[name];
        const v = input ? input.value.trim() : '';
        if (v) q.set(name, v); else q.delete(name);
      }
      window.location.search = q.toString();
    });
    const query = filterQuery().toString();
    for (const a of document.querySelectorAll('nav a, a.keeps-filters')) {
      const url = new URL(a.getAttribute('href'), window.location.href);
      if (query) url.search = query;
      a.setAttribute('href', url.pathname + url.search);
      if (url.pathname === window.location.pathname) a.setAttribute('aria-current', 'page');
    }
  }

  // Each request's current error, by path: a page polls several, and one that answers must not
  // clear another's reason from the status line.
  const errors = new Map();
  function showErrors(status) {
    status.textContent = [...new Set(errors.values())].join('; ');
  }

  // Fetches the API with the page's filters every few seconds (the demo fills ClickHouse live) and
  // renders only when the data changed; API errors (400 with a reason) show in the status line.
  function poll(path, extra, render) {
    const status = document.getElementById('status');
    const q = filterQuery();
    for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
    let last = null;
    async function load() {
      try {
        const res = await fetch(path + (q.toString() ? '?' + q : ''));
        const text = await res.text();
        if (!res.ok) {
          errors.set(path, errorMessage(text) || res.status + ' ' + res.statusText);
          showErrors(status);
          document.body.dataset.error = 'true';
          return;
        }
        errors.delete(path);
        showErrors(status);
        if (text !== last) {
          last = text;
          render(JSON.parse(text));
          document.body.dataset.loaded = 'true';
        }
      } catch (err) {
        errors.set(path, 'cannot reach the server: ' + err);
        showErrors(status);
      }
    }
    load();
    setInterval(load, 5000);
  }

  // The "error" of a JSON error body, or null when the body is something else (a proxy's page).
  function errorMessage(text) {
    try {
      const body = JSON.parse(text);
      return body && typeof body.error === 'string' ? body.error : null;
    } catch (e) {
      return null;
    }
  }

  function chart(id) {
    const c = echarts.init(document.getElementById(id));
    window.addEventListener('resize', () => c.resize());
    return c;
  }

  // A table cell or other element; text is set as text (never HTML), with dir="auto" so Persian
  // titles and posts read right to left.
  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  function channelLink(platform, channel, text) {
    const q = filterQuery();
    q.delete('platform');
    q.set('channel', platform + '/' + channel);
    return el('a', text || platform + '/' + channel, { href: '/channel.html?' + q, dir: 'auto' });
  }

  function number(v) {
    return v === null || v === undefined ? '–' : fmt.format(v);
  }

  function color(platform) {
    return Object.prototype.hasOwnProperty.call(COLORS, platform) ? COLORS[platform] : '#888';
  }

  // Text made safe for the places that take HTML: ECharts draws a formatter's string as HTML in its
  // tooltips, and names there come from Kafka and ClickHouse, where anyone may have written them.
  const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escapeHtml(v) {
    return String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
  }

  // A label formatter that draws the text as it is: a string formatter is a template ({b}, {c}) and
  // braces in a name would be read as one.
  function literal(text) {
    return () => String(text === null || text === undefined ? '' : text);
  }

  return { params, initFilters, poll, chart, el, channelLink, number, color, escapeHtml, literal };
})();
