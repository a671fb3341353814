// The season page: championship progression, the standings (calculated against official, with the
// decisions that explain a difference), wins/podiums/poles, teammates, pit stops by team.
import { history } from './api.js';
import { bindPageState, drawChart, emptyChart, escapeHtml, setStatus } from './page.js';
import { renderStandings } from './season-standings.js';
import { fiveNumbers, groupBy } from './stats.js';

const NO_HISTORY =
  'No history yet: run <code>npm run ingest -- import-csv data/history/ergast-csv-2020-2025</code> ' +
  '(or the full set in <code>../shared/data/ergast-csv-tracinginsights-2025-10</code>), or ' +
  '<code>npm run ingest -- backfill --from 2025 --to 2025</code>. <code>npm start</code> imports the ' +
  'bundled seasons on its first run; they appear here as they are projected.';

const state = bindPageState({ season: '', championship: 'drivers', round: '' }, () => render(), {
  season: { round: '' },
});
let seasons = [];

render();

async function render() {
  try {
    setStatus('loading', 'Loading the season…');
    if (!seasons.length) seasons = (await history('seasons')).filter((s) => s.races > 0).map((s) => s.season);
    if (!seasons.length) return setStatus('empty', NO_HISTORY);
    const season = Number(state.season) || Math.max(...seasons);
    fillSelect('season', seasons.toReversed(), season, String);
    for (const radio of document.querySelectorAll('input[name="championship"]'))
      radio.checked = radio.value === state.championship;
    document.getElementById('page-title').textContent = `${season} season`;
    const constructors = state.championship === 'constructors';
    const [progression, names] = await Promise.all([
      history('standings-progression', { season, championship: state.championship }),
      entrantNames(season),
    ]);
    if (!progression.length) {
      setStatus('empty', `No standings for ${season} yet. ${NO_HISTORY}`);
      return;
    }
    const rounds = [...new Map(progression.map((row) => [row.round, row.race_name])).entries()].sort(
      (a, b) => a[0] - b[0],
    );
    const round = Number(state.round) || rounds.at(-1)[0];
    fillSelect(
      'round',
      rounds.map(([r]) => r).toReversed(),
      round,
      (r) => `round ${r}: ${rounds.find(([x]) => x === r)[1]}`,
    );
    const label = (ref) => (constructors ? names.constructors : names.drivers).get(ref) ?? ref;
    const driverLabel = (ref) => names.drivers.get(ref) ?? ref;
    const teamLabel = (ref) => names.constructors.get(ref) ?? ref;
    drawProgression(progression, rounds, label, season);
    await Promise.all([
      renderStandings({ season, round, constructors, label }),
      drawAchievements(season, constructors, label),
      drawTeammates(season, driverLabel),
      drawPitStops(season, teamLabel),
    ]);
    setStatus('ready');
  } catch (error) {
    setStatus('error', `Could not load the season: ${escapeHtml(error.message)}`);
  }
}

function drawProgression(rows, rounds, label, season) {
  const byEntrant = new Map();
  for (const row of rows) {
    if (!byEntrant.has(row.entrant_ref)) byEntrant.set(row.entrant_ref, new Map());
    byEntrant.get(row.entrant_ref).set(row.round, row.points);
  }
  const last = rounds.at(-1)[0];
  const entrants = [...byEntrant.keys()].sort(
    (a, b) => (byEntrant.get(b).get(last) ?? 0) - (byEntrant.get(a).get(last) ?? 0),
  );
  drawChart('progression', {
    title: 'Championship progression',
    description: `Points after each round of ${season}, ${state.championship}' championship, as published (standings-progression).`,
    height: 420,
    rows,
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 60, bottom: 56 },
      xAxis: {
        type: 'category',
        name: 'round',
        data: rounds.map(([r]) => r),
        axisLabel: { formatter: (r) => r },
      },
      yAxis: { type: 'value', name: 'points' },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: entrants.map((ref) => ({
        id: ref,
        name: label(ref),
        type: 'line',
        symbolSize: 5,
        data: rounds.map(([r]) => byEntrant.get(ref).get(r) ?? null),
      })),
    },
  });
}

async function drawAchievements(season, constructors, label) {
  const rows = await history(constructors ? 'constructor-season-performance' : 'driver-season-performance', {
    season,
  });
  const key = constructors ? 'constructor_ref' : 'driver_ref';
  const shown = rows
    .filter((row) => row.podiums > 0 || row.poles > 0 || row.wins > 0)
    .sort((a, b) => b.points - a.points || a[key].localeCompare(b[key]));
  if (!shown.length) return emptyChart('achievements', 'Wins, podiums and poles', 'No podiums or poles yet.');
  const data = shown.map((row) => ({
    [key]: row[key],
    wins: row.wins,
    podiums: row.podiums,
    poles: row.poles,
  }));
  drawChart('achievements', {
    title: 'Wins, podiums and poles',
    description: `Per ${constructors ? 'constructor' : 'driver'} with at least one, by points (season performance).`,
    rows: data,
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      grid: { left: 40, right: 12, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: shown.map((row) => label(row[key])), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: ['wins', 'podiums', 'poles'].map((measure) => ({
        id: measure,
        name: measure[0].toUpperCase() + measure.slice(1),
        type: 'bar',
        data: data.map((row) => row[measure]),
      })),
    },
  });
}

async function drawTeammates(season, label) {
  const rows = (await history('teammate-head-to-head', { season })).filter(
    (r) => r.driver_ref < r.teammate_ref,
  );
  if (!rows.length)
    return emptyChart('teammates', 'Teammate head-to-head', 'No teammates recorded for this season.');
  const pairs = rows.map((r) => `${label(r.driver_ref)} – ${label(r.teammate_ref)}`);
  const measures = [
    ['race_ahead', 'Race: first ahead', 'race'],
    ['race_behind', 'Race: second ahead', 'race'],
    ['qualifying_ahead', 'Qualifying: first ahead', 'qualifying'],
    ['qualifying_behind', 'Qualifying: second ahead', 'qualifying'],
  ];
  drawChart('teammates', {
    title: 'Teammate head-to-head',
    description:
      'Races and qualifyings each driver of a pair finished ahead of the other (teammate-head-to-head).',
    height: Math.max(320, rows.length * 36 + 80),
    rows,
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      grid: { left: 110, right: 16, top: 56, bottom: 24 },
      yAxis: { type: 'category', data: pairs, inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: measures.map(([field, name, stack]) => ({
        id: field,
        name,
        type: 'bar',
        stack,
        data: rows.map((r) => r[field]),
      })),
    },
  });
}

async function drawPitStops(season, label) {
  const rows = (await history('pit-stop-performance', { season })).filter((r) => r.median_ms !== null);
  if (!rows.length)
    return emptyChart('pit-stops', 'Pit stops by team', 'No timed pit stops for this season.');
  const byTeam = groupBy(rows, (r) => r.constructor_ref);
  const teams = [...byTeam.keys()].sort((a, b) => median(byTeam.get(a)) - median(byTeam.get(b)));
  drawChart('pit-stops', {
    title: 'Pit stops by team',
    description:
      'Each team’s median pit-lane time per race, in seconds, over the season (box: quartiles, whiskers: min and max).',
    rows,
    option: {
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: { type: 'category', data: teams.map(label), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: 's', scale: true },
      series: [
        {
          id: 'median-by-team',
          name: 'Median pit-lane time per race',
          type: 'boxplot',
          itemStyle: { color: 'rgba(90, 140, 255, 0.25)', borderColor: '#5a8cff' },
          data: teams.map((team) => fiveNumbers(byTeam.get(team).map((r) => r.median_ms / 1000))),
        },
      ],
    },
  });
}

function median(rows) {
  return fiveNumbers(rows.map((r) => r.median_ms))[2];
}

async function entrantNames(season) {
  const [drivers, constructors] = await Promise.all([
    history('drivers', { season }),
    history('constructors', { season }),
  ]);
  return {
    drivers: new Map(drivers.map((row) => [row.driver_ref, row.code ?? row.family_name])),
    constructors: new Map(constructors.map((row) => [row.constructor_ref, row.name])),
  };
}

function fillSelect(id, values, selected, text) {
  const select = document.getElementById(id);
  select.innerHTML = values
    .map((v) => `<option value="${v}"${v === selected ? ' selected' : ''}>${escapeHtml(text(v))}</option>`)
    .join('');
}
