// The circuit drawn from where the cars have been, with the cars moving on it. The outline is
// inked from position samples (no circuit geometry is needed): within a lap of running it closes.

import { teamColour, textOn } from './format.js';

/** Samples further apart than this (1/10 m) are a jump (pit lane, garage), not track to ink. */
const MAX_SEGMENT = 600;
/** Outline resolution (1/10 m): one segment per cell keeps the outline light to redraw. */
const CELL = 60;
const PADDING = 28;

export class TrackMap {
  constructor(canvas, model) {
    this.canvas = canvas;
    this.model = model;
    this.selected = null;
    this.cars = new Map();
    this.segments = [];
    this.cells = new Set();
    this.bounds = null;
    this.outline = document.createElement('canvas');
    this.outlineDirty = true;
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
    const loop = (now) => {
      this.draw(now);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  /** Called when positions changed: each car glides from where it is drawn to its new sample. */
  update() {
    const now = performance.now();
    const trails = this.model.takePositionTrails();
    for (const [driverNumber, sample] of this.model.positions) {
      const car = this.cars.get(driverNumber);
      if (car && car.to.utcMs === sample.utcMs) continue;
      // Every sample since the last update, so the outline closes at any replay speed.
      let previous = car?.to ?? null;
      for (const point of trails.get(driverNumber) ?? [sample]) {
        if (previous && point.utcMs > previous.utcMs) this.ink(previous, point);
        this.extend(point);
        previous = point;
      }
      const from = car ? this.interpolated(car, now) : sample;
      const interval = car ? Math.min(1_000, Math.max(100, now - car.t0)) : 250;
      this.cars.set(driverNumber, { from, to: sample, t0: now, interval, status: sample.status });
    }
  }

  select(driverNumber) {
    this.selected = driverNumber;
  }

  /** Where each car is drawn now, in circuit coordinates (tests read this). */
  carPositions() {
    const now = performance.now();
    return Object.fromEntries(
      [...this.cars].map(([driverNumber, car]) => [driverNumber, this.interpolated(car, now)]),
    );
  }

  ink(from, to) {
    if (Math.hypot(to.x - from.x, to.y - from.y) > MAX_SEGMENT || from.status === 'OffTrack') return;
    const key = `${Math.round(to.x / CELL)},${Math.round(to.y / CELL)}`;
    if (this.cells.has(key)) return;
    this.cells.add(key);
    this.segments.push([from.x, from.y, to.x, to.y]);
    this.outlineDirty = true;
  }

  extend({ x, y }) {
    const b = this.bounds ?? { minX: x, maxX: x, minY: y, maxY: y };
    if (!this.bounds || x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) {
      this.bounds = {
        minX: Math.min(b.minX, x),
        maxX: Math.max(b.maxX, x),
        minY: Math.min(b.minY, y),
        maxY: Math.max(b.maxY, y),
      };
      this.outlineDirty = true;
    }
  }

  interpolated(car, now) {
    const t = Math.min(1, (now - car.t0) / car.interval);
    return {
      x: car.from.x + (car.to.x - car.from.x) * t,
      y: car.from.y + (car.to.y - car.from.y) * t,
      utcMs: car.to.utcMs,
      status: car.to.status,
    };
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    for (const target of [this.canvas, this.outline]) {
      target.width = Math.max(1, Math.round(width * ratio));
      target.height = Math.max(1, Math.round(height * ratio));
    }
    this.ratio = ratio;
    this.outlineDirty = true;
  }

  /** Circuit coordinates → canvas pixels, keeping the aspect ratio; north up. */
  projection() {
    const b = this.bounds;
    const w = this.canvas.width;
    const h = this.canvas.height;
    const pad = PADDING * this.ratio;
    const spanX = Math.max(1, b.maxX - b.minX);
    const spanY = Math.max(1, b.maxY - b.minY);
    const scale = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
    const offsetX = (w - spanX * scale) / 2;
    const offsetY = (h - spanY * scale) / 2;
    return (x, y) => [offsetX + (x - b.minX) * scale, h - offsetY - (y - b.minY) * scale];
  }

  drawOutline(project) {
    const ctx = this.outline.getContext('2d');
    ctx.clearRect(0, 0, this.outline.width, this.outline.height);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const [width, colour] of [
      [14, '#1d2230'],
      [6, '#3a4152'],
    ]) {
      ctx.lineWidth = width * this.ratio;
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (const [x1, y1, x2, y2] of this.segments) {
        const [a, b] = project(x1, y1);
        const [c, d] = project(x2, y2);
        ctx.moveTo(a, b);
        ctx.lineTo(c, d);
      }
      ctx.stroke();
    }
    this.outlineDirty = false;
  }

  draw(now) {
    const ctx = this.canvas.getContext('2d');
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.bounds) return;
    const project = this.projection();
    if (this.outlineDirty) this.drawOutline(project);
    ctx.drawImage(this.outline, 0, 0);
    const r = 8 * this.ratio;
    const order = [...this.cars].sort(([a], [b]) => (a === this.selected) - (b === this.selected));
    for (const [driverNumber, car] of order) {
      const position = this.interpolated(car, now);
      const [px, py] = project(position.x, position.y);
      const driver = this.model.drivers.get(driverNumber);
      ctx.globalAlpha = position.status === 'OffTrack' ? 0.35 : 1;
      ctx.beginPath();
      ctx.arc(px, py, driverNumber === this.selected ? r * 1.35 : r, 0, Math.PI * 2);
      const colour = teamColour(driver);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = (driverNumber === this.selected ? 3 : 1.5) * this.ratio;
      ctx.strokeStyle = driverNumber === this.selected ? '#ffffff' : '#0b0d12';
      ctx.stroke();
      ctx.fillStyle = textOn(colour);
      ctx.font = `700 ${Math.round(9 * this.ratio)}px "Titillium Web", system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(driverNumber), px, py + 0.5);
      if (driverNumber === this.selected && driver?.nameAcronym) {
        ctx.fillStyle = '#ffffff';
        ctx.font = `700 ${Math.round(11 * this.ratio)}px "Titillium Web", system-ui, sans-serif`;
        ctx.fillText(driver.nameAcronym, px, py - r * 2.3);
      }
    }
    ctx.globalAlpha = 1;
  }
}
