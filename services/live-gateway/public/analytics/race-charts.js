// The race page's whole-field charts: tyre strategy, pace by stint, provisional against official.
import { compoundColour, drawChart, emptyChart, escapeHtml } from './page.js';
import { paceByStint } from './race-data.js';

/** The classic strategy chart: one bar per driver, a segment per stint from its first to last lap. */
export function drawStrategy(stints, { name, order }) {
  const drivers = order.filter((n) => stints.some((s) => s.driver_number === n));
  if (!drivers.length)
    return emptyChart('strategy', 'Tyre strategy', 'The feed has no stints for this session.');
  const rows = stints
    .filter((s) => drivers.includes(s.driver_number))
    .map((s) => ({
      driver_number: s.driver_number,
      stint_number: s.stint_number,
      compound: s.compound,
      lap_start: s.lap_start,
      lap_end: s.lap_end,
    }));
  drawChart('strategy', {
    title: 'Tyre strategy',
    description:
      'Each driver’s stints from first to last lap, coloured by compound (S soft, M medium, H hard, I intermediate, W wet).',
    height: Math.max(320, drivers.length * 24 + 60),
    rows,
    option: {
      tooltip: {
        trigger: 'item',
        formatter: ({ value }) =>
          `${escapeHtml(name(drivers[value[0]]))}: ${escapeHtml(value[3])}, laps ${value[1]}–${value[2] ?? '…'}`,
      },
      grid: { left: 56, right: 16, top: 16, bottom: 36 },
      xAxis: { type: 'value', name: 'lap', min: 0 },
      yAxis: { type: 'category', data: drivers.map(name), inverse: true },
      series: [
        {
          id: 'stints',
          name: 'Stints',
          type: 'custom',
          encode: { x: [1, 2], y: 0 },
          renderItem: (params, api) => {
            const start = api.coord([api.value(1) - 1, api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const height = api.size([0, 1])[1] * 0.7;
            const compound = api.value(3);
            return {
              type: 'group',
              children: [
                {
                  type: 'rect',
                  shape: {
                    x: start[0],
                    y: start[1] - height / 2,
                    width: Math.max(end[0] - start[0], 1),
                    height,
                  },
                  style: { fill: compoundColour(compound), stroke: '#0008' },
                },
                {
                  type: 'text',
                  style: {
                    x: start[0] + 4,
                    y: start[1],
                    text: String(compound ?? '?').slice(0, 1),
                    fill: '#000',
                    verticalAlign: 'middle',
                    font: 'bold 11px sans-serif',
                  },
                },
              ],
            };
          },
          data: rows.map((r) => [drivers.indexOf(r.driver_number), r.lap_start, r.lap_end, r.compound]),
        },
      ],
    },
  });
}

/** Race pace: the spread of clean lap times of each stint, as box plots. */
export function drawPace(laps, stints, { name, shown }) {
  const boxes = paceByStint(laps, stints).filter((b) => shown.includes(b.driver));
  if (!boxes.length)
    return emptyChart('pace', 'Race pace by stint and compound', 'No stint has two clean laps yet.');
  drawChart('pace', {
    title: 'Race pace by stint and compound',
    description:
      'Lap times of each stint without lap 1, pit-in, pit-out and deleted laps (box: quartiles, whiskers: fastest and slowest).',
    height: 380,
    rows: boxes.map((b) => ({
      driver_number: b.driver,
      stint_number: b.stint,
      compound: b.compound,
      laps: b.laps,
      min: b.box[0],
      q1: b.box[1],
      median: b.box[2],
      q3: b.box[3],
      max: b.box[4],
    })),
    option: {
      grid: { left: 56, right: 16, top: 16, bottom: 72 },
      xAxis: {
        type: 'category',
        data: boxes.map((b) => `${name(b.driver)} S${b.stint} ${b.compound?.slice(0, 1) ?? '?'}`),
        axisLabel: { rotate: 50 },
      },
      yAxis: { type: 'value', name: 's', scale: true },
      series: [
        {
          id: 'pace',
          name: 'Lap times',
          type: 'boxplot',
          data: boxes.map((b) => ({
            value: b.box,
            itemStyle: { color: compoundColour(b.compound), borderColor: '#888' },
          })),
        },
      ],
    },
  });
}

/** Provisional (the feed's last classification) against official: who the stewards moved. */
export function drawResult(result, { name }) {
  const table = document.getElementById('result-table');
  if (!result.length) {
    table.innerHTML = '<caption>No classification for this session yet.</caption>';
    return emptyChart('result', 'Movers after the session', 'No classification for this session yet.');
  }
  const official = result.some((r) => r.result_status === 'official');
  table.innerHTML = `
    <caption>${
      official
        ? 'Official result (from the historical sources) beside the feed’s provisional classification.'
        : 'Provisional: the official result has not arrived from the historical sources yet.'
    }</caption>
    <thead><tr><th scope="col" class="num">Pos</th><th scope="col">Driver</th><th scope="col" class="num">Provisional</th>
      <th scope="col" class="num">Official</th><th scope="col" class="num">Change</th><th scope="col">Status</th></tr></thead>
    <tbody>${result
      .map(
        (r) => `<tr data-driver="${r.driver_number}"${r.places_gained ? ' class="differs"' : ''}>
        <td class="num">${r.position ?? '–'}</td><th scope="row">${escapeHtml(name(r.driver_number))}</th>
        <td class="num">${r.provisional_position ?? '–'}</td><td class="num">${r.official_position ?? '–'}</td>
        <td class="num">${r.places_gained ? (r.places_gained > 0 ? `+${r.places_gained}` : r.places_gained) : ''}</td>
        <td>${escapeHtml(r.status ?? (r.dnf ? 'DNF' : ''))}</td></tr>`,
      )
      .join('')}</tbody>`;
  const movers = result.filter((r) => r.places_gained);
  if (!official || !movers.length)
    return emptyChart(
      'result',
      'Movers after the session',
      official ? 'Nobody moved: the official order is the provisional one.' : 'No official result yet.',
    );
  drawChart('result', {
    title: 'Movers after the session',
    description: 'Places gained (positive) or lost between the provisional and the official result.',
    rows: movers.map((r) => ({
      driver_number: r.driver_number,
      provisional_position: r.provisional_position,
      official_position: r.official_position,
      places_gained: r.places_gained,
    })),
    option: {
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'value', name: 'places', minInterval: 1 },
      yAxis: { type: 'category', data: movers.map((r) => name(r.driver_number)), inverse: true },
      series: [
        {
          id: 'places-gained',
          name: 'Places gained',
          type: 'bar',
          data: movers.map((r) => ({
            value: r.places_gained,
            itemStyle: { color: r.places_gained > 0 ? '#22a35a' : '#d93025' },
          })),
        },
      ],
    },
  });
}
