// Boots the dashboard: picks a session, connects, and redraws what changed once per frame.

import { LiveFeed } from './feed.js';
import { renderFeedNotice } from './feed-notice.js';
import { escapeHtml } from './format.js';
import { Leaderboard } from './leaderboard.js';
import { renderRaceControl, renderTrackStatus } from './race-control.js';
import { ReplayControls } from './replay-controls.js';
import { TelemetryChart } from './telemetry-chart.js';
import { SessionModel } from './timing-model.js';
import { TrackMap } from './track-map.js';

const params = new URLSearchParams(location.search);
const token = params.get('token');
const $ = (selector) => document.querySelector(selector);

const model = new SessionModel();
const map = new TrackMap($('#track-map'), model);
const chart = new TelemetryChart($('#telemetry'), $('#telemetry-readout'), model);
const replay = new ReplayControls($('#replay-controls'));
const leaderboard = new Leaderboard($('#leaderboard'), model, select);
const feed = new LiveFeed(model, { token, onStatus: showConnection });
let selected = params.has('driver') ? Number(params.get('driver')) : null;

function select(driverNumber) {
  selected = driverNumber;
  leaderboard.select(driverNumber);
  map.select(driverNumber);
  chart.select(driverNumber);
}

// Views redraw at most once per animation frame, whatever the delta rate.
const dirty = new Set();
model.onChange((topic) => dirty.add(topic));
function render() {
  if (dirty.size) {
    const topics = new Set(dirty);
    dirty.clear();
    if (topics.has('session') || topics.has('weather')) renderHeader();
    if (topics.has('timing') || topics.has('stints') || topics.has('session')) {
      if (selected === null && model.rows.size) select(model.orderedRows()[0].driverNumber);
      leaderboard.render();
    }
    if (topics.has('positions')) map.update();
    if (topics.has('telemetry')) chart.render();
    if (topics.has('race_control')) renderRaceControl($('#race-control'), model);
    if (topics.has('track_status')) renderTrackStatus($('#track-status'), model);
  }
  requestAnimationFrame(render);
}
requestAnimationFrame(render);

function renderHeader() {
  const info = model.info;
  $('#session-title').innerHTML = info
    ? `<span class="meeting">${escapeHtml(info.meetingName)}</span><span class="session">${escapeHtml(info.sessionName)}</span>`
    : `<span class="meeting">Session ${model.sessionKey ?? ''}</span>`;
  $('#circuit').textContent = info
    ? [info.circuitShortName, info.countryName].filter(Boolean).join(' · ')
    : '';
  const status = model.status;
  const part = status?.sessionPart && info?.sessionType === 'Qualifying' ? `Q${status.sessionPart} · ` : '';
  $('#session-status').textContent = status ? `${part}${status.status}` : 'Waiting';
  $('#session-status').className = `pill ${status?.status === 'Started' ? 'live' : ''}`;
  renderFeedNotice($('#feed-notice'), model);
  const w = model.weather;
  $('#weather').innerHTML = w
    ? `<span title="Air">AIR <b>${w.airTemperatureC ?? '–'}°</b></span><span title="Track">TRACK <b>${w.trackTemperatureC ?? '–'}°</b></span>` +
      `<span title="Humidity">HUM <b>${w.humidityPercent ?? '–'}%</b></span><span class="${w.rainfall ? 'rain' : ''}">${w.rainfall ? 'RAIN' : 'DRY'}</span>`
    : '';
}

function showConnection(text, state) {
  const badge = $('#connection');
  badge.textContent = text;
  badge.className = `connection ${state}`;
}

/** `?session=` if given; else what is live now; else the latest session in the store. */
async function chooseSession() {
  if (params.has('session')) return Number(params.get('session'));
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  for (const path of ['/v1/feed/sessions/live', '/v1/feed/sessions']) {
    const response = await fetch(path, { headers }).catch(() => null);
    const sessions = response?.ok ? (await response.json()).sessions : [];
    if (sessions.length) return sessions[0].sessionKey;
  }
  return null;
}

async function start() {
  let sessionKey = await chooseSession();
  while (sessionKey === null) {
    showConnection('Waiting for a session…', 'warn');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    sessionKey = await chooseSession();
  }
  model.reset(sessionKey);
  renderHeader();
  replay.attach(sessionKey);
  await feed.subscribe(sessionKey);
  if (selected !== null) select(selected);
}

// For the browser test and for poking at the feed from the console.
window.slipstream = {
  model,
  map,
  feed,
  select,
  get selected() {
    return selected;
  },
};
void start();
