// The timing tower: one row per car, coloured as on TV, cars sliding to their new place when the
// order changes.

import { escapeHtml, lapTime, sectorTime, teamColour, tyreOf } from './format.js';

const SECTOR_CLASS = { overall: 'purple', personal: 'green', none: 'yellow' };
/** As long as the "new lap" flash of the last-lap cell (style.css `flash`). */
const FRESH_MS = 1_200;
const MOVE_MS = 450;

export class Leaderboard {
  /** `onSelect(driverNumber)` when a row is clicked: the telemetry view follows that car. */
  constructor(table, model, onSelect) {
    this.body = table.querySelector('tbody');
    this.model = model;
    this.selected = null;
    this.lastLapSeen = new Map();
    this.freshUntil = new Map();
    /** One row element per car, kept across frames and moved: cells change in place. */
    this.rowElements = new Map();
    this.reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    // Select on the press: a row that moves between press and release would otherwise take no click.
    const pick = (event) => {
      const row = event.target.closest('tr[data-driver]');
      if (row) onSelect(Number(row.dataset.driver));
    };
    this.body.addEventListener('pointerdown', (event) => {
      if (event.button === 0) pick(event);
    });
    this.body.addEventListener('click', pick);
    // Rows are focusable: Enter or Space picks the focused car, for those who browse by keyboard.
    this.body.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      pick(event);
    });
  }

  select(driverNumber) {
    this.selected = driverNumber;
    this.render();
  }

  render() {
    const rows = this.model
      .orderedRows()
      .filter((row) => this.model.drivers.has(row.driverNumber) || row.position !== null);
    const order = rows.map((row) => row.driverNumber);
    const moved = !sameOrder(
      order,
      [...this.body.children].map((tr) => Number(tr.dataset.driver)),
    );
    const topBefore = moved ? this.rowTops() : new Map();
    const now = performance.now();
    rows.forEach((row, index) => {
      const tr = this.rowElement(row.driverNumber);
      const { classes, cells } = this.rowParts(row, index, now);
      if (tr.className !== classes) tr.className = classes;
      cells.forEach((cell, i) => updateCell(tr.children[i], cell));
      const atIndex = this.body.children[index];
      if (atIndex !== tr) this.body.insertBefore(tr, atIndex ?? null);
    });
    const shown = new Set(order);
    for (const [driverNumber, tr] of this.rowElements) {
      if (shown.has(driverNumber)) continue;
      tr.remove();
      this.rowElements.delete(driverNumber);
    }
    if (moved) this.slideFrom(topBefore);
  }

  rowElement(driverNumber) {
    let tr = this.rowElements.get(driverNumber);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.driver = String(driverNumber);
      tr.tabIndex = 0;
      for (let i = 0; i < 11; i++) tr.appendChild(document.createElement('td'));
      this.rowElements.set(driverNumber, tr);
    }
    return tr;
  }

  rowTops() {
    return new Map(
      [...this.rowElements]
        .filter(([, tr]) => tr.isConnected)
        .map(([n, tr]) => [n, tr.getBoundingClientRect().top]),
    );
  }

  /** FLIP: each moved row starts where it was drawn and slides to its new place. */
  slideFrom(topBefore) {
    if (this.reducedMotion?.matches) return;
    for (const [driverNumber, top] of topBefore) {
      const tr = this.rowElements.get(driverNumber);
      if (!tr?.isConnected) continue;
      const dy = top - tr.getBoundingClientRect().top;
      if (Math.abs(dy) < 1) continue;
      tr.animate([{ transform: `translateY(${dy}px)` }, { transform: 'translateY(0)' }], {
        duration: MOVE_MS,
        easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
      });
    }
  }

  rowParts(row, index, now) {
    const driver = this.model.drivers.get(row.driverNumber);
    const stint = this.model.currentStint(row.driverNumber);
    const tyre = stint ? tyreOf(stint.compound) : null;
    const lap = row.lastLap;
    if (lap && this.lastLapSeen.get(row.driverNumber) !== lap.lapNumber) {
      if (this.lastLapSeen.has(row.driverNumber)) this.freshUntil.set(row.driverNumber, now + FRESH_MS);
      this.lastLapSeen.set(row.driverNumber, lap.lapNumber);
    }
    const fresh = (this.freshUntil.get(row.driverNumber) ?? 0) > now;
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
    const sectors = [0, 1, 2].map((i) => ({
      className: `sector ${SECTOR_CLASS[lap?.sectorStatus?.[i]] ?? ''}`,
      html: sectorTime(lap?.sectorsMs?.[i]),
    }));
    const cells = [
      { className: 'pos', html: String(row.position ?? index + 1) },
      {
        className: 'driver',
        html: `<span class="team" style="background:${teamColour(driver)}"></span><span class="number">${row.driverNumber}</span>
        <span class="tla">${escapeHtml(driver?.nameAcronym ?? row.driverNumber)}</span><span class="team-name">${escapeHtml(driver?.teamName ?? '')}</span>`,
      },
      { className: 'gap', html: escapeHtml(index === 0 ? leaderLabel(row) : (row.gapToLeader ?? '')) },
      { className: 'interval', html: escapeHtml(index === 0 ? '' : (row.intervalToPositionAhead ?? '')) },
      { className: `time last ${lapClass}`, html: lapTime(lap?.lapTimeMs) },
      { className: 'time best', html: lapTime(row.bestLapTimeMs) },
      ...sectors,
      {
        className: 'tyre',
        html: tyre
          ? `<span class="compound" style="--tyre:${tyre.colour}">${tyre.letter}</span><span class="age">${stint.tyreAgeLaps ?? ''}</span>`
          : '',
      },
      { className: 'pits', html: String(row.numberOfPitStops || '') },
    ];
    return { classes, cells };
  }
}

/** The markup each cell was last given, to compare with the next without reading the DOM back. */
const shownHtml = new WeakMap();

/** Writes a cell only where it changed: a cell left alone keeps its animation (the lap flash) running. */
function updateCell(td, { className, html }) {
  const classes = className.trim();
  if (td.className !== classes) td.className = classes;
  if (shownHtml.get(td) !== html) {
    td.innerHTML = html;
    shownHtml.set(td, html);
  }
}

function sameOrder(a, b) {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function leaderLabel(row) {
  return row.lapsCompleted ? `LAP ${row.lapsCompleted}` : 'Leader';
}
