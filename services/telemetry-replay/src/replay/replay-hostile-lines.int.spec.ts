import { execFile } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DeadLetter, dlqSubjects, rawSubjects } from '@slipstream/contracts';
import { connectToNats, provisionStreams } from '@slipstream/messaging';
import { createService } from '@slipstream/platform';
import {
  createTempDir,
  eventually,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
} from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'services/telemetry-replay/dist/cli.js');
const HEAD = join(ROOT, 'libs/livetiming/fixtures/archive/miami-sprint-head');
const MIAMI_TIMING = join(ROOT, 'data/sessions/2025-miami-gp-sprint/TimingData.jsonStream.gz');

/**
 * A short recording of the 2025 Miami sprint (the archive fixture's head plus 200 TimingData
 * lines of the bundled session), with the lines issue 18 found stopping a replay: a 1 MB line of
 * garbage, a valid 1.2 MB line, and a truncated one.
 */
function hostileRecording(dir: string): { timingLines: number; broken: number[]; oversized: number[] } {
  cpSync(HEAD, dir, { recursive: true });
  const lines = gunzipSync(readFileSync(MIAMI_TIMING)).toString('utf8').split('\n').slice(0, 200);
  const garbage = Buffer.alloc(1024 * 1024, 0);
  for (let index = 0; index < garbage.length; index++) garbage[index] = 33 + ((index * 7919) % 90);
  lines.splice(50, 0, garbage.toString('latin1'));
  lines.splice(100, 0, `00:14:40.000{"Lines":{"44":{"GapToLeader":"${'9'.repeat(1_200_000)}"}}}`);
  lines.splice(150, 0, lines[149].slice(0, lines[149].length - 7));
  writeFileSync(join(dir, 'TimingData.jsonStream'), lines.join('\n'));
  return { timingLines: lines.length, broken: [51, 151], oversized: [101] };
}

async function deadLetters(nc: NatsConnection): Promise<DeadLetter[]> {
  return (await readStream(nc, 'DLQ', dlqSubjects.ofStage('ingestion'))).map((message) =>
    message.json<DeadLetter>(),
  );
}

const lineOf = (letter: DeadLetter) => Number(letter.original.headers.line?.[0]);

describe('replaying a recording with broken, huge and oversized lines', () => {
  let nats: RunningNatsServer;
  let recordings: TempDir;
  let app: INestApplication;
  let nc: NatsConnection;
  let base: string;
  let recording: ReturnType<typeof hostileRecording>;
  /** Messages of the fixture's other topics, counted by the first replay. */
  let headMessages = 0;

  beforeAll(async () => {
    nats = await startNatsServer();
    recordings = createTempDir('slipstream-hostile-');
    recording = hostileRecording(join(recordings.path, 'miami-hostile'));
    ({ app } = await createService(
      { name: 'telemetry-replay', configSchema, rootModule: (config) => AppModule.forRoot(config) },
      {
        NATS_URL: nats.url,
        REPLAY_DIR: recordings.path,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    ));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    nc = await connectToNats({ url: nats.url, name: 'hostile-lines-spec' });
  });

  afterAll(async () => {
    await nc?.drain();
    await app?.close();
    await nats?.dispose();
    recordings?.remove();
  });

  type View = {
    state: string;
    error?: string;
    messagesSent: number;
    recording: string;
    books: Record<string, number>;
  };
  const startReplay = async (id: string): Promise<View> => {
    const response = await fetch(`${base}/v1/replays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session: 'miami-hostile', speed: 'max', id }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as View;
  };
  const ended = (id: string) =>
    eventually(
      async () => {
        const view = (await (await fetch(`${base}/v1/replays/${id}`)).json()) as View;
        return view.state === 'finished' || view.state === 'failed' ? view : undefined;
      },
      150_000,
      `replay ${id} to end`,
    );

  it('plays past every bad line, and dead-letters each one capped, with its size, digest and line', async () => {
    const started = await startReplay('service');
    expect(started.recording).toBe('miami-hostile');
    const view = await ended('service');
    expect(view.state).toBe('finished');
    expect(view.error).toBeUndefined();
    const letters = await deadLetters(nc);
    expect(letters.map((letter) => [letter.reason, lineOf(letter)]).sort()).toEqual([
      ['oversized_message', 101],
      ['unreadable_line', 151],
      ['unreadable_line', 51],
    ]);
    for (const letter of letters) {
      expect(Buffer.from(letter.original.payloadBase64, 'base64').length).toBeLessThanOrEqual(64 * 1024);
      expect(letter.original.headers['Slipstream-Payload-Sha256']?.[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(letter.original.headers.file?.[0] ?? '').not.toContain('/');
    }
    const garbage = letters.find((letter) => lineOf(letter) === 51)!;
    expect(garbage.original.headers['Slipstream-Payload-Bytes']).toEqual([String(1024 * 1024)]);
    expect(garbage.original.headers['Slipstream-Payload-Truncated']).toEqual(['true']);
    // The books: every line read is stored, deduplicated or dead-lettered, and RAW holds the stored ones.
    const raw = await readStream(nc, 'RAW', rawSubjects.ofSource('livetiming'));
    expect(view.books).toMatchObject({ stored: raw.length, deduplicated: 0, deadLettered: 3, lost: 0 });
    expect(view.books.read).toBe(view.books.stored + view.books.deduplicated + view.books.deadLettered);
    expect(view.books.read).toBe(view.messagesSent + 2);
    headMessages = view.messagesSent - (recording.timingLines - 2);
  });

  it('refuses a seek past the end of the recording with 400, and takes one inside it', async () => {
    await startReplay('seek-bounds');
    const seek = (body: unknown) =>
      fetch(`${base}/v1/replays/seek-bounds/seek`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const far = await seek({ offsetMs: 1e300 });
    expect(far.status).toBe(400);
    expect(await far.text()).toMatch(/past the end of the recording/);
    expect((await seek({ sessionTimeMs: 1e300 })).status).toBe(400);
    expect((await seek({ offsetMs: 1_000 })).status).toBe(200);
    await ended('seek-bounds');
  });

  it('the CLI takes the same path: exit 0, and a second run is all duplicates', async () => {
    const { stderr } = await run(process.execPath, [
      CLI,
      join(recordings.path, 'miami-hostile'),
      '--speed',
      'max',
      '--nats-url',
      nats.url,
    ]);
    expect(stderr).toMatch(/0 stored in RAW, \d+ duplicates, 3 dead-lettered/);
    expect(await deadLetters(nc)).toHaveLength(3);
    const far = run(process.execPath, [
      CLI,
      join(recordings.path, 'miami-hostile'),
      '--seek',
      '1e300',
      '--nats-url',
      nats.url,
    ]);
    await expect(far).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/past the end of the recording/),
    });
  });

  it('plays to the end while the DLQ is away, and stores the letters once it is back', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete('DLQ');
    await startReplay('dlq-away');
    const played = await eventually(
      async () => {
        const view = (await (await fetch(`${base}/v1/replays/dlq-away`)).json()) as View;
        return view.messagesSent === recording.timingLines - 2 + headMessages ? view : undefined;
      },
      150_000,
      'every readable line handed over',
    );
    expect(played.state).not.toBe('failed');
    expect(played.books.deadLettered).toBe(0);
    await provisionStreams(jsm);
    const view = await ended('dlq-away');
    expect(view.state).toBe('finished');
    expect(view.books).toMatchObject({ deadLettered: 3, lost: 0 });
    expect(await deadLetters(nc)).toHaveLength(3);
  });
});
