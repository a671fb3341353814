// The analytics home: the seasons and sessions slipstream has, each a link to its page.
import { history, openf1 } from './api.js';
import { escapeHtml, setStatus, setupShell } from './page.js';

setupShell(() => {});
try {
  const [seasons, sessions] = await Promise.all([history('seasons'), openf1('sessions')]);
  const withRaces = seasons.filter((s) => s.races > 0).toReversed();
  document.getElementById('season-links').innerHTML = withRaces.length
    ? withRaces
        .map(
          (s) => `<li><a href="/analytics/season?season=${s.season}">${s.season} (${s.races} races)</a></li>`,
        )
        .join('')
    : '<li>No history yet: run <code>npm run ingest -- import-csv data/history/ergast-csv-2020-2025</code>.</li>';
  document.getElementById('session-links').innerHTML = sessions.length
    ? sessions
        .map(
          (s) =>
            `<li>${escapeHtml(`${s.year} ${s.location}: ${s.session_name}`)} · <a href="/analytics/race?session_key=${s.session_key}">laps and strategy</a> · <a href="/analytics/laps?session_key=${s.session_key}">two laps</a></li>`,
        )
        .join('')
    : '<li>No sessions yet: replay one with <code>npm run replay -- data/sessions/2025-miami-gp-sprint --speed max</code>.</li>';
  setStatus('ready');
} catch (error) {
  setStatus('error', `Could not load: ${escapeHtml(error.message)}`);
}
