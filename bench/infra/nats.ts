import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { connect, type NatsConnection } from '@nats-io/transport-node';

import { freePort, natsServerBinary, waitForPort } from '@slipstream/testing';

import { type Child, spawnProcess } from './processes';

export interface BenchNats {
  url: string;
  child: Child;
  connection: NatsConnection;
  dispose(): Promise<number>;
}

/**
 * A nats-server of our own (rather than `startNatsServer` from @slipstream/testing) because its
 * memory belongs in the figures and that helper does not expose the process.
 */
export async function startBenchNats(logDir: string, name = 'nats-server'): Promise<BenchNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'slipstream-bench-nats-'));
  const child = spawnProcess(
    name,
    natsServerBinary(),
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir],
    {},
    logDir,
  );
  await waitForPort(port, 10_000, () => (child.process.exitCode !== null ? 'exited' : null)).catch(() => {
    throw new Error(`nats-server did not start (see ${child.logFile})`);
  });
  const url = `nats://127.0.0.1:${port}`;
  const connection = await connect({ servers: url, name: 'slipstream-bench' });
  return {
    url,
    child,
    connection,
    async dispose() {
      await connection.close();
      const peak = await child.stop();
      rmSync(storeDir, { recursive: true, force: true });
      return peak;
    },
  };
}
