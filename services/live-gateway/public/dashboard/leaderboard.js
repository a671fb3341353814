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
    this.rowElements = new Map();
    this.cellsShown = new WeakMap();
    this.body.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-driver]');
      if (row) onSelect(Number(row.dataset.driver));
    });
  }

  select(driverNumber) {
    this.selected = driverNumber;
    this.render();
  }

  /**
   * Rows are kept per car and moved, not rebuilt: a row under the pointer stays the same element
   * while the replay updates it several times a second, so a click on it lands.
   */
  render() {
    const rows = this.model
      .orderedRows()
      .filter((row) => this.model.drivers.has(row.driverNumber) || row.position !== null);
    const shown = new Set();
    rows.forEach((row, index) => {
      const { classes, cells } = this.rowParts(row, index);
      let tr = this.rowElements.get(row.driverNumber);
      if (!tr) {
        tr = document.createElement('tr');
        tr.dataset.driver = String(row.driverNumber);
        this.rowElements.set(row.driverNumber, tr);
      }
      if (tr.className !== classes) tr.className = classes;
      if (this.cellsShown.get(tr) !== cells) {
        tr.innerHTML = cells;
        this.cellsShown.set(tr, cells);
      }
      const atIndex = this.body.children[index];
      if (atIndex !== tr) this.body.insertBefore(tr, atIndex ?? null);
      shown.add(row.driverNumber);
    });
    for (const [driverNumber, tr] of this.rowElements) {
      if (shown.has(driverNumber)) continue;
      tr.remove();
      this.rowElements.delete(driverNumber);
    }
  }

  rowParts(row, index) {
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
    ]
      .filter(Boolean)
      .join(' ');
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
    const cells = `<td class="pos">${row.position ?? index + 1}</td>
      <td class="driver"><span class="team" style="background:${teamColour(driver)}"></span><span class="number">${row.driverNumber}</span>
        <span class="tla">${escapeHtml(driver?.nameAcronym ?? row.driverNumber)}</span><span class="team-name">${escapeHtml(driver?.teamName ?? '')}</span></td>
      <td class="gap">${escapeHtml(index === 0 ? leaderLabel(row) : (row.gapToLeader ?? ''))}</td>
      <td class="interval">${escapeHtml(index === 0 ? '' : (row.intervalToPositionAhead ?? ''))}</td>
      <td class="time last ${lapClass}">${lapTime(lap?.lapTimeMs)}</td>
      <td class="time best">${lapTime(row.bestLapTimeMs)}</td>
      ${sectors}
      <td class="tyre">${tyre ? `<span class="compound" style="--tyre:${tyre.colour}">${tyre.letter}</span><span class="age">${stint.tyreAgeLaps ?? ''}</span>` : ''}</td>
      <td class="pits">${row.numberOfPitStops || ''}</td>`;
    return { classes, cells };
  }
}

function leaderLabel(row) {
  return row.lapsCompleted ? `LAP ${row.lapsCompleted}` : 'Leader';
}
