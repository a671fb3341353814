import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, describe, expect, it } from 'vitest';

import { type RunningArchiveStandIn, startArchiveStandIn } from '@slipstream/livetiming-access';
import { connectToNats } from '@slipstream/messaging';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

import { fakeJwt } from '../../services/ingestion/src/livetiming/testing/fake-jwt';
import { bootReadModels } from './live-ingest-pipeline';
import {
  bootService,
  clickhouseOf,
  pipelineDrained,
  replayFinished,
  startReplay,
  tableChecksums,
} from './livetiming-pipeline';

/*
 * `npm run ingest -- download` (the built CLI, as a user runs it) against a local stand-in of F1's
 * session archive serving the bundled recordings (data/) in the archive's layout: a season listing, a
 * download cut off midway and resumed with a Range request, files byte for byte as served, and a
 * replay of the downloaded folder equal to replaying the source folder directly.
 */
const ROOT = resolve(__dirname, '../..');
const DATA = resolve(ROOT, 'data');
const MIAMI = '2025-miami-gp-sprint';
const WAIT_MS = 150_000;

function ingest(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, ['services/ingestion/dist/cli.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? -1, out, err })));
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('downloading a session from the archive', () => {
  const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) + 3_600 });
  const dir: TempDir = createTempDir('slipstream-download-');
  let archive: RunningArchiveStandIn | undefined;
  const servers: RunningNatsServer[] = [];
  const connections: NatsConnection[] = [];
  const apps: INestApplication[] = [];

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const nc of connections) await nc.drain();
    for (const server of servers) await server.dispose();
    await archive?.close();
    dir.remove();
  });

  it('lists a season, refuses without the token, resumes a cut download, and writes the files as served', async () => {
    archive = await startArchiveStandIn({
      seasonIndexDir: join(DATA, 'livetiming-season-index'),
      sessions: [join(DATA, 'sessions', MIAMI), join(DATA, 'sessions', '2025-mexico-city-gp-qualifying')],
      tokens: [token],
      cutOnce: { file: 'TimingData.jsonStream', afterBytes: 1_000_000 },
    });
    const env = { LIVETIMING_ARCHIVE_URL: archive.url, LIVETIMING_ACCESS_TOKEN: token };

    const season2023 = await ingest(['download', '--list', '2023'], env);
    expect(season2023.code).toBe(0);
    expect(season2023.out).toMatch(/^2023: 23 meetings$/m);
    expect(season2023.out).toMatch(/^ {4}Qualifying +Qualifying +key 7768 .*2023-bahrain-gp-qualifying$/m);
    // F1's index has placeholder sessions without a Path: listed, not downloadable.
    expect(season2023.out).toMatch(/key -1 .*\(not in the archive\)$/m);
    const season2025 = await ingest(['download', '--list', '2025'], env);
    expect(season2025.out).toContain('2025-miami-gp-sprint');

    const refused = await ingest(['download', '--list', '2025'], { LIVETIMING_ARCHIVE_URL: archive.url });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /the session archive answered 401 Unauthorized: it needs an F1 TV subscription token/,
    );

    const into = join(dir.path, 'sessions');
    const cut = await ingest(['download', '2025', 'miami', 'sprint', '--into', into], env);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain(
      'the download of TimingData.jsonStream was interrupted; run the same command again',
    );
    const target = join(into, '2025-miami-gp-sprint');
    const partial = statSync(join(target, 'TimingData.jsonStream.part')).size;
    expect(partial).toBeGreaterThan(0);

    const resumed = await ingest(['download', '2025', 'Miami Grand Prix', 'Sprint', '--into', into], env);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toContain(`TimingData: resumed at ${partial} bytes`);
    expect(resumed.err).toContain('DriverList: already complete');
    expect(resumed.out).toContain(`replay it with: npm run replay -- ${target}`);
    const timing = archive.requests().filter((request) => request.path.endsWith('/TimingData.jsonStream'));
    expect(timing.map(({ range, status }) => ({ range, status }))).toEqual([
      { range: undefined, status: 200 },
      { range: `bytes=${partial}-`, status: 206 },
    ]);
    // The bundled folder holds F1's bytes gzipped (data/PROVENANCE.md): served and written as F1's bytes.
    const sourceFiles = readdirSync(join(DATA, 'sessions', MIAMI)).filter((name) =>
      name.endsWith('.jsonStream.gz'),
    );
    const served = sourceFiles.map((name) => name.replace(/\.gz$/, ''));
    expect(readdirSync(target).sort()).toEqual([...served, 'PROVENANCE.md'].sort());
    for (const name of sourceFiles)
      expect(sha(join(target, name.replace(/\.gz$/, '')))).toBe(
        createHash('sha256')
          .update(gunzipSync(readFileSync(join(DATA, 'sessions', MIAMI, name))))
          .digest('hex'),
      );
    expect(readFileSync(join(target, 'PROVENANCE.md'), 'utf8')).toContain('session key 10028');
  }, 300_000);

  it('replays the downloaded folder into the read models a replay of the source folder gives', async () => {
    const chdb = join(dir.path, 'chdb');
    const sums: Array<Record<string, string>> = [];
    for (const [replayDir, session, database] of [
      [join(DATA, 'sessions'), MIAMI, 'source'],
      [join(dir.path, 'sessions'), '2025-miami-gp-sprint', 'downloaded'],
    ]) {
      const nats = await startNatsServer();
      servers.push(nats);
      const nc = await connectToNats({ url: nats.url, name: `download-${database}` });
      connections.push(nc);
      const target = { natsUrl: nats.url, chdbPath: chdb, database, env: { REPLAY_DIR: replayDir } };
      const [projection, normalization] = await bootReadModels(target);
      const replay = await bootService('replay', target);
      apps.push(projection, normalization, replay);
      await replayFinished(replay, await startReplay(replay, session), WAIT_MS);
      await pipelineDrained(nc, WAIT_MS);
      sums.push(await tableChecksums(clickhouseOf(projection)));
    }
    expect(sums[0].session_laps).not.toMatch(/^0:/);
    expect(sums[1]).toEqual(sums[0]);
  }, 300_000);
});
