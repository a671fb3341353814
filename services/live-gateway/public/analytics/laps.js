// The two-laps page: two drivers' fastest laps overlaid (speed, throttle, brake, gear against
// distance along the lap) and the track map coloured by speed or gear, FastF1's signature plots.
import { openf1 } from './api.js';
import { fastestLap, lapWindow, nearestSample, withDistance } from './laps-data.js';
import { bindPageState, drawChart, emptyChart, escapeHtml, setStatus } from './page.js';

const NO_TELEMETRY =
  'No car telemetry yet: the bundled Mexico City qualifying has it; replay it with ' +
  '<code>npm run replay -- data/sessions/2025-mexico-city-gp-qualifying --speed max</code> (' +
  '<code>npm start</code> replays it at 10× speed, so laps appear as it goes).';
const DEFAULTS = { session_key: '', a: '', b: '', colour: 'speed' };
const CHANNELS = [
  ['speed', 'Speed', 'km/h'],
  ['throttle', 'Throttle', '%'],
  ['brake', 'Brake', 'on/off'],
  ['n_gear', 'Gear', 'gear'],
];

const state = bindPageState(DEFAULTS, () => render(), { session_key: { a: '', b: '' } });
let sessions = [];

render();

async function render() {
  try {
    setStatus('loading', 'Loading the laps…');
    if (!sessions.length) sessions = await openf1('sessions');
    if (!sessions.length) return setStatus('empty', NO_TELEMETRY);
    const session =
      sessions.find((s) => String(s.session_key) === state.session_key) ??
      sessions.find((s) => s.session_type === 'Qualifying') ??
      sessions[0];
    const key = session.session_key;
    fill(
      'session',
      sessions.map((s) => [s.session_key, `${s.year} ${s.location}: ${s.session_name}`]),
      key,
    );
    const [drivers, laps] = await Promise.all([
      openf1('drivers', { session_key: key }),
      openf1('laps', { session_key: key }),
    ]);
    const fastest = drivers
      .map((d) => ({ driver: d, lap: fastestLap(laps, d.driver_number) }))
      .filter((x) => x.lap)
      .sort((x, y) => x.lap.lap_duration - y.lap.lap_duration);
    if (fastest.length < 2)
      return setStatus('empty', `Fewer than two timed laps in this session yet. ${NO_TELEMETRY}`);
    const a = fastest.find((x) => String(x.driver.driver_number) === state.a) ?? fastest[0];
    const b =
      fastest.find((x) => String(x.driver.driver_number) === state.b && x !== a) ??
      fastest.find((x) => x !== a);
    const label = (x) =>
      `${x.driver.name_acronym} ${x.lap.lap_duration.toFixed(3)} s (lap ${x.lap.lap_number})`;
    const options = fastest.map((x) => [x.driver.driver_number, label(x)]);
    fill('driver-a', options, a.driver.driver_number);
    fill('driver-b', options, b.driver.driver_number);
    document.getElementById('colour').value = state.colour;
    document.getElementById('page-title').textContent =
      `${session.year} ${session.location} ${session.session_name}: ${a.driver.name_acronym} against ${b.driver.name_acronym}`;
    const [traceA, traceB] = await Promise.all([trace(key, a), trace(key, b)]);
    if (!traceA.samples.length || !traceB.samples.length) return setStatus('empty', NO_TELEMETRY);
    for (const [channel, title, unit] of CHANNELS)
      drawChannel(channel, title, unit, [a, b], [traceA, traceB]);
    drawTrackMap(a, traceA);
    setStatus('ready');
  } catch (error) {
    setStatus('error', `Could not load the laps: ${escapeHtml(error.message)}`);
  }
}

async function trace(key, { driver, lap }) {
  const { start, end } = lapWindow(lap);
  const window = {
    session_key: key,
    driver_number: driver.driver_number,
    'date>=': new Date(start).toISOString(),
    'date<=': new Date(end).toISOString(),
  };
  const [carData, locations] = await Promise.all([openf1('car_data', window), openf1('location', window)]);
  return { samples: withDistance(carData, locations), locations };
}

function drawChannel(channel, title, unit, entries, traces) {
  const id = channel === 'n_gear' ? 'gear' : channel;
  const series = entries.map((entry, i) => ({
    id: String(entry.driver.driver_number),
    name: entry.driver.name_acronym,
    type: 'line',
    step: channel === 'n_gear' || channel === 'brake' ? 'end' : false,
    showSymbol: false,
    color: i === 0 ? `#${entry.driver.team_colour ?? '3671C6'}` : '#9aa0a6',
    lineStyle: { width: 2, type: i === 0 ? 'solid' : 'dashed' },
    data: traces[i].samples.filter((s) => s[channel] !== null).map((s) => [s.distance, s[channel]]),
  }));
  drawChart(id, {
    title,
    description: `${title} (${unit}) against distance along the lap (metres, from the car's positions); dashed: ${entries[1].driver.name_acronym}.`,
    height: channel === 'speed' ? 340 : 240,
    rows: entries.flatMap((entry, i) =>
      traces[i].samples.map((s) => ({
        driver_number: entry.driver.driver_number,
        date: s.date,
        distance_m: s.distance,
        [channel]: s[channel],
      })),
    ),
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'value', name: 'm', min: 0 },
      yAxis: { type: 'value', name: unit, scale: channel === 'speed' },
      series,
    },
  });
}

function drawTrackMap(entry, { samples, locations }) {
  const byGear = state.colour === 'gear';
  const points = locations.map((p) => {
    const sample = nearestSample(samples, Date.parse(p.date));
    return [p.x, p.y, sample ? sample[byGear ? 'n_gear' : 'speed'] : null];
  });
  if (!points.length) return emptyChart('track-map', 'Track map', 'No positions for this lap.');
  const values = points.map((p) => p[2]).filter((v) => v !== null);
  const bounds = equalScale(points);
  const chart = drawChart('track-map', {
    title: 'Track map',
    description: `${entry.driver.name_acronym}'s fastest lap, each position coloured by ${byGear ? 'gear' : 'speed (km/h)'}.`,
    height: 420,
    rows: points.map(([x, y, value]) => ({ x, y, [byGear ? 'gear' : 'speed']: value })),
    option: {
      grid: { left: 16, right: 72, top: 16, bottom: 16 },
      xAxis: { type: 'value', show: false, ...bounds.x },
      yAxis: { type: 'value', show: false, ...bounds.y },
      visualMap: byGear
        ? {
            type: 'piecewise',
            dimension: 2,
            min: 1,
            max: 8,
            right: 0,
            top: 'middle',
            categories: [1, 2, 3, 4, 5, 6, 7, 8],
            inRange: {
              color: ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#fde725'],
            },
          }
        : {
            type: 'continuous',
            dimension: 2,
            min: Math.min(...values),
            max: Math.max(...values),
            right: 0,
            top: 'middle',
            calculable: true,
            inRange: { color: ['#2c7bb6', '#abd9e9', '#ffffbf', '#fdae61', '#d7191c'] },
          },
      series: [
        { id: 'track', name: byGear ? 'Gear' : 'Speed', type: 'scatter', symbolSize: 6, data: points },
      ],
    },
  });
  // A metre is as long across as up: a square plot area in the middle of the panel's width.
  const side = Math.max(200, Math.min(chart.getWidth() - 104, 520));
  chart.getDom().style.height = `${side + 32}px`;
  chart.resize();
  chart.setOption({
    grid: { left: Math.max(16, (chart.getWidth() - side - 72) / 2), width: side, height: side },
  });
}

/** Axis ranges of equal span around the circuit, so the map keeps its shape. */
function equalScale(points) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * 1.04;
  const around = (values) => {
    const middle = (Math.max(...values) + Math.min(...values)) / 2;
    return { min: middle - span / 2, max: middle + span / 2 };
  };
  return { x: around(xs), y: around(ys) };
}

function fill(id, options, selected) {
  document.getElementById(id).innerHTML = options
    .map(([v, t]) => `<option value="${v}"${v === selected ? ' selected' : ''}>${escapeHtml(t)}</option>`)
    .join('');
}
