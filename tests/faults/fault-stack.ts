import { type ClickHouseClient } from '@clickhouse/client';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';

import { connectToNats } from '@slipstream/messaging';
import { createTempDir, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { bootService, clickhouseOf } from '../e2e/livetiming-pipeline';

/** A nats-server, and normalization and projection booted in this process on one chDB directory. */
export interface FaultStack {
  nats: RunningNatsServer;
  nc: NatsConnection;
  projection: INestApplication;
  /** The projection's ClickHouse client (the test reads the read models and breaks tables with it). */
  clickhouse: ClickHouseClient;
  dispose(): Promise<void>;
}

export async function startFaultStack(
  database: string,
  env: Record<string, string> = {},
): Promise<FaultStack> {
  const chdb = createTempDir(`slipstream-${database}-chdb-`);
  const nats = await startNatsServer();
  const apps: INestApplication[] = [];
  let nc: NatsConnection | undefined;
  const dispose = async () => {
    for (const app of apps.reverse()) await app.close();
    await nc?.drain();
    await nats.dispose();
    chdb.remove();
  };
  try {
    const target = { natsUrl: nats.url, chdbPath: chdb.path, database, env };
    const projection = await bootService('projection', target);
    apps.push(projection, await bootService('normalization', target));
    nc = await connectToNats({ url: nats.url, name: `${database}-spec` });
    return { nats, nc, projection, clickhouse: clickhouseOf(projection).client, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
