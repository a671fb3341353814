// The standings table after a round: slipstream's calculated table beside the published one, rows
// that differ marked, and the official decisions (standings-adjustments) that explain why.
import { history } from './api.js';
import { escapeHtml } from './page.js';

export async function renderStandings({ season, round, constructors, label }) {
  const route = constructors ? 'constructor-standings' : 'driver-standings';
  const key = constructors ? 'constructor_ref' : 'driver_ref';
  const championship = constructors ? 'constructors' : 'drivers';
  const [official, calculated, adjustments] = await Promise.all([
    history(route, { season, round, source: 'official' }),
    history(route, { season, round, source: 'calculated' }),
    history('standings-adjustments', { season }),
  ]);
  const calculatedBy = new Map(calculated.map((row) => [row[key], row]));
  const officialBy = new Map(official.map((row) => [row[key], row]));
  const entrants = [...new Set([...official.map((r) => r[key]), ...calculated.map((r) => r[key])])];
  const relevant = adjustments.filter((a) => a.round <= round && a.championship === championship);
  const rows = entrants.map((ref) => {
    const o = officialBy.get(ref);
    const c = calculatedBy.get(ref);
    // Without a calculated table (not computed yet) there is nothing to compare.
    const differs =
      calculated.length > 0 &&
      (!o || !c || o.points !== c.points || o.position_text !== c.position_text || o.wins !== c.wins);
    const why = relevant.filter((a) => a.entrant_ref === ref);
    return { ref, o, c, differs, why };
  });
  const table = document.getElementById('standings');
  const cell = (value, cls = 'num') => `<td class="${cls}">${value ?? '–'}</td>`;
  table.innerHTML = `
    <caption>After round ${round}. Official: as published by Ergast/Jolpica; calculated: by slipstream from
      results and recorded decisions. ${
        calculated.length
          ? 'Highlighted rows differ.'
          : 'No calculated table yet: normalization computes it once the season’s results are in; reload in a moment.'
      }</caption>
    <thead><tr>
      <th scope="col" class="num">Pos</th><th scope="col">${constructors ? 'Constructor' : 'Driver'}</th>
      <th scope="col" class="num">Official pts</th><th scope="col" class="num">Calculated pts</th>
      <th scope="col" class="num">Calculated pos</th><th scope="col" class="num">Wins</th>
      <th scope="col">Difference</th>
    </tr></thead>
    <tbody>${rows
      .map(
        ({
          ref,
          o,
          c,
          differs,
          why,
        }) => `<tr data-entrant="${escapeHtml(ref)}"${differs ? ' class="differs"' : ''}>
        ${cell(o?.position_text)}<th scope="row">${escapeHtml(label(ref))}</th>
        ${cell(o?.points)}${cell(c?.points)}${cell(c?.position_text)}${cell(o?.wins ?? c?.wins)}
        <td>${differs ? explain(o, c, why) : calculated.length ? 'same' : ''}</td></tr>`,
      )
      .join('')}</tbody>`;
  const list = document.getElementById('adjustments');
  list.innerHTML = relevant.length
    ? `<h3>Official decisions up to round ${round}</h3><ul class="adjustments">${relevant
        .map(
          (a) =>
            `<li>Round ${a.round}, ${escapeHtml(label(a.entrant_ref))}: ${escapeHtml(a.kind)}${
              a.points_delta ? ` (${a.points_delta > 0 ? '+' : ''}${a.points_delta} points)` : ''
            }: ${escapeHtml(a.reason)}</li>`,
        )
        .join('')}</ul>`
    : `<p>No official decision changes the ${championship}' table of ${season} up to round ${round}.</p>`;
}

function explain(official, calculated, why) {
  if (!official) return 'only in the calculated table';
  if (!calculated) return 'only in the published table';
  const parts = [];
  if (official.points !== calculated.points) parts.push(`points ${official.points} vs ${calculated.points}`);
  if (official.position_text !== calculated.position_text)
    parts.push(`position ${official.position_text} vs ${calculated.position_text}`);
  if (official.wins !== calculated.wins) parts.push(`wins ${official.wins} vs ${calculated.wins}`);
  const reasons = why.map((a) => escapeHtml(a.reason));
  return `${parts.join(', ')}${reasons.length ? `: ${reasons.join('; ')}` : ': tie order (see docs/historical-standings.md)'}`;
}
