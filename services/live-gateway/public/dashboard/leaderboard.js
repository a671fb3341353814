// The timing tower: one row per car, coloured as on TV.

import { escapeHtml, lapTime, sectorTime, teamColour, tyreOf } from './format.js';

const SECTOR_CLASS = { overall: 'purple', personal: 'green', none: 'yellow' };

export class Leaderboard {
  /** `onSelect(driverNumber)` when a row is clicked: the telemetry view follows that car. */
  constructor(table, model, onSelect) {
    this.body = table.querySelector('tbody');
    this.model = model;
    this.selected = null;
    this.lastLapSeen = new Map();
    // Rows are redrawn several times a second, so a row under the pointer at mousedown may be
    // replaced before mouseup and the click then lands on no row: select on the press instead.
    const pick = (event) => {
      const row = event.target.closest('tr[data-driver]');
      if (row && row.isConnected) onSelect(Number(row.dataset.driver));
    };
    this.body.addEventListener('pointerdown', (event) => {
      if (event.button === 0) pick(event);
    });
    this.body.addEventListener('click', pick);
  }

  select(driverNumber) {
    this.selected = driverNumber;
    this.render();
  }

  render() {
    const rows = this.model
      .orderedRows()
      .filter((row) => this.model.drivers.has(row.driverNumber) || row.position !== null);
    this.body.innerHTML = rows.map((row, index) => this.rowHtml(row, index)).join('');
  }

  rowHtml(row, index) {
    const driver = this.model.drivers.get(row.driverNumber);
    const stint = this.model.currentStint(row.driverNumber);
    const tyre = stint ? tyreOf(stint.compound) : null;
    const lap = row.lastLap;
    const fresh = lap && this.lastLapSeen.get(row.driverNumber) !== lap.lapNumber;
    if (lap) this.lastLapSeen.set(row.driverNumber, lap.lapNumber);
    const out = row.status === 'knocked_out' || row.status === 'retired';
    const classes = [
      row.driverNumber === this.selected ? 'selected' : '',
      out ? 'out' : '',
      fresh ? 'fresh' : '',
    ].join(' ');
    const lapClass = !lap
      ? ''
      : lap.deleted
        ? 'deleted'
        : lap.isOverallBest
          ? 'purple'
          : lap.isPersonalBest
            ? 'green'
            : '';
    const sectors = [0, 1, 2]
      .map(
        (i) =>
          `<td class="sector ${SECTOR_CLASS[lap?.sectorStatus?.[i]] ?? ''}">${sectorTime(lap?.sectorsMs?.[i])}</td>`,
      )
      .join('');
    return `<tr data-driver="${row.driverNumber}" class="${classes}">
      <td class="pos">${row.position ?? index + 1}</td>
      <td class="driver"><span class="team" style="background:${teamColour(driver)}"></span><span class="number">${row.driverNumber}</span>
        <span class="tla">${escapeHtml(driver?.nameAcronym ?? row.driverNumber)}</span><span class="team-name">${escapeHtml(driver?.teamName ?? '')}</span></td>
      <td class="gap">${escapeHtml(index === 0 ? leaderLabel(row) : (row.gapToLeader ?? ''))}</td>
      <td class="interval">${escapeHtml(index === 0 ? '' : (row.intervalToPositionAhead ?? ''))}</td>
      <td class="time last ${lapClass}">${lapTime(lap?.lapTimeMs)}</td>
      <td class="time best">${lapTime(row.bestLapTimeMs)}</td>
      ${sectors}
      <td class="tyre">${tyre ? `<span class="compound" style="--tyre:${tyre.colour}">${tyre.letter}</span><span class="age">${stint.tyreAgeLaps ?? ''}</span>` : ''}</td>
      <td class="pits">${row.numberOfPitStops || ''}</td>
    </tr>`;
  }
}

function leaderLabel(row) {
  return row.lapsCompleted ? `LAP ${row.lapsCompleted}` : 'Leader';
}
