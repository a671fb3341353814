import { type AnyEvent, type HistoricalEvent } from '@slipstream/contracts';
import {
  calculatedStandingsEvents,
  calculateSeasonStandings,
  type Classification,
  officialAdjustmentsFor,
} from '@slipstream/historical';

/**
 * The results of one season, keyed by event id (a corrected result replaces the old one), and the
 * standings they give after every round. Deterministic: the same results give the same events.
 */
export class SeasonResults {
  private readonly race = new Map<string, Classification>();
  private readonly sprint = new Map<string, Classification>();
  private latestRecordedAt = '1970-01-01T00:00:00.000Z';

  constructor(readonly season: number) {}

  /** True when the event is a result of this season. */
  add(event: AnyEvent): boolean {
    const target =
      event.type === 'RaceResultRecorded'
        ? this.race
        : event.type === 'SprintResultRecorded'
          ? this.sprint
          : null;
    if (!target) return false;
    target.set(event.id, event.data as Classification);
    if (event.recordedAt > this.latestRecordedAt) this.latestRecordedAt = event.recordedAt;
    return true;
  }

  standingsEvents(): HistoricalEvent[] {
    const rounds = calculateSeasonStandings({
      season: this.season,
      raceResults: [...this.race.values()],
      sprintResults: [...this.sprint.values()],
      adjustments: officialAdjustmentsFor(this.season),
    });
    // Stamped with the newest result's recordedAt, not the clock, so a recalculation converges.
    return calculatedStandingsEvents(rounds, {
      recordedAt: this.latestRecordedAt,
      correlationId: `standings:${this.season}`,
      causationId: null,
    });
  }
}

export function seasonOf(event: AnyEvent): number | undefined {
  const season = (event.data as { season?: unknown }).season;
  return typeof season === 'number' ? season : undefined;
}
