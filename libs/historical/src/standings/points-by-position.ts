/**
 * Championship points by finishing position (1st, 2nd, …), for the seasons slipstream scores a
 * provisional result of. Source: the FIA Sporting Regulations as summarised in Wikipedia, "List of
 * Formula One World Championship points scoring systems". The fastest-lap point (2019–2024) and
 * half points for shortened races are not in these tables: they depend on more than the order.
 */
export interface PointsByPosition {
  fromSeason: number;
  race: readonly number[];
  sprint: readonly number[];
}

/** Newest first; each applies from its season until the next. */
export const POINTS_BY_POSITION: readonly PointsByPosition[] = [
  { fromSeason: 2022, race: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1], sprint: [8, 7, 6, 5, 4, 3, 2, 1] },
  { fromSeason: 2021, race: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1], sprint: [3, 2, 1] },
  { fromSeason: 2010, race: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1], sprint: [] },
  { fromSeason: 2003, race: [10, 8, 6, 5, 4, 3, 2, 1], sprint: [] },
  { fromSeason: 1991, race: [10, 6, 4, 3, 2, 1], sprint: [] },
];

/** The points a finishing position scores in a season's race or sprint; undefined before 1991. */
export function pointsForPosition(
  season: number,
  kind: 'race' | 'sprint',
  position: number,
): number | undefined {
  const rules = POINTS_BY_POSITION.find((candidate) => season >= candidate.fromSeason);
  if (!rules) return undefined;
  return rules[kind][position - 1] ?? 0;
}
