import { describe, expect, it } from 'vitest';

import { telemetrySubjects } from '@slipstream/contracts';

import { columnsByTable } from '../sessions/projection-fixtures';
import { telemetryMigrations } from './telemetry.migrations';
import { projectTelemetry, TELEMETRY_COLUMNS } from './telemetry.projector';

const columns = columnsByTable(telemetryMigrations.flatMap((migration) => migration.statements));
const named = (table: keyof typeof TELEMETRY_COLUMNS, row: unknown[]) =>
  Object.fromEntries(TELEMETRY_COLUMNS[table].map((column, index) => [column, row[index]]));

describe('telemetry projector', () => {
  it('names every column of both tables, in their order', () => {
    expect([...TELEMETRY_COLUMNS.car_telemetry]).toEqual(columns.get('car_telemetry'));
    expect([...TELEMETRY_COLUMNS.car_positions]).toEqual(columns.get('car_positions'));
  });

  it('turns a car data frame into one row per car and sample, versioned by the sample time', () => {
    const utcMs = Date.parse('2025-10-25T21:10:00.123Z');
    const { table, rows } = projectTelemetry(telemetrySubjects.frame(9873, 'car_data'), {
      sessionKey: 9873,
      cars: [
        {
          driverNumber: 16,
          samples: [
            { utcMs, rpm: 11_800, speed: 318, gear: 8, throttle: 100, brake: 0, drs: 12 },
            { utcMs: utcMs + 270, rpm: 0, speed: 0, gear: 0, throttle: null, brake: null, drs: 0 },
          ],
        },
        {
          driverNumber: 55,
          samples: [{ utcMs, rpm: 10_500, speed: 290, gear: 7, throttle: 98, brake: 0, drs: 8 }],
        },
      ],
    });
    expect(table).toBe('car_telemetry');
    expect(named(table, rows[0])).toEqual({
      session_key: 9873,
      driver_number: 16,
      date: '1761426600.123',
      rpm: 11_800,
      speed: 318,
      gear: 8,
      throttle: 100,
      brake: 0,
      drs: 12,
      _version: utcMs,
    });
    expect(named(table, rows[1])).toMatchObject({ throttle: null, brake: null, _version: utcMs + 270 });
    expect(named(table, rows[2])).toMatchObject({ driver_number: 55, rpm: 10_500, _version: utcMs });
    expect(rows).toHaveLength(3);
  });

  it('reads the one-car messages of logs written before frames into the same rows', () => {
    const sample = {
      utcMs: 1_761_426_000_123,
      rpm: 11_800,
      speed: 318,
      gear: 8,
      throttle: 100,
      brake: 0,
      drs: 12,
    };
    // eslint-disable-next-line no-restricted-syntax -- the legacy per-driver subject that readers still accept
    const legacy = projectTelemetry('tel.9873.16.car', {
      sessionKey: 9873,
      driverNumber: 16,
      samples: [sample],
    });
    const framed = projectTelemetry(telemetrySubjects.frame(9873, 'car_data'), {
      sessionKey: 9873,
      cars: [{ driverNumber: 16, samples: [sample] }],
    });
    expect(legacy).toEqual(framed);
    const position = { utcMs: 1_761_426_000_007, x: -1234, y: 5678, z: 90, status: 'OnTrack' };
    expect(
      // eslint-disable-next-line no-restricted-syntax -- the legacy per-driver subject that readers still accept
      projectTelemetry('tel.9873.1.pos', { sessionKey: 9873, driverNumber: 1, samples: [position] }),
    ).toEqual(
      projectTelemetry(telemetrySubjects.frame(9873, 'position'), {
        sessionKey: 9873,
        cars: [{ driverNumber: 1, samples: [position] }],
      }),
    );
  });

  it('turns a position frame into car_positions rows', () => {
    const { table, rows } = projectTelemetry(telemetrySubjects.frame(9873, 'position'), {
      sessionKey: 9873,
      cars: [
        {
          driverNumber: 1,
          samples: [{ utcMs: 1_761_426_000_007, x: -1234, y: 5678, z: 90, status: 'OnTrack' }],
        },
      ],
    });
    expect(table).toBe('car_positions');
    expect(rows.map((row) => named(table, row))).toEqual([
      {
        session_key: 9873,
        driver_number: 1,
        date: '1761426000.007',
        x: -1234,
        y: 5678,
        z: 90,
        status: 'OnTrack',
        _version: 1_761_426_000_007,
      },
    ]);
  });

  it('rejects a frame that breaks its contract, naming the field', () => {
    const payload = { sessionKey: 9873, cars: [{ driverNumber: 1, samples: [{ utcMs: 1 }] }] };
    expect(() => projectTelemetry(telemetrySubjects.frame(9873, 'car_data'), payload)).toThrow(/rpm/);
    expect(() =>
      projectTelemetry(telemetrySubjects.frame(9873, 'car_data'), { sessionKey: 9873, cars: [] }),
    ).toThrow(/cars/);
    const legacy = { sessionKey: 9873, driverNumber: 1, samples: [{ utcMs: 1 }] };
    // eslint-disable-next-line no-restricted-syntax -- the legacy per-driver subject that readers still accept
    expect(() => projectTelemetry('tel.9873.1.car', legacy)).toThrow(/rpm/);
  });

  it('refuses a value its column cannot hold, which ClickHouse would store wrapped around', () => {
    const sample = { utcMs: 1, rpm: 70_000, speed: 300, gear: 7, throttle: 100, brake: 0, drs: 12 };
    const payload = { sessionKey: 9873, cars: [{ driverNumber: 1, samples: [sample] }] };
    expect(() => projectTelemetry(telemetrySubjects.frame(9873, 'car_data'), payload)).toThrow(/rpm/);
  });

  it('refuses a subject that is not TELEMETRY', () => {
    // eslint-disable-next-line no-restricted-syntax -- a malformed subject, which no builder makes
    expect(() => projectTelemetry('tel.9873.speed', {})).toThrow(/Not a TELEMETRY subject/);
  });
});
