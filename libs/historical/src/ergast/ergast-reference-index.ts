import { InvalidSourceRecordError, SourceFields } from '../source-fields';

export interface ErgastRace {
  season: number;
  round: number;
  date: string;
  time: string | null;
}

/**
 * Ergast rows point at each other through integer surrogate ids (`raceId`, `driverId`…); events
 * carry natural keys instead, so a row can only be mapped once the tables it points at are known.
 */
export interface ErgastReference {
  race(raceId: number): ErgastRace;
  driverRef(driverId: number): string;
  constructorRef(constructorId: number): string;
  circuitRef(circuitId: number): string;
  status(statusId: number): string;
}

export type ErgastReferenceTable = 'races' | 'drivers' | 'constructors' | 'circuits' | 'status';

export const ERGAST_REFERENCE_TABLES: readonly ErgastReferenceTable[] = [
  'status',
  'circuits',
  'drivers',
  'constructors',
  'races',
];

/** Built from the reference tables' rows (in any order), before the fact tables are mapped. */
export class ErgastReferenceIndex implements ErgastReference {
  private readonly races = new Map<number, ErgastRace>();
  private readonly drivers = new Map<number, string>();
  private readonly constructors = new Map<number, string>();
  private readonly circuits = new Map<number, string>();
  private readonly statuses = new Map<number, string>();

  static fromTables(
    tables: Partial<Record<ErgastReferenceTable, Iterable<Record<string, string>>>>,
  ): ErgastReferenceIndex {
    const index = new ErgastReferenceIndex();
    for (const table of ERGAST_REFERENCE_TABLES) {
      for (const row of tables[table] ?? []) index.add(table, row);
    }
    return index;
  }

  add(table: ErgastReferenceTable, row: Record<string, string>): void {
    const fields = new SourceFields(`ergast ${table} row`, row);
    switch (table) {
      case 'races':
        this.races.set(fields.int('raceId'), {
          season: fields.int('year'),
          round: fields.int('round'),
          date: fields.date('date'),
          time: fields.optionalUtcTime('time'),
        });
        return;
      case 'drivers':
        this.drivers.set(fields.int('driverId'), fields.text('driverRef'));
        return;
      case 'constructors':
        this.constructors.set(fields.int('constructorId'), fields.text('constructorRef'));
        return;
      case 'circuits':
        this.circuits.set(fields.int('circuitId'), fields.text('circuitRef'));
        return;
      case 'status':
        this.statuses.set(fields.int('statusId'), fields.text('status'));
        return;
    }
  }

  race(raceId: number): ErgastRace {
    return found(this.races.get(raceId), 'raceId', raceId, 'races');
  }

  driverRef(driverId: number): string {
    return found(this.drivers.get(driverId), 'driverId', driverId, 'drivers');
  }

  constructorRef(constructorId: number): string {
    return found(this.constructors.get(constructorId), 'constructorId', constructorId, 'constructors');
  }

  circuitRef(circuitId: number): string {
    return found(this.circuits.get(circuitId), 'circuitId', circuitId, 'circuits');
  }

  status(statusId: number): string {
    return found(this.statuses.get(statusId), 'statusId', statusId, 'status');
  }
}

function found<T>(value: T | undefined, field: string, id: number, table: string): T {
  if (value === undefined) {
    throw new InvalidSourceRecordError(
      'ergast reference',
      field,
      `refers to ${id}, which is not in ${table}`,
    );
  }
  return value;
}
