#!/usr/bin/env node
// Subscribes to a session on slipstream's live feed and prints what arrives: the snapshot, one line
// per delta frame ("delta <topic> <items> <last seq>"), then a JSON summary. Resumes from the last
// `sync` after a reconnect. Needs socket.io-client (and socket.io-msgpack-parser for --msgpack).
//
//   node examples/node/live-feed-client.mjs --session 9873 --topics timing,positions --seconds 20

import { parseArgs } from 'node:util';

import { io } from 'socket.io-client';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    session: { type: 'string' },
    topics: { type: 'string', default: 'timing,telemetry' },
    drivers: { type: 'string', default: '' },
    token: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    frames: { type: 'string', default: '0' },
    msgpack: { type: 'boolean', default: false },
  },
});
if (!args.session) {
  console.error(
    'usage: live-feed-client.mjs --session <key> [--url] [--topics] [--drivers] [--token] [--seconds] [--frames] [--msgpack]',
  );
  process.exit(2);
}

const topics = args.topics.split(',').filter(Boolean);
const request = { sessionKey: Number(args.session), topics };
if (args.drivers) request.drivers = args.drivers.split(',').map(Number);

// msgpack is more compact for telemetry; the gateway serves it on its own path.
const parser = args.msgpack
  ? { parser: await import('socket.io-msgpack-parser'), path: '/socket.io-msgpack' }
  : {};
const socket = io(`${args.url}/live`, {
  transports: ['websocket'],
  auth: args.token ? { token: args.token } : {},
  ...parser,
});

const frames = Object.fromEntries(topics.map((topic) => [topic, 0]));
const items = { ...frames };
let sequences = null; // where to resume from: the last `sync`

socket.on('connect', async () => {
  const wanted = sequences
    ? {
        ...request,
        resumeFrom: Object.entries(sequences).map(([stream, sequence]) => ({ stream, sequence })),
      }
    : request;
  const reply = await socket.timeout(30_000).emitWithAck('subscribe', wanted);
  if (!reply.ok) {
    console.log(`refused ${reply.error.code}: ${reply.error.message}`);
    return finish();
  }
  sequences = reply.sequences;
  if (reply.mode === 'resume') return console.log(`resumed replayed=${reply.replayed}`);
  const { snapshot } = reply;
  console.log(
    `snapshot session=${snapshot.sessionKey} drivers=${snapshot.session.drivers.length} timing_rows=${snapshot.timing?.rows.length ?? 0} sequences=${JSON.stringify(snapshot.sequences)}`,
  );
});

let finished = false;
socket.on('delta', (frame) => {
  if (finished) return;
  frames[frame.topic] = (frames[frame.topic] ?? 0) + 1;
  items[frame.topic] = (items[frame.topic] ?? 0) + frame.items.length;
  console.log(`delta ${frame.topic} ${frame.items.length} ${frame.items.at(-1).seq}`);
  if (Number(args.frames) > 0 && topics.every((topic) => frames[topic] >= Number(args.frames))) finish();
});
socket.on('sync', (sync) => {
  if (sync.sessionKey === request.sessionKey) sequences = sync.sequences;
});
socket.on('gateway_error', (error) => console.error(`gateway_error ${error.code}: ${error.message}`));
socket.on('connect_error', (error) => console.error(`connect_error: ${error.message}`));

const timer = setTimeout(finish, Number(args.seconds) * 1000);
function finish() {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  socket.disconnect();
  console.log(`summary ${JSON.stringify({ frames, items })}`);
}
