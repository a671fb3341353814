import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLICKHOUSE, type ClickHouseHandle } from '@slipstream/clickhouse';
import { createService } from '@slipstream/platform';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

/*
 * Issue 18.3: one request used to stall the server. The projection service as deployed (NATS,
 * embedded ClickHouse) holds a car with more telemetry than one response may hold; worst-case
 * requests arrive together while a readiness probe and a small query are asked. The assertions are
 * about answers and their order, never about how long anything took.
 */

const SESSION = 9999;
const SAMPLES = 400_000;
const MAX_ROWS = 20_000;
const HEAVY = 8;

let nats: RunningNatsServer;
let chdb: TempDir;
let app: INestApplication;
let base: string;

interface Answer {
  status: number;
  body: { message?: string; errors?: Array<{ parameter: string; problem: string }>; status?: string };
}

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

beforeAll(async () => {
  nats = await startNatsServer();
  chdb = createTempDir('slipstream-openf1-load-');
  ({ app } = await createService(
    { name: 'projection', configSchema, rootModule: (config) => AppModule.forRoot(config) },
    {
      NATS_URL: nats.url,
      CHDB_PATH: chdb.path,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ENABLED: 'false',
      OPENF1_MAX_ROWS: String(MAX_ROWS),
    },
  ));
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const clickhouse: ClickHouseHandle = app.get(CLICKHOUSE);
  // A long session's worth of samples for two cars, written by ClickHouse itself (load, not a fixture).
  for (const table of ['car_telemetry', 'car_positions']) {
    const values =
      table === 'car_telemetry'
        ? 'toUInt16(number % 13000), toUInt16(number % 340), toUInt8(number % 9), toUInt8(number % 101), toUInt8(0), toUInt8(0)'
        : "toInt32(number % 9000), toInt32(number % 7000), toInt32(0), 'OnTrack'";
    await clickhouse.client.command({
      query: `INSERT INTO ${table} SELECT ${SESSION}, toUInt16(1 + number % 2),
        fromUnixTimestamp64Milli(toInt64(1761426000000 + intDiv(number, 2) * 270), 'UTC'), ${values}, number
        FROM numbers(${SAMPLES})`,
    });
  }
  await clickhouse.client.command({
    query: `INSERT INTO session_info (session_key, meeting_key, meeting_name, session_type, session_name, date_start, _version)
      VALUES (${SESSION}, 1, 'Load Grand Prix', 'Race', 'Race', '2025-10-26 20:00:00', 1)`,
  });
}, 240_000);

afterAll(async () => {
  await app?.close();
  await nats?.dispose();
  chdb?.remove();
});

describe('OpenF1 routes under worst-case requests', () => {
  it('refuses a whole car_data or location table with a 400 naming the filter it needs', async () => {
    for (const [path, parameter] of [
      ['/v1/car_data', 'session_key'],
      [`/v1/car_data?session_key=${SESSION}`, 'driver_number'],
      [`/v1/location?session_key=${SESSION}&speed>0`, 'speed'],
      [`/v1/location?session_key>0&driver_number=1`, 'session_key'],
      ['/v1/position', 'session_key'],
      ['/v1/intervals?driver_number=1', 'session_key'],
    ] as const) {
      const answer = await get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.errors?.[0].parameter, path).toBe(parameter);
    }
  });

  it('refuses a response over OPENF1_MAX_ROWS with a 413 telling the client to filter, and serves a filtered one', async () => {
    const tooMany = await get(`/v1/car_data?session_key=${SESSION}&driver_number=1`);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toContain(`more than ${MAX_ROWS} rows`);
    const window = await get(
      `/v1/car_data?session_key=${SESSION}&driver_number=1&date>=2025-10-25T21:00:00&date<2025-10-25T21:01:00`,
    );
    expect(window.status).toBe(200);
    expect(window.body).toHaveLength(223);
  });

  it('keeps answering the readiness probe and a small query while worst-case requests queue', async () => {
    let heavyAnswered = 0;
    const heavy = Array.from({ length: HEAVY }, (_, index) =>
      get(
        `/v1/${index % 2 ? 'location' : 'car_data'}?session_key=${SESSION}&driver_number=${1 + (index % 2)}`,
      ).then((answer) => {
        heavyAnswered += 1;
        return answer;
      }),
    );
    // Once the first worst-case answer is out the others are queued or running: then ask.
    await Promise.race(heavy);
    const [ready, small] = await Promise.all([
      get('/health/ready').then((answer) => ({ answer, heavyAnsweredBefore: heavyAnswered })),
      get(`/v1/sessions?session_key=${SESSION}`).then((answer) => ({
        answer,
        heavyAnsweredBefore: heavyAnswered,
      })),
    ]);
    expect(ready.answer).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(small.answer.status).toBe(200);
    expect(small.answer.body).toEqual([
      expect.objectContaining({ session_key: SESSION, session_name: 'Race' }),
    ]);
    // Neither waited for the pile of worst-case requests to clear.
    expect(ready.heavyAnsweredBefore).toBeLessThan(HEAVY);
    expect(small.heavyAnsweredBefore).toBeLessThan(HEAVY);
    for (const answer of await Promise.all(heavy)) expect(answer.status).toBe(413);
  }, 150_000);
});
