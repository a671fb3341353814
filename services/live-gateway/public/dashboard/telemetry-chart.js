// Speed, throttle, brake and gear of one car over the last half minute, as stacked traces.

import { teamColour } from './format.js';

const WINDOW_MS = 30_000;
const LANES = [
  { key: 'speed', label: 'SPEED', max: 360, unit: 'km/h', colour: null, weight: 2 },
  { key: 'throttle', label: 'THROTTLE', max: 100, unit: '%', colour: '#1fc46b', weight: 1 },
  { key: 'brake', label: 'BRAKE', max: 100, unit: '', colour: '#e10600', weight: 0.6 },
  { key: 'gear', label: 'GEAR', max: 8, unit: '', colour: '#c9cdd6', weight: 1, steps: true },
];

export class TelemetryChart {
  constructor(canvas, readout, model) {
    this.canvas = canvas;
    this.readout = readout;
    this.model = model;
    this.driverNumber = null;
    new ResizeObserver(() => this.render()).observe(canvas);
  }

  select(driverNumber) {
    this.driverNumber = driverNumber;
    this.render();
  }

  render() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const trace = this.model.traces.get(this.driverNumber) ?? [];
    const driver = this.model.drivers.get(this.driverNumber);
    this.renderReadout(driver, trace[trace.length - 1]);
    const total = LANES.reduce((sum, lane) => sum + lane.weight, 0);
    // Room for the widest lane label ("THROTTLE") right-aligned before the traces.
    const left = 84;
    let top = 0;
    for (const lane of LANES) {
      const laneHeight = (height * lane.weight) / total;
      this.drawLane(
        ctx,
        lane,
        trace,
        { left, top: top + 4, width: width - left - 6, height: laneHeight - 8 },
        teamColour(driver),
      );
      top += laneHeight;
    }
    if (!trace.length) {
      ctx.fillStyle = '#6b7180';
      ctx.font = '600 13px "Titillium Web", system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(
        this.driverNumber === null ? 'Pick a driver in the leaderboard' : 'Waiting for car data…',
        width / 2,
        height / 2,
      );
    }
  }

  drawLane(ctx, lane, trace, box, team) {
    ctx.fillStyle = '#11141c';
    ctx.fillRect(box.left, box.top, box.width, box.height);
    ctx.fillStyle = '#7d8494';
    ctx.font = '700 10px "Titillium Web", system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(lane.label, box.left - 8, box.top + box.height / 2);
    if (trace.length < 2) return;
    const end = trace[trace.length - 1].utcMs;
    const x = (utcMs) => box.left + box.width - ((end - utcMs) / WINDOW_MS) * box.width;
    const y = (value) =>
      box.top + box.height - (Math.max(0, Math.min(lane.max, value ?? 0)) / lane.max) * box.height;
    const visible = trace.filter((sample) => end - sample.utcMs <= WINDOW_MS);
    ctx.beginPath();
    visible.forEach((sample, index) => {
      const px = x(sample.utcMs);
      const py = y(sample[lane.key]);
      if (index === 0) ctx.moveTo(px, py);
      else if (lane.steps) {
        ctx.lineTo(px, y(visible[index - 1][lane.key]));
        ctx.lineTo(px, py);
      } else ctx.lineTo(px, py);
    });
    ctx.strokeStyle = lane.colour ?? team;
    ctx.lineWidth = lane.key === 'speed' ? 2 : 1.5;
    ctx.stroke();
    if (lane.key === 'throttle' || lane.key === 'brake') {
      ctx.lineTo(x(visible[visible.length - 1].utcMs), box.top + box.height);
      ctx.lineTo(x(visible[0].utcMs), box.top + box.height);
      ctx.closePath();
      ctx.globalAlpha = 0.22;
      ctx.fillStyle = lane.colour;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  }

  renderReadout(driver, sample) {
    const name = driver
      ? `${driver.nameAcronym ?? driver.driverNumber} <small>${driver.teamName ?? ''}</small>`
      : '—';
    const drsOpen = sample && sample.drs >= 10;
    this.readout.innerHTML = `
      <span class="who" style="--team:${teamColour(driver)}">${name}</span>
      <span class="value"><b>${sample?.speed ?? '–'}</b> km/h</span>
      <span class="value"><b>${sample?.gear ?? '–'}</b> gear</span>
      <span class="value"><b>${sample?.throttle ?? '–'}</b>% thr</span>
      <span class="value ${sample?.brake ? 'braking' : ''}"><b>${sample?.brake ? 'BRAKE' : '—'}</b></span>
      <span class="drs ${drsOpen ? 'open' : ''}">DRS</span>`;
  }
}
