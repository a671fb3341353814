import { describe, expect, it } from 'vitest';

import { OPENF1_ENDPOINTS } from './endpoints';
import { FilterError, parseOpenF1Query } from './filter-parser';

const carData = OPENF1_ENDPOINTS.car_data;
const laps = OPENF1_ENDPOINTS.laps;

function problem(run: () => unknown): { parameter: string; problem: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof FilterError) return { parameter: error.parameter, problem: error.problem };
    throw error;
  }
  throw new Error('expected a FilterError');
}

describe('OpenF1 query strings', () => {
  it('reads the operator from the query string itself, as OpenF1 writes it', () => {
    expect(parseOpenF1Query('session_key=9873&driver_number=16&speed>=315', carData)).toEqual({
      csv: false,
      filters: [
        { attribute: 'session_key', type: 'int', operator: '=', value: { kind: 'number', value: 9873 } },
        { attribute: 'driver_number', type: 'int', operator: '=', value: { kind: 'number', value: 16 } },
        { attribute: 'speed', type: 'int', operator: '>=', value: { kind: 'number', value: 315 } },
      ],
    });
  });

  it('accepts percent-encoded operators and every comparison', () => {
    const { filters } = parseOpenF1Query('speed%3E%3D315&rpm%3C12000&n_gear>7&throttle<=99', carData);
    expect(filters.map(({ attribute, operator }) => `${attribute}${operator}`)).toEqual([
      'speed>=',
      'rpm<',
      'n_gear>',
      'throttle<=',
    ]);
  });

  it('reads dates as UTC unless they carry an offset, with or without time', () => {
    const { filters } = parseOpenF1Query(
      'date>2025-10-25T21:03:35.2&date<2025-10-25T23:00:00+02:00&date>=2025-10-25',
      carData,
    );
    expect(filters.map(({ value }) => value)).toEqual([
      { kind: 'number', value: Date.parse('2025-10-25T21:03:35.200Z') },
      { kind: 'number', value: Date.parse('2025-10-25T21:00:00.000Z') },
      // A date alone is its whole day (OpenF1 widens it so).
      {
        kind: 'day',
        start: Date.parse('2025-10-25T00:00:00.000Z'),
        end: Date.parse('2025-10-26T00:00:00.000Z'),
      },
    ]);
  });

  it('reads attribute names whatever their case, as OpenF1 does', () => {
    expect(parseOpenF1Query('Session_Key=9873&DRIVER_NUMBER=16&CSV=true', carData)).toEqual({
      csv: true,
      filters: [
        { attribute: 'session_key', type: 'int', operator: '=', value: { kind: 'number', value: 9873 } },
        { attribute: 'driver_number', type: 'int', operator: '=', value: { kind: 'number', value: 16 } },
      ],
    });
  });

  it.each([
    ['2023-09-16T13:03:35.200', '2023-09-16T13:03:35.200Z'],
    ['2023-09-16T13:03:35.200123', '2023-09-16T13:03:35.200Z'],
    ['2023-09-16 13:03:35', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T13:03', '2023-09-16T13:03:00.000Z'],
    ['2023-09-16T13', '2023-09-16T13:00:00.000Z'],
    ['2023-09-16T13:03:35Z', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T13:03:35+00:00', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T15:03:35+02:00', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T15:03:35+0200', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T15:03:35+02', '2023-09-16T13:03:35.000Z'],
    ['2023-09-16T08:03:35-05:00', '2023-09-16T13:03:35.000Z'],
    // A form-encoded plus arrives as a space: OpenF1 reads ` 02:00` after a time as an offset too.
    ['2023-09-16T15:03:35 02:00', '2023-09-16T13:03:35.000Z'],
  ])('accepts the date form %s', (text, utc) => {
    expect(parseOpenF1Query(`date>${encodeURIComponent(text)}`, carData).filters[0].value).toEqual({
      kind: 'number',
      value: Date.parse(utc),
    });
  });

  it.each([
    '2025-02-30',
    '2025-02-29T10:00',
    '2024-04-31',
    '2025-00-10',
    '2025-10-25T24:00',
    '2025-10-25T23:60',
    '2025-10-25T23:59:60',
  ])('refuses the impossible date %s instead of rolling it over', (text) => {
    expect(problem(() => parseOpenF1Query(`date_start>${text}`, laps))).toEqual({
      parameter: 'date_start',
      problem: `"${text}" is not a valid date`,
    });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseOpenF1Query('date_start>2024-02-29T10:00', laps).filters[0].value).toEqual({
      kind: 'number',
      value: Date.parse('2024-02-29T10:00:00Z'),
    });
  });

  it('quotes at most the first 100 characters of a long unparseable filter', () => {
    const junk = 'x'.repeat(15_000);
    const error = (() => {
      try {
        parseOpenF1Query(`session_key=1&${junk}`, carData);
      } catch (caught) {
        return caught as FilterError;
      }
      throw new Error('expected a FilterError');
    })();
    expect(error.parameter).toBe(`${'x'.repeat(100)}… (15000 characters)`);
    expect(error.message.length).toBeLessThan(300);
    const value = problem(() => parseOpenF1Query(`speed=${'9'.repeat(20)}x${'9'.repeat(5000)}`, carData));
    expect(value.problem.length).toBeLessThan(200);
    expect(value.problem).toMatch(/^"9{20}x9{79}… \(5021 characters\)" is not an integer$/);
  });

  it('turns csv=true into CSV output, booleans into 1/0, and knows `latest`', () => {
    const query = parseOpenF1Query('session_key=latest&is_pit_out_lap=false&lap_duration<=80&csv=true', laps);
    expect(query.csv).toBe(true);
    expect(query.filters.map(({ value }) => value)).toEqual([
      { kind: 'latest' },
      { kind: 'number', value: 0 },
      { kind: 'number', value: 80 },
    ]);
  });

  it('names an unknown attribute', () => {
    expect(problem(() => parseOpenF1Query('session_key=9873&sped>=315', carData))).toEqual({
      parameter: 'sped',
      problem: 'unknown attribute for /car_data',
    });
  });

  it('names a malformed value', () => {
    expect(problem(() => parseOpenF1Query('speed>=fast', carData)).parameter).toBe('speed');
    expect(problem(() => parseOpenF1Query('lap_duration<=1:20', laps)).parameter).toBe('lap_duration');
    expect(problem(() => parseOpenF1Query('date>yesterday', carData)).parameter).toBe('date');
    expect(problem(() => parseOpenF1Query('date>2025-13-40', carData)).parameter).toBe('date');
    expect(problem(() => parseOpenF1Query('driver_number=', carData)).parameter).toBe('driver_number');
    expect(problem(() => parseOpenF1Query('is_pit_out_lap>true', laps)).parameter).toBe('is_pit_out_lap');
    expect(problem(() => parseOpenF1Query("speed=1' OR 1=1", carData)).parameter).toBe('speed');
  });

  it('refuses attributes OpenF1 has but slipstream cannot fill', () => {
    expect(problem(() => parseOpenF1Query('country_code=NED', OPENF1_ENDPOINTS.drivers)).problem).toBe(
      'not available in slipstream',
    );
    expect(problem(() => parseOpenF1Query('segments_sector_1=2049', laps)).problem).toBe(
      'holds an array: not filterable',
    );
  });
});
