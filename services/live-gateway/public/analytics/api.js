// The public query APIs, as the pages read them: the history API pages with `next` links, the
// OpenF1-style API answers whole arrays. Nothing here knows about charts.

/** Every row of a history route: follows `next` until the last page. */
export async function history(route, params = {}) {
  let path = `/v1/history/${route}?${query({ ...params, limit: 1000 })}`;
  const rows = [];
  while (path) {
    const page = await getJson(path);
    rows.push(...page.data);
    path = page.next;
  }
  return rows;
}

/** An OpenF1-style endpoint (`/v1/laps`, `/v1/car_data`, …); `filters` may hold `date>=…`-style keys. */
export function openf1(endpoint, filters = {}) {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => {
      const operator = /[<>]=?$/.exec(key)?.[0] ?? '';
      const name = key.slice(0, key.length - operator.length);
      return `${encodeURIComponent(name)}${operator ? operator : '='}${encodeURIComponent(value)}`;
    });
  return getJson(`/v1/${endpoint}?${parts.join('&')}`);
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  return search.toString();
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
  }
  return response.json();
}
