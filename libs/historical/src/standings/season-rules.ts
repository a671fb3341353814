/**
 * How a season's championships counted points, where that is more than "add everything up".
 * Sources: FIA yearbooks as summarised in Wikipedia, "List of Formula One World Championship
 * points scoring systems" (https://en.wikipedia.org/wiki/List_of_Formula_One_World_Championship_points_scoring_systems).
 */
export interface CountedResults {
  fromRound: number;
  /** Inclusive; `Infinity` for "to the end of the season". */
  toRound: number;
  /** Only this many best race scores of the block count. */
  best: number;
}

export interface SeasonScoringRules {
  driverCountedResults?: readonly CountedResults[];
  constructorCountedResults?: readonly CountedResults[];
  /** Until 1978 only a constructor's best-placed car scored for it at each race. */
  constructorScoresBestCarOnly?: boolean;
  /**
   * Points by finishing position for constructors, where drivers' results also carry points the
   * constructors' championship did not award (the 1958–1959 fastest-lap point). A car that
   * scored its drivers nothing (a shared drive, from 1958) scores its constructor nothing either.
   */
  constructorPointsByPosition?: readonly number[];
  /** From 2025 the tables leave unranked (`-`) whoever has neither points nor a classified finish. */
  unrankedWithoutClassifiedFinish?: boolean;
}

const bestOf = (best: number): CountedResults[] => [{ fromRound: 1, toRound: Infinity, best }];
const halves = (firstHalfRounds: number, firstBest: number, secondBest: number): CountedResults[] => [
  { fromRound: 1, toRound: firstHalfRounds, best: firstBest },
  { fromRound: firstHalfRounds + 1, toRound: Infinity, best: secondBest },
];

// prettier-ignore
const DRIVER_RULES: Record<number, readonly CountedResults[]> = {
  1950: bestOf(4), 1951: bestOf(4), 1952: bestOf(4), 1953: bestOf(4),
  1954: bestOf(5), 1955: bestOf(5), 1956: bestOf(5), 1957: bestOf(5),
  1958: bestOf(6), 1959: bestOf(5), 1960: bestOf(6), 1961: bestOf(5), 1962: bestOf(5),
  1963: bestOf(6), 1964: bestOf(6), 1965: bestOf(6), 1966: bestOf(5),
  1967: halves(6, 5, 4), 1968: halves(6, 5, 5), 1969: halves(6, 5, 4), 1970: halves(7, 6, 5),
  1971: halves(6, 5, 4), 1972: halves(6, 5, 5), 1973: halves(8, 7, 6), 1974: halves(8, 7, 6),
  1975: halves(7, 6, 6), 1976: halves(8, 7, 7), 1977: halves(9, 8, 7), 1978: halves(8, 7, 7),
  1979: halves(7, 4, 4), 1980: halves(7, 5, 5),
  1981: bestOf(11), 1982: bestOf(11), 1983: bestOf(11), 1984: bestOf(11), 1985: bestOf(11),
  1986: bestOf(11), 1987: bestOf(11), 1988: bestOf(11), 1989: bestOf(11), 1990: bestOf(11),
};

// prettier-ignore
const CONSTRUCTOR_RULES: Record<number, readonly CountedResults[]> = {
  1958: bestOf(6), 1959: bestOf(5), 1960: bestOf(6), 1961: bestOf(5), 1962: bestOf(5),
  1963: bestOf(6), 1964: bestOf(6), 1965: bestOf(6), 1966: bestOf(5),
  1967: halves(6, 5, 4), 1968: halves(6, 5, 5), 1969: halves(6, 5, 4), 1970: halves(7, 6, 5),
  1971: halves(6, 5, 4), 1972: halves(6, 5, 5), 1973: halves(8, 7, 6), 1974: halves(8, 7, 6),
  1975: halves(7, 6, 6), 1976: halves(8, 7, 7), 1977: halves(9, 8, 7), 1978: halves(8, 7, 7),
};

export function scoringRulesFor(season: number): SeasonScoringRules {
  return {
    driverCountedResults: DRIVER_RULES[season],
    constructorCountedResults: CONSTRUCTOR_RULES[season],
    constructorScoresBestCarOnly: season <= 1978,
    constructorPointsByPosition: season === 1958 || season === 1959 ? [8, 6, 4, 3, 2] : undefined,
    unrankedWithoutClassifiedFinish: season >= 2025,
  };
}
