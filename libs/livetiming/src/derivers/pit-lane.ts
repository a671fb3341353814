import { FeedRecord } from './feed-values';

export interface PitLaneVisit {
  pitStopNumber: number;
  lapNumber: number;
  pitInAtMs: number;
  pitOutAtMs: number;
  laneDurationMs: number;
}

interface DriverPitLane {
  inPit: boolean;
  enteredAtMs: number | undefined;
  enteredOnLap: number;
  stops: number;
}

export interface PitLaneMoment {
  atMs: number | undefined;
  /** An entry counts only once the session runs: waiting in the pit lane before the start is no stop. */
  measurable: boolean;
  lapInProgress: number;
}

/**
 * Pit lane visits from TimingData's InPit/PitOut. A visit counts only when its entry was seen:
 * cars that start the feed in the pits (garage, grid procedures) have no entry time to measure from.
 */
export class PitLane {
  private readonly drivers = new Map<number, DriverPitLane>();

  onLinePatch(
    driverNumber: number,
    patch: FeedRecord,
    { atMs, measurable, lapInProgress }: PitLaneMoment,
  ): PitLaneVisit | undefined {
    const driver = this.driverOf(driverNumber);
    if (patch.InPit === true && !driver.inPit) {
      driver.inPit = true;
      driver.enteredAtMs = measurable ? atMs : undefined;
      driver.enteredOnLap = lapInProgress;
      return undefined;
    }
    const left = patch.PitOut === true || patch.InPit === false;
    if (!left || !driver.inPit) return undefined;
    driver.inPit = false;
    const pitInAtMs = driver.enteredAtMs;
    driver.enteredAtMs = undefined;
    if (pitInAtMs === undefined || atMs === undefined) return undefined;
    driver.stops += 1;
    return {
      pitStopNumber: driver.stops,
      lapNumber: driver.enteredOnLap,
      pitInAtMs,
      pitOutAtMs: atMs,
      laneDurationMs: Math.max(0, atMs - pitInAtMs),
    };
  }

  private driverOf(driverNumber: number): DriverPitLane {
    let driver = this.drivers.get(driverNumber);
    if (!driver) {
      driver = { inPit: false, enteredAtMs: undefined, enteredOnLap: 1, stops: 0 };
      this.drivers.set(driverNumber, driver);
    }
    return driver;
  }
}
