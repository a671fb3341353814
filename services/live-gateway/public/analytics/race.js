// The race or session page: lap times, positions, gaps, tyre strategy, pace by stint, and the
// provisional result against the official one. Reads the OpenF1-style API only.
import { openf1 } from './api.js';
import { bindPageState, compoundColour, drawChart, emptyChart, escapeHtml, setStatus } from './page.js';
import { drawPace, drawResult, drawStrategy } from './race-charts.js';
import { stintOfLap, valueAtLapEnd } from './race-data.js';

const NO_SESSIONS =
  'No sessions yet: replay one with <code>npm run replay -- data/sessions/2025-miami-gp-sprint --speed max</code> ' +
  '(<code>npm start</code> replays the bundled sessions on its first run), then reload.';
const DEFAULTS = { session_key: '', drivers: 'top10' };

const state = bindPageState(DEFAULTS, () => render());
let sessions = [];

render();

async function render() {
  try {
    setStatus('loading', 'Loading the session…');
    if (!sessions.length) sessions = await openf1('sessions');
    if (!sessions.length) return setStatus('empty', NO_SESSIONS);
    const race = sessions.findLast((s) => s.session_type === 'Race') ?? sessions.at(-1);
    const session = sessions.find((s) => String(s.session_key) === state.session_key) ?? race;
    const key = session.session_key;
    document.getElementById('session').innerHTML = sessions
      .map(
        (s) =>
          `<option value="${s.session_key}"${s.session_key === key ? ' selected' : ''}>${escapeHtml(
            `${s.year} ${s.location}: ${s.session_name}`,
          )}</option>`,
      )
      .join('');
    document.getElementById('page-title').textContent =
      `${session.year} ${session.location}: ${session.session_name}`;
    const [drivers, laps, stints, positions, intervals, result] = await Promise.all(
      ['drivers', 'laps', 'stints', 'position', 'intervals', 'session_result'].map((e) =>
        openf1(e, { session_key: key }),
      ),
    );
    if (!laps.length) {
      setStatus('empty', `No laps of this session yet: is its replay still running? ${NO_SESSIONS}`);
      return;
    }
    const byNumber = new Map(drivers.map((d) => [d.driver_number, d]));
    const name = (n) => byNumber.get(n)?.name_acronym ?? String(n);
    const colour = (n) => (byNumber.get(n)?.team_colour ? `#${byNumber.get(n).team_colour}` : undefined);
    const order = result.length ? result.map((r) => r.driver_number) : drivers.map((d) => d.driver_number);
    const shown = pickDrivers(order, state.drivers);
    fillDriverChoice(order, name);
    const context = { key, name, colour, order, shown };
    drawLapTimes(laps, stints, context);
    drawByLap('positions', 'Position lap by lap', valueAtLapEnd(laps, positions, 'position'), context, {
      description: 'Each car’s position as it completed each lap (position changes at the end of the lap).',
      axis: { inverse: true, min: 1, minInterval: 1, name: 'position' },
    });
    drawByLap('gaps', 'Gap to the leader', valueAtLapEnd(laps, intervals, 'gap_to_leader'), context, {
      description: 'Seconds behind the leader as each lap ended (lapped cars are left out).',
      axis: { name: 's' },
    });
    drawStrategy(stints, context);
    drawPace(laps, stints, context);
    drawResult(result, context);
    setStatus('ready');
  } catch (error) {
    setStatus('error', `Could not load the session: ${escapeHtml(error.message)}`);
  }
}

function pickDrivers(order, choice) {
  if (choice === 'all') return order;
  if (choice === 'top5') return order.slice(0, 5);
  if (/^\d+$/.test(choice ?? '')) return order.filter((n) => String(n) === choice);
  return order.slice(0, 10);
}

function fillDriverChoice(order, name) {
  const options = [
    ['top10', 'Top 10 of the result'],
    ['top5', 'Top 5 of the result'],
    ['all', 'All drivers'],
    ...order.map((n) => [String(n), `${name(n)} (${n})`]),
  ];
  document.getElementById('drivers').innerHTML = options
    .map(
      ([v, t]) => `<option value="${v}"${v === state.drivers ? ' selected' : ''}>${escapeHtml(t)}</option>`,
    )
    .join('');
}

function drawLapTimes(laps, stints, { name, colour, shown }) {
  const timed = laps.filter(
    (lap) => typeof lap.lap_duration === 'number' && shown.includes(lap.driver_number),
  );
  drawChart('lap-times', {
    title: 'Lap times',
    description:
      'Lap time per lap for the chosen drivers; dots coloured by tyre compound, triangles mark pit-in laps, diamonds pit-out laps.',
    height: 420,
    rows: timed.map((lap) => ({
      driver_number: lap.driver_number,
      lap_number: lap.lap_number,
      lap_duration: lap.lap_duration,
      compound: stintOfLap(stints, lap.driver_number, lap.lap_number)?.compound ?? null,
      is_pit_in_lap: lap.is_pit_in_lap,
      is_pit_out_lap: lap.is_pit_out_lap,
    })),
    option: {
      tooltip: { trigger: 'item', confine: true },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 56, right: 16, top: 60, bottom: 56 },
      xAxis: { type: 'value', name: 'lap', minInterval: 1 },
      yAxis: { type: 'value', name: 's', scale: true },
      dataZoom: [
        { type: 'inside', yAxisIndex: 0 },
        { type: 'slider', yAxisIndex: 0, width: 14, right: 0 },
      ],
      series: shown.map((n) => ({
        id: String(n),
        name: name(n),
        type: 'line',
        color: colour(n),
        symbolSize: 7,
        data: timed
          .filter((lap) => lap.driver_number === n)
          .map((lap) => ({
            value: [lap.lap_number, lap.lap_duration],
            symbol: lap.is_pit_in_lap ? 'triangle' : lap.is_pit_out_lap ? 'diamond' : 'circle',
            itemStyle: { color: compoundColour(stintOfLap(stints, n, lap.lap_number)?.compound) },
          })),
      })),
    },
  });
}

function drawByLap(id, title, byDriver, { name, colour, shown }, { description, axis }) {
  const drivers = shown.filter((n) => byDriver.has(n));
  if (!drivers.length) return emptyChart(id, title, 'The feed has no values for these laps.');
  drawChart(id, {
    title,
    description,
    rows: drivers.flatMap((n) =>
      byDriver.get(n).map(([lap, value]) => ({ driver_number: n, lap_number: lap, value })),
    ),
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 60, bottom: 32 },
      xAxis: { type: 'value', name: 'lap', minInterval: 1 },
      yAxis: { type: 'value', ...axis },
      series: drivers.map((n) => ({
        id: String(n),
        name: name(n),
        type: 'line',
        color: colour(n),
        symbolSize: 4,
        data: byDriver.get(n),
      })),
    },
  });
}
