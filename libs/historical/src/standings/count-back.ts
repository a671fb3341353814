import { type EntrantTally } from './entrant-tally';

/**
 * The order between entrants on equal points: the count-back of classified finishes (more wins,
 * then more second places…), then of the classification order including retirements, then the
 * order of the previous round's table, then the latest race. This is the order the Ergast
 * standings follow; the FIA's own rule stops after the count-back and leaves the rest to its judgement.
 */
export function countBack(
  a: EntrantTally,
  b: EntrantTally,
  previousPositions: ReadonlyMap<string, number>,
): number {
  return (
    compareCounts(a.classified, b.classified) ||
    compareCounts(a.order, b.order) ||
    (previousPositions.get(a.ref) ?? Infinity) - (previousPositions.get(b.ref) ?? Infinity) ||
    a.latestRoundOrder - b.latestRoundOrder ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  );
}

function compareCounts(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let place = 1; place < length; place += 1) {
    const difference = (b[place] ?? 0) - (a[place] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
