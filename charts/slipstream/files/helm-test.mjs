/* global fetch, AbortSignal, setTimeout, clearTimeout -- Node 20 globals */
// `helm test`: every service answers /health/ready, the query API answers one history and one
// OpenF1 route, and a Socket.io client subscribes to the latest session on the live gateway until a
// frame arrives (the snapshot in the subscribe reply, or a delta). Any failure exits 1.
// Node and the `ws` package of the image it runs in (/app), spoken as Engine.IO v4 / Socket.io v5.
import { createRequire } from 'node:module';
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
/** Subscribes on the /live namespace over a WebSocket; resolves with the first frame's kind. */
function firstFrame(baseUrl, sessionKey) {
  const WebSocket = createRequire(`${process.cwd()}/`)('ws');
  const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => (socket.close(), reject(new Error('no frame within 30 s'))), 30_000);
    const done = (error, frame) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(frame);
    };
    socket.on('error', (error) => done(error));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text === '2') return socket.send('3'); // Engine.IO ping
      if (text.startsWith('0')) return socket.send('40/live,{}'); // open: join the namespace
      if (text.startsWith('44/live')) return done(new Error(`namespace refused: ${text.slice(0, 200)}`));
      if (text.startsWith('40/live')) {
        const request = { sessionKey, topics: ['timing'] };
        return socket.send(`42/live,1${JSON.stringify(['subscribe', request])}`);
      }
      if (text.startsWith('43/live,1')) {
        const [reply] = JSON.parse(text.slice('43/live,1'.length));
        if (!reply?.ok) return done(new Error(`subscribe refused: ${JSON.stringify(reply).slice(0, 200)}`));
        if (reply.snapshot) return done(undefined, 'snapshot');
      }
      if (text.startsWith('42/live,')) {
        const [event] = JSON.parse(text.slice('42/live,'.length));
        if (event === 'delta') done(undefined, 'delta');
      }
    });
  });
}

if (gateway && query) {
  try {
    const response = await fetch(`${query}${openf1Prefix}/sessions?session_key=latest`);
    const [latest] = await response.json();
    if (!latest?.session_key)
      throw new Error('no session to subscribe to (GET …/sessions?session_key=latest)');
    const frame = await firstFrame(gateway, latest.session_key);
    console.log(`ok   live feed: a ${frame} frame of session ${latest.session_key}`);
  } catch (error) {
    failures.push(`live feed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (Object.keys(services).length === 0) failures.push('SLIPSTREAM_SERVICES names no service');
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exit(failures.length ? 1 : 0);
