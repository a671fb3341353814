import { type CountedResults } from './season-rules';
import { type Classification } from './standings-types';

/** What one driver or constructor has accumulated up to a round: the inputs of points and ties. */
export class EntrantTally {
  /**
   * Race scores before dropped scores are applied: one per result, since a 1950s driver who
   * shared two cars in one race had two scores and each counted as a result of its own.
   */
  readonly raceScores: Array<{ round: number; points: number }> = [];
  sprintPoints = 0;
  adjustmentPoints = 0;
  wins = 0;
  /** Counts of classified finishing positions, index = position. */
  readonly classified: number[] = [];
  /** Counts of classification order including the unclassified, index = positionOrder. */
  readonly order: number[] = [];
  /** Best classification order in the latest round, the last resort between equals. */
  latestRoundOrder = Infinity;

  constructor(readonly ref: string) {}

  addRace(result: Classification, latestRound: number, scoresBestCarOnly: boolean): void {
    const sameRound = this.raceScores.find((score) => score.round === result.round);
    if (scoresBestCarOnly && sameRound) sameRound.points = Math.max(sameRound.points, result.points);
    else this.raceScores.push({ round: result.round, points: result.points });
    if (result.position !== null)
      this.classified[result.position] = (this.classified[result.position] ?? 0) + 1;
    this.order[result.positionOrder] = (this.order[result.positionOrder] ?? 0) + 1;
    if (result.position === 1) this.wins += 1;
    if (result.round === latestRound)
      this.latestRoundOrder = Math.min(this.latestRoundOrder, result.positionOrder);
  }

  hasClassifiedFinish(): boolean {
    return this.classified.some((count) => count > 0);
  }

  addSprint(result: Classification): void {
    this.sprintPoints += result.points;
  }

  points(counted: readonly CountedResults[] | undefined): number {
    const race = counted
      ? countedScores(this.raceScores, counted)
      : sum(this.raceScores.map((score) => score.points));
    // Shared drives scored halves and thirds; rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004.
    return Math.round((race + this.sprintPoints + this.adjustmentPoints) * 100) / 100;
  }
}

function countedScores(
  scores: ReadonlyArray<{ round: number; points: number }>,
  blocks: readonly CountedResults[],
): number {
  return blocks.reduce((total, block) => {
    const inBlock = scores
      .filter(({ round }) => round >= block.fromRound && round <= block.toRound)
      .map(({ points }) => points);
    return total + sum(inBlock.sort((a, b) => b - a).slice(0, block.best));
  }, 0);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
