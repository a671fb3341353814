import { type AnyEvent, type HistoricalEvent } from '@slipstream/contracts';
import {
  calculatedStandingsEvents,
  calculateSeasonStandings,
  type Classification,
  officialAdjustmentsFor,
} from '@slipstream/historical';

interface Recorded {
  data: Classification;
  recordedAt: string;
  /** The data as JSON: breaks a tie between two recordings of one result made in the same millisecond. */
  json: string;
}

/**
 * The results of one season, keyed by event id, and the standings they give after every round.
 * A function of the set of results, whatever order they arrive in: of two recordings of one result
 * the newer one is kept (then the greater JSON, so a tie is broken the same way every time), and a
 * result that arrives again changes nothing.
 */
export class SeasonResults {
  private readonly race = new Map<string, Recorded>();
  private readonly sprint = new Map<string, Recorded>();
  private latestRecordedAt = '1970-01-01T00:00:00.000Z';

  constructor(readonly season: number) {}

  /**
   * True when the event is a result of this season, changed or not: the results loaded at start
   * arrive once more as the consumer's first batches, and those must still be calculated.
   */
  add(event: AnyEvent): boolean {
    const target =
      event.type === 'RaceResultRecorded'
        ? this.race
        : event.type === 'SprintResultRecorded'
          ? this.sprint
          : null;
    if (!target) return false;
    const candidate = {
      data: event.data as Classification,
      recordedAt: event.recordedAt,
      json: JSON.stringify(event.data),
    };
    const held = target.get(event.id);
    if (held && !isNewer(candidate, held)) return true;
    target.set(event.id, candidate);
    if (event.recordedAt > this.latestRecordedAt) this.latestRecordedAt = event.recordedAt;
    return true;
  }

  standingsEvents(): HistoricalEvent[] {
    const classifications = (results: Map<string, Recorded>) => [...results.values()].map(({ data }) => data);
    const rounds = calculateSeasonStandings({
      season: this.season,
      raceResults: classifications(this.race),
      sprintResults: classifications(this.sprint),
      adjustments: officialAdjustmentsFor(this.season),
    });
    // Stamped with the newest result's recordedAt, not the clock, so a recalculation converges; the
    // count of results orders two calculations made from results recorded in the same millisecond.
    return calculatedStandingsEvents(
      rounds,
      { recordedAt: this.latestRecordedAt, correlationId: `standings:${this.season}`, causationId: null },
      this.race.size + this.sprint.size,
    );
  }
}

function isNewer(candidate: Recorded, held: Recorded): boolean {
  if (candidate.recordedAt !== held.recordedAt) return candidate.recordedAt > held.recordedAt;
  return candidate.json > held.json;
}

export function seasonOf(event: AnyEvent): number | undefined {
  const season = (event.data as { season?: unknown }).season;
  return typeof season === 'number' ? season : undefined;
}
