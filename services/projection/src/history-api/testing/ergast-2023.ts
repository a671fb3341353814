import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

/*
 * Expected answers for the 2023 season read straight from the fixture files (the Ergast CSV set
 * and Jolpica's laps), independently of the normalizers and projectors the API's rows went through.
 */

const FIXTURES = resolve(__dirname, '../../../../../libs/historical/fixtures');

type Row = Record<string, string>;

/** A 2023 race-keyed row with its round; the columns the tests read, as the CSV writes them. */
export interface Fact {
  round: number;
  raceId: string;
  driverId: string;
  constructorId: string;
  position: string;
  positionText: string;
  points: string;
  milliseconds: string;
  wins: string;
}

export function ergastCsv(table: string): Row[] {
  const csv = gunzipSync(readFileSync(join(FIXTURES, 'ergast-csv', `${table}.csv.gz`)));
  return parse(csv, { columns: true, relax_column_count: true }) as Row[];
}

export class Ergast2023 {
  readonly races = ergastCsv('races').filter((race) => race.year === '2023');
  private readonly raceIds = new Set(this.races.map((race) => race.raceId));
  private readonly roundOf = new Map(this.races.map((race) => [race.raceId, Number(race.round)]));
  private readonly driverRef = new Map(ergastCsv('drivers').map((d) => [d.driverId, d.driverRef]));
  private readonly constructorRef = new Map(
    ergastCsv('constructors').map((c) => [c.constructorId, c.constructorRef]),
  );
  private readonly circuitRef = new Map(ergastCsv('circuits').map((c) => [c.circuitId, c.circuitRef]));

  private of2023 = (table: string): Fact[] =>
    ergastCsv(table)
      .filter((row) => this.raceIds.has(row.raceId))
      .map((row) => ({ ...row, round: this.roundOf.get(row.raceId)! }) as unknown as Fact);

  readonly results = this.of2023('results').map((row) => ({
    ...row,
    driverRef: this.driverRef.get(row.driverId)!,
    constructorRef: this.constructorRef.get(row.constructorId)!,
  }));
  readonly sprintResults = this.of2023('sprint_results').map((row) => ({
    ...row,
    driverRef: this.driverRef.get(row.driverId)!,
  }));
  readonly qualifying = this.of2023('qualifying').map((row) => ({
    ...row,
    driverRef: this.driverRef.get(row.driverId)!,
  }));
  readonly pitStops = this.of2023('pit_stops').map((row) => ({
    ...row,
    driverRef: this.driverRef.get(row.driverId)!,
  }));

  circuitOfRound(round: number): string {
    return this.circuitRef.get(this.races.find((race) => Number(race.round) === round)!.circuitId)!;
  }

  /** The published drivers' table after a round, ordered by position. */
  driverStandingsAfter(
    round: number,
  ): Array<{ ref: string; points: number; position: number; wins: number }> {
    return this.of2023('driver_standings')
      .filter((row) => row.round === round)
      .map((row) => ({
        ref: this.driverRef.get(row.driverId)!,
        points: Number(row.points),
        position: Number(row.position),
        wins: Number(row.wins),
      }))
      .sort((a, b) => a.position - b.position);
  }

  constructorStandingsAfter(
    round: number,
  ): Array<{ ref: string; points: number; position: number; wins: number }> {
    return this.of2023('constructor_standings')
      .filter((row) => row.round === round)
      .map((row) => ({
        ref: this.constructorRef.get(row.constructorId)!,
        points: Number(row.points),
        position: Number(row.position),
        wins: Number(row.wins),
      }))
      .sort((a, b) => a.position - b.position);
  }
}

/** Each driver's fastest lap in Jolpica's 2023 round 1 laps (the laps the read models hold). */
export function fastestLaps2023Round1(): Array<{ driverRef: string; lap: number; timeMs: number }> {
  const path = join(FIXTURES, 'jolpica-api-json-2023-live', '2023@1@laps.json^limit=1200');
  const { MRData } = JSON.parse(readFileSync(path, 'utf8')) as {
    MRData: {
      RaceTable: {
        Races: Array<{ Laps: Array<{ number: string; Timings: Array<{ driverId: string; time: string }> }> }>;
      };
    };
  };
  const best = new Map<string, { driverRef: string; lap: number; timeMs: number }>();
  for (const lap of MRData.RaceTable.Races[0].Laps)
    for (const timing of lap.Timings) {
      const [minutes, seconds] = timing.time.split(':');
      const timeMs = Math.round((Number(minutes) * 60 + Number(seconds)) * 1000);
      const current = best.get(timing.driverId);
      if (!current || timeMs < current.timeMs)
        best.set(timing.driverId, { driverRef: timing.driverId, lap: Number(lap.number), timeMs });
    }
  return [...best.values()].sort((a, b) => a.timeMs - b.timeMs || a.driverRef.localeCompare(b.driverRef));
}
