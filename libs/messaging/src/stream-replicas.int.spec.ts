import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALL_STREAMS } from '@slipstream/contracts';
import { eventually, freePort, natsServerBinary } from '@slipstream/testing';

import { connectToNats } from './connection';
import { provisionStreams } from './provisioning';

/** Three real nats-servers in one JetStream cluster on loopback (what ci/clustered-nats-values.yaml deploys). */
async function startCluster(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'slipstream-nats-cluster-'));
  const ports = await Promise.all(
    [0, 1, 2].map(async () => ({ client: await freePort(), route: await freePort() })),
  );
  const routes = ports.map((p) => `nats://127.0.0.1:${p.route}`);
  const children: ChildProcess[] = ports.map((port, index) => {
    const conf = join(dir, `n${index}.conf`);
    writeFileSync(
      conf,
      JSON.stringify({
        server_name: `n${index}`,
        listen: `127.0.0.1:${port.client}`,
        jetstream: { store_dir: join(dir, `n${index}`) },
        cluster: { name: 'slipstream', listen: `127.0.0.1:${port.route}`, routes },
      }),
    );
    return spawn(natsServerBinary(), ['-c', conf], { stdio: 'ignore' });
  });
  return {
    url: ports.map((p) => `nats://127.0.0.1:${p.client}`).join(','),
    stop: async () => {
      await Promise.all(
        children.map((child) =>
          child.exitCode === null ? new Promise((done) => (child.once('exit', done), child.kill())) : null,
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('stream replicas on a three-server JetStream cluster', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let nc: NatsConnection;
  const replicas = async () => {
    const jsm = await jetstreamManager(nc);
    return Promise.all(ALL_STREAMS.map(async (s) => (await jsm.streams.info(s.name)).config.num_replicas));
  };

  beforeAll(async () => {
    cluster = await startCluster();
    nc = await eventually(
      () => connectToNats({ url: cluster.url, name: 'replicas-spec' }).catch(() => undefined),
      30_000,
      'a connection to the cluster',
    );
    // The cluster elects a JetStream meta leader first; until then stream creation fails.
    await eventually(
      () =>
        jetstreamManager(nc)
          .then((jsm) => provisionStreams(jsm, { replicas: 3 }))
          .then(() => true)
          .catch(() => undefined),
      60_000,
      'streams created with three replicas',
    );
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  });

  it('creates the streams with the replicas asked for', async () => {
    expect(await replicas()).toEqual(ALL_STREAMS.map(() => 3));
  });

  it('keeps them when a later provisioning (an upgrade) does not say', async () => {
    await provisionStreams(await jetstreamManager(nc));
    expect(await replicas()).toEqual(ALL_STREAMS.map(() => 3));
  });

  it('refuses to lower them silently', async () => {
    await expect(provisionStreams(await jetstreamManager(nc), { replicas: 1 })).rejects.toThrow(
      /has 3 replicas and provisioning was asked for 1/,
    );
    expect(await replicas()).toEqual(ALL_STREAMS.map(() => 3));
  });
});
