// What every analytics page shares: the state in the URL, the theme, the status line, and chart
// panels that export their data as CSV and their picture as PNG. `echarts` is the global the
// vendor bundle defines (served from node_modules at /analytics/vendor/echarts.min.js).

const charts = new Map();

/** The page's state: the query string, so that a link reproduces the view. */
export function readState(defaults) {
  const search = new URLSearchParams(location.search);
  const state = { ...defaults };
  for (const key of Object.keys(defaults)) if (search.has(key)) state[key] = search.get(key);
  return state;
}

/** Writes the state into the URL (one history entry per change, so Back undoes it). */
export function writeState(state) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(state))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const next = `${location.pathname}?${search}`;
  if (next !== `${location.pathname}${location.search}`) history.pushState(null, '', next);
}

/** Dark or light: `?theme=` wins, else the system's preference. The toggle writes `?theme=`. */
export function currentTheme() {
  const chosen = new URLSearchParams(location.search).get('theme');
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function setupShell(onThemeChange) {
  document.documentElement.dataset.theme = currentTheme();
  const toggle = document.getElementById('theme-toggle');
  const label = () => (toggle.textContent = currentTheme() === 'dark' ? 'Light theme' : 'Dark theme');
  label();
  toggle.addEventListener('click', () => {
    const search = new URLSearchParams(location.search);
    search.set('theme', currentTheme() === 'dark' ? 'light' : 'dark');
    history.replaceState(null, '', `${location.pathname}?${search}`);
    document.documentElement.dataset.theme = currentTheme();
    label();
    onThemeChange();
  });
  addEventListener('resize', () => charts.forEach((chart) => chart.instance.resize()));
}

/**
 * The page's state, kept in the URL: read at load and again on Back or Forward, changed by the
 * `#controls` form (`resets` names the fields a change of one field clears), and the page redrawn
 * each time. The returned object is updated in place, so it is always the current state.
 */
export function bindPageState(defaults, render, resets = {}) {
  const state = readState(defaults);
  setupShell(() => render());
  addEventListener('popstate', () => {
    Object.assign(state, readState(defaults));
    render();
  });
  document.getElementById('controls').addEventListener('change', (event) => {
    const { name, value } = event.target;
    Object.assign(state, { [name]: value }, resets[name]);
    writeState(state);
    render();
  });
  return state;
}

/** The status line (loading, empty, error) and `data-state` on <body>, which tests wait for. */
export function setStatus(state, html = '') {
  document.body.dataset.state = state;
  const status = document.getElementById('status');
  status.innerHTML = html;
  status.hidden = !html;
  status.className = `status ${state}`;
}

/**
 * A chart panel: a titled figure, its text alternative, and CSV/PNG buttons. `rows` is the data
 * the chart plots, as a table, so the CSV holds exactly what is drawn.
 */
export function drawChart(id, { title, description, option, rows, height = 360 }) {
  const host = document.getElementById(id);
  if (!host) throw new Error(`no chart slot #${id}`);
  if (!host.dataset.ready) buildPanel(host, id, title, description);
  host.querySelector('figcaption .summary').textContent = description;
  const canvas = host.querySelector('.chart');
  canvas.style.height = `${height}px`;
  charts.get(id)?.instance.dispose();
  const instance = echarts.init(canvas, currentTheme() === 'dark' ? 'dark' : null, { renderer: 'canvas' });
  instance.setOption({
    backgroundColor: 'transparent',
    animation: false,
    aria: { enabled: true, label: { description: `${title}. ${description}` } },
    tooltip: { trigger: 'item', confine: true },
    ...option,
  });
  charts.set(id, { instance, rows, title });
  // What the CSV export writes, readable by scripts and tests beside the chart's own getOption().
  window.analyticsRows = { ...window.analyticsRows, [id]: rows };
  return instance;
}

/** Where a view has nothing to plot: say why and what to do, instead of an empty frame. */
export function emptyChart(id, title, html) {
  const host = document.getElementById(id);
  if (!host.dataset.ready) buildPanel(host, id, title, '');
  charts.get(id)?.instance.dispose();
  charts.delete(id);
  host.querySelector('.chart').style.height = 'auto';
  host.querySelector('.chart').innerHTML = `<p class="empty">${html}</p>`;
}

function buildPanel(host, id, title, description) {
  host.dataset.ready = 'true';
  host.classList.add('panel');
  host.innerHTML = `
    <div class="panel-head">
      <h2 id="${id}-title">${title}</h2>
      <div class="exports">
        <button type="button" data-export="csv" aria-label="Download ${title} as CSV">CSV</button>
        <button type="button" data-export="png" aria-label="Download ${title} as PNG">PNG</button>
      </div>
    </div>
    <figure aria-labelledby="${id}-title">
      <div class="chart" role="img" aria-label="${title}"></div>
      <figcaption><span class="summary">${description}</span></figcaption>
    </figure>`;
  host.querySelector('[data-export="csv"]').addEventListener('click', () => exportCsv(id));
  host.querySelector('[data-export="png"]').addEventListener('click', () => exportPng(id));
}

export function exportCsv(id) {
  const chart = charts.get(id);
  if (!chart) return;
  download(`${id}.csv`, new Blob([toCsv(chart.rows)], { type: 'text/csv' }));
}

export function exportPng(id) {
  const chart = charts.get(id);
  if (!chart) return;
  const background = getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#fff';
  const url = chart.instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
  download(`${id}.png`, url);
}

/** RFC 4180: a header row of the first row's keys, quotes where needed, CRLF. */
export function toCsv(rows) {
  if (!rows.length) return '';
  const keys = Object.keys(rows[0]);
  const cell = (value) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return (
    [keys.join(','), ...rows.map((row) => keys.map((key) => cell(row[key])).join(','))].join('\r\n') + '\r\n'
  );
}

function download(name, blobOrUrl) {
  const link = document.createElement('a');
  link.download = name;
  link.href = typeof blobOrUrl === 'string' ? blobOrUrl : URL.createObjectURL(blobOrUrl);
  document.body.append(link);
  link.click();
  link.remove();
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The colours F1 graphics use for compounds, so the strategy chart reads as on TV. */
export const COMPOUND_COLOURS = {
  SOFT: '#e10600',
  MEDIUM: '#ffd12e',
  HARD: '#d0d0d0',
  INTERMEDIATE: '#39b54a',
  WET: '#0067ad',
  UNKNOWN: '#888888',
};

export function compoundColour(compound) {
  return COMPOUND_COLOURS[compound] ?? COMPOUND_COLOURS.UNKNOWN;
}
