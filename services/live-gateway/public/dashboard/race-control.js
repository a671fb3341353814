// Race control messages, newest first, and the track status banner.

import { clockTime, escapeHtml, FLAG_COLOURS, TRACK_STATES } from './format.js';

export function renderRaceControl(list, model) {
  const messages = [...model.raceControl].reverse().slice(0, 40);
  list.innerHTML = messages.length
    ? messages
        .map((message) => {
          const colour = FLAG_COLOURS[message.flag] ?? '#5c6270';
          const flag = message.flag
            ? `<span class="flag" style="--flag:${colour}">${escapeHtml(message.flag)}</span>`
            : '';
          const lap = message.lapNumber ? `<span class="lap">L${message.lapNumber}</span>` : '';
          return `<li><time>${clockTime(message.issuedAt)}</time>${lap}${flag}<span class="text">${escapeHtml(message.message)}</span></li>`;
        })
        .join('')
    : '<li class="empty">No messages from race control yet</li>';
}

export function renderTrackStatus(banner, model) {
  const state = TRACK_STATES[model.trackStatus?.state] ?? TRACK_STATES.all_clear;
  banner.className = `track-status ${state.className}`;
  banner.querySelector('.state').textContent = model.trackStatus ? state.text : 'Waiting for track status';
}
