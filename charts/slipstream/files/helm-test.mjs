/* global fetch, AbortSignal -- Node 20 globals */
// `helm test`: every service answers /health/ready, the query API answers one history and one
// OpenF1 route, and the live gateway opens a Socket.io (Engine.IO v4) session. Any failure exits 1.
// Plain Node (fetch), no dependencies: it runs in the projection image.
const services = JSON.parse(process.env.SLIPSTREAM_SERVICES ?? '{}'); // { name: baseUrl }
const query = process.env.SLIPSTREAM_QUERY_URL;
const openf1Prefix = process.env.SLIPSTREAM_OPENF1_PREFIX ?? '/v1';
const gateway = process.env.SLIPSTREAM_GATEWAY_URL;

const failures = [];
async function check(what, url, accept) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    const problem = accept(response.status, body);
    if (problem) failures.push(`${what}: ${problem} (${url}, HTTP ${response.status})`);
    else console.log(`ok   ${what}`);
  } catch (error) {
    failures.push(`${what}: ${error instanceof Error ? error.message : String(error)} (${url})`);
  }
}
const status200 = (status, body) => (status === 200 ? undefined : `expected 200, got ${body.slice(0, 200)}`);
const jsonArray = (status, body) => {
  if (status !== 200) return `expected 200, got ${body.slice(0, 200)}`;
  try {
    return Array.isArray(JSON.parse(body)) || typeof JSON.parse(body) === 'object' ? undefined : 'not JSON';
  } catch {
    return 'not JSON';
  }
};

for (const [name, url] of Object.entries(services))
  await check(`${name} /health/ready`, `${url}/health/ready`, status200);
if (query) {
  await check('history route', `${query}/v1/history/seasons?limit=1`, jsonArray);
  await check('OpenF1 route', `${query}${openf1Prefix}/sessions?session_key=latest`, jsonArray);
}
if (gateway) {
  // The Engine.IO open packet: "0" followed by JSON with the session id.
  await check('Socket.io handshake', `${gateway}/socket.io/?EIO=4&transport=polling`, (status, body) =>
    status === 200 && /^0\{.*"sid"/.test(body)
      ? undefined
      : `no Engine.IO open packet: ${body.slice(0, 200)}`,
  );
}
if (Object.keys(services).length === 0) failures.push('SLIPSTREAM_SERVICES names no service');
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exit(failures.length ? 1 : 0);
