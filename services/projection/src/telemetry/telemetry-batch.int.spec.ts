import { type JsMsg } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations, queryRows } from '@slipstream/clickhouse';
import { type CarDataBatch, type CarDataFrame, telemetrySubjects } from '@slipstream/contracts';
import { ConsumedMessage, reasonOf } from '@slipstream/messaging';

import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { telemetryMigrations } from './telemetry.migrations';
import { projectTelemetryBatch } from './telemetry-batch';

const SESSION = 9911;

/** The parts of a JetStream message the batch reads (a one-car frame); the rows go to a real ClickHouse. */
function delivered(seq: number, { sessionKey, driverNumber, samples }: CarDataBatch): ConsumedMessage {
  const frame: CarDataFrame = { sessionKey, cars: [{ driverNumber, samples }] };
  const raw = {
    subject: telemetrySubjects.frame(sessionKey, 'car_data'),
    seq,
    data: new TextEncoder().encode(JSON.stringify(frame)),
    headers: undefined,
    info: { stream: 'TELEMETRY', deliveryCount: 1, pending: 0 },
    json: () => frame,
  } as unknown as JsMsg;
  return new ConsumedMessage(raw);
}

const carBatch = (driverNumber: number, utcMs: number, rpm: number): CarDataBatch => ({
  sessionKey: SESSION,
  driverNumber,
  samples: [{ utcMs, rpm, speed: 300, gear: 7, throttle: 100, brake: 0, drs: 12 }],
});

describe('telemetry batches with samples ClickHouse refuses', () => {
  let clickhouse: TestClickHouse;

  beforeAll(async () => {
    clickhouse = await startTestClickHouse('telemetry_batch');
    await applyMigrations(clickhouse.client, telemetryMigrations);
  });

  afterAll(() => clickhouse?.dispose());

  it('stores the good samples and returns only the message whose rows were refused', async () => {
    const t0 = Date.UTC(2025, 9, 25, 20, 0, 0);
    // rpm is UInt16 in the read model: the contract allows any non-negative integer, ClickHouse does not.
    const messages = [1, 2, 3, 4, 5, 6, 7].map((seq) =>
      delivered(
        seq,
        carBatch(seq === 5 ? 81 : 4, seq === 5 ? 99_999_999_999_999 : t0 + seq * 270, 11_000 + seq),
      ),
    );
    const outcome = await projectTelemetryBatch(clickhouse.client, 'telemetry-spec', messages);

    expect(outcome.failed.map((entry) => entry.message.sequence)).toEqual([5]);
    expect(reasonOf(outcome.failed[0].error)).toBe('rows_rejected');
    const stored = await queryRows<{ driver_number: number; rpm: number }>(
      clickhouse.client,
      `SELECT driver_number, rpm FROM car_telemetry FINAL WHERE session_key = ${SESSION} ORDER BY date`,
    );
    expect(stored.map((row) => Number(row.rpm))).toEqual([11_001, 11_002, 11_003, 11_004, 11_006, 11_007]);
    expect(new Set(stored.map((row) => Number(row.driver_number)))).toEqual(new Set([4]));
  });
});
