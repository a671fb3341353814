import { describe, expect, it } from 'vitest';

import { OPENF1_ENDPOINTS } from './endpoints';
import { parseOpenF1Query } from './filter-parser';
import { buildQuery } from './query-builder';

const build = (endpoint: string, query: string) =>
  buildQuery(OPENF1_ENDPOINTS[endpoint], parseOpenF1Query(query, OPENF1_ENDPOINTS[endpoint]).filters);

describe('OpenF1 query builder', () => {
  it('binds every value as a typed parameter and never splices it into the SQL', () => {
    const { sql, params } = build('car_data', 'session_key=9873&driver_number=16&speed>=315');
    expect(sql).toContain(
      'WHERE session_key = {p0:Int64} AND driver_number = {p1:Int64} AND speed >= {p2:Int64}',
    );
    expect(params).toEqual({ p0: 9873, p1: 16, p2: 315 });
    expect(sql).not.toContain('315');
  });

  it('binds text as a String parameter, whatever it holds', () => {
    const { sql, params } = build('race_control', "category=Flag' OR '1'='1");
    expect(sql).toContain('category = {p0:String}');
    expect(params).toEqual({ p0: "Flag' OR '1'='1" });
  });

  it('compares dates as epoch milliseconds and floats as Float64', () => {
    const { sql, params } = build('laps', 'date_start>2025-10-25T21:00:00&lap_duration<=80');
    expect(sql).toContain(
      "date_start > fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AND lap_duration <= {p1:Float64}",
    );
    expect(params).toEqual({ p0: Date.parse('2025-10-25T21:00:00Z'), p1: 80 });
  });

  it('reads several = on one attribute as any of them, and `latest` as the newest session', () => {
    const { sql } = build('drivers', 'session_key=latest&driver_number=1&driver_number=44');
    expect(sql).toContain('session_key = (SELECT argMax(session_key, date_start) FROM session_info FINAL)');
    expect(sql).toContain('driver_number IN ({p0:Int64}, {p1:Int64})');
  });

  it('widens a date without time to its whole day, as OpenF1 does', () => {
    const day = Date.parse('2023-09-30T00:00:00Z');
    const next = Date.parse('2023-10-01T00:00:00Z');
    const at = (p: string) => `fromUnixTimestamp64Milli({${p}:Int64}, 'UTC')`;
    expect(build('sessions', 'date_end<=2023-09-30')).toMatchObject({
      sql: expect.stringContaining(`WHERE date_end < ${at('p0')}`),
      params: { p0: next },
    });
    expect(build('sessions', 'date_end>2023-09-30').sql).toContain(`date_end >= ${at('p0')}`);
    expect(build('sessions', 'date_end>=2023-09-30').params).toEqual({ p0: day });
    expect(build('sessions', 'date_end<2023-09-30').sql).toContain(`date_end < ${at('p0')}`);
    expect(build('race_control', 'date=2023-09-30&date=2023-10-02')).toMatchObject({
      sql: expect.stringContaining(
        `WHERE ((date >= ${at('p0')} AND date < ${at('p1')}) OR (date >= ${at('p2')} AND date < ${at('p3')}))`,
      ),
      params: {
        p0: day,
        p1: next,
        p2: Date.parse('2023-10-02T00:00:00Z'),
        p3: Date.parse('2023-10-03T00:00:00Z'),
      },
    });
  });

  it('bounds the rows and the time a query may take when asked to', () => {
    const { sql } = buildQuery(OPENF1_ENDPOINTS.sessions, [], { limit: 1001, timeoutSeconds: 30 });
    expect(sql).toMatch(/ORDER BY date_start, session_key\nLIMIT 1001\nSETTINGS max_execution_time = 30$/);
  });

  it('returns the whole read model, ordered, without filters', () => {
    const { sql, params } = build('sessions', '');
    expect(sql).not.toMatch(/\)\nWHERE /);
    expect(sql).toMatch(/ORDER BY date_start, session_key$/);
    expect(params).toEqual({});
  });
});
