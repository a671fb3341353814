import { countBack } from './count-back';
import { EntrantTally } from './entrant-tally';
import { type CountedResults, scoringRulesFor, type SeasonScoringRules } from './season-rules';
import {
  type Classification,
  type RoundStandings,
  type SeasonResults,
  type Standing,
  type StandingsAdjustment,
} from './standings-types';

type Championship = 'drivers' | 'constructors';

/**
 * The drivers' and constructors' tables after every round of a season, computed from race and
 * sprint classifications plus the official decisions results do not show. Pure: the same
 * results always give the same tables.
 */
export function calculateSeasonStandings(
  input: SeasonResults,
  rules: SeasonScoringRules = scoringRulesFor(input.season),
): RoundStandings[] {
  input = { ...input, raceResults: correctedResults(input.raceResults, input.adjustments ?? []) };
  const rounds = [...new Set(input.raceResults.map((result) => result.round))].sort((a, b) => a - b);
  const previous: Record<Championship, Map<string, number>> = { drivers: new Map(), constructors: new Map() };
  return rounds.map((round) => {
    const drivers = rank('drivers', input, round, rules, previous.drivers);
    const constructors = rank('constructors', input, round, rules, previous.constructors);
    previous.drivers = positionsOf(drivers);
    previous.constructors = positionsOf(constructors);
    return { season: input.season, round, drivers, constructors };
  });
}

function rank(
  championship: Championship,
  input: SeasonResults,
  round: number,
  rules: SeasonScoringRules,
  previousPositions: ReadonlyMap<string, number>,
): Standing[] {
  const adjustments = (input.adjustments ?? []).filter(
    (adjustment) => adjustment.data.season === input.season,
  );
  const refOf = (result: Classification) =>
    championship === 'drivers' ? result.driverRef : result.constructorRef;
  const counts = (result: Classification) =>
    result.round <= round && result.round >= restartRound(adjustments, refOf(result), round, championship);
  const tallies = new Map<string, EntrantTally>();
  const tallyOf = (ref: string) => tallies.get(ref) ?? tallies.set(ref, new EntrantTally(ref)).get(ref)!;
  const bestCarOnly = championship === 'constructors' && rules.constructorScoresBestCarOnly === true;
  const byPosition = championship === 'constructors' ? rules.constructorPointsByPosition : undefined;
  for (const result of input.raceResults.filter(counts)) {
    const scored = byPosition
      ? { ...result, points: result.points > 0 ? (byPosition[(result.position ?? Infinity) - 1] ?? 0) : 0 }
      : result;
    tallyOf(refOf(result)).addRace(scored, round, bestCarOnly);
  }
  for (const result of input.sprintResults.filter(counts)) tallyOf(refOf(result)).addSprint(result);
  for (const adjustment of adjustments) {
    if (
      championship === 'constructors' &&
      adjustment.type === 'ConstructorPointsAdjusted' &&
      adjustment.data.round <= round
    ) {
      tallyOf(adjustment.data.constructorRef).adjustmentPoints += adjustment.data.pointsDelta;
    }
  }
  const counted: readonly CountedResults[] | undefined =
    championship === 'drivers' ? rules.driverCountedResults : rules.constructorCountedResults;
  const points = new Map([...tallies.values()].map((tally) => [tally.ref, tally.points(counted)]));
  const exclusion = (ref: string) => excludedAs(adjustments, championship, ref, round);
  const unranked = (tally: EntrantTally) =>
    rules.unrankedWithoutClassifiedFinish === true &&
    points.get(tally.ref) === 0 &&
    !tally.hasClassifiedFinish();
  const ordered = [...tallies.values()].sort(
    (a, b) =>
      Number(unranked(a)) - Number(unranked(b)) ||
      Number(exclusion(a.ref) !== null) - Number(exclusion(b.ref) !== null) ||
      points.get(b.ref)! - points.get(a.ref)! ||
      countBack(a, b, previousPositions),
  );
  return ordered.map((tally, index) => ({
    ref: tally.ref,
    points: points.get(tally.ref)!,
    position: unranked(tally) ? null : index + 1,
    positionText: unranked(tally) ? '-' : (exclusion(tally.ref) ?? String(index + 1)),
    wins: tally.wins,
  }));
}

/**
 * The official classification where a decision after the race changed it (a time penalty): the
 * driver takes the new position and those between the old and new one move up, in `position`
 * and in `positionOrder` alike. Points stay as the results carry them (no scoring place changed).
 */
function correctedResults(
  results: readonly Classification[],
  adjustments: readonly StandingsAdjustment[],
): readonly Classification[] {
  const corrections = adjustments.filter((adjustment) => adjustment.type === 'RaceResultCorrected');
  if (corrections.length === 0) return results;
  return results.map((result) => {
    for (const { data } of corrections) {
      if (data.round !== result.round || result.position === null) continue;
      const moved = data.position - data.fromPosition;
      if (result.driverRef === data.driverRef && result.position === data.fromPosition)
        return shifted(result, moved);
      if (result.position > data.fromPosition && result.position <= data.position) return shifted(result, -1);
    }
    return result;
  });
}

function shifted(result: Classification, by: number): Classification {
  const position = result.position! + by;
  return { ...result, position, positionText: String(position), positionOrder: result.positionOrder + by };
}

/** A re-entered constructor starts from zero: results before its re-entry round no longer count. */
function restartRound(
  adjustments: readonly StandingsAdjustment[],
  ref: string,
  round: number,
  championship: Championship,
): number {
  if (championship !== 'constructors') return 1;
  return adjustments.reduce(
    (latest, adjustment) =>
      adjustment.type === 'ConstructorReEntered' &&
      adjustment.data.constructorRef === ref &&
      adjustment.data.round <= round
        ? Math.max(latest, adjustment.data.round)
        : latest,
    1,
  );
}

function excludedAs(
  adjustments: readonly StandingsAdjustment[],
  championship: Championship,
  ref: string,
  round: number,
): 'E' | 'D' | null {
  for (const adjustment of adjustments) {
    if (
      championship === 'constructors' &&
      adjustment.type === 'ConstructorExcluded' &&
      adjustment.data.constructorRef === ref &&
      adjustment.data.fromRound <= round
    )
      return 'E';
    if (
      championship === 'drivers' &&
      adjustment.type === 'DriverDisqualified' &&
      adjustment.data.driverRef === ref &&
      adjustment.data.fromRound <= round
    )
      return 'D';
  }
  return null;
}

function positionsOf(standings: readonly Standing[]): Map<string, number> {
  return new Map(standings.map((standing) => [standing.ref, standing.position ?? Infinity]));
}
