import { type Migration } from '@slipstream/clickhouse';

/*
 * Marts are plain views over the replaced (FINAL) tables, so they are always as current as the
 * facts and a rebuild of the facts rebuilds them. A DNF is a car that started and was not
 * classified (R, N); disqualified (D), excluded (E), withdrawn (W) and non-qualifiers (F) are not.
 * A pole is starting first (grid 1), as season records count poles (Spa 2023 to Leclerc, the
 * fastest qualifier Verstappen starting sixth), and grid is known for every season.
 */

const championshipFinal = (table: string, entrant: string) => `(
    SELECT season, ${entrant}, argMax(points, round) AS championship_points, argMax(position, round) AS championship_position
    FROM ${table} FINAL WHERE origin = 'published' GROUP BY season, ${entrant}
  )`;

/** One row per race result with its outcomes decided once, for the season marts to count. */
const raceResultOutcomes = `CREATE VIEW IF NOT EXISTS mart_race_result_outcomes AS
SELECT
  r.season AS season, r.round AS round, r.driver_ref AS driver_ref, r.constructor_ref AS constructor_ref,
  r.grid AS grid, r.position AS position, r.position_text AS position_text, r.points AS points,
  coalesce(r.position = 1, false) AS won,
  coalesce(r.position <= 3, false) AS podium,
  coalesce(r.grid = 1, false) AS pole,
  coalesce(r.fastest_lap_rank = 1, false) AS fastest_lap,
  CAST(r.position_text AS String) IN ('R', 'N') AS dnf
FROM hist_race_results AS r FINAL`;

const driverSeasonPerformance = `CREATE VIEW IF NOT EXISTS mart_driver_season_performance AS
SELECT
  season, driver_ref, constructor_refs, races, race_points + sprint_points AS points, sprint_points,
  wins, podiums, poles, fastest_laps, dnfs, average_finish, best_finish, championship_points, championship_position
FROM (
  SELECT
    season, driver_ref,
    groupUniqArray(constructor_ref) AS constructor_refs,
    uniqExact(round) AS races,
    sum(points) AS race_points,
    countIf(won) AS wins,
    countIf(podium) AS podiums,
    countIf(pole) AS poles,
    countIf(fastest_lap) AS fastest_laps,
    countIf(dnf) AS dnfs,
    avgIf(position, position IS NOT NULL) AS average_finish,
    min(position) AS best_finish
  FROM mart_race_result_outcomes
  GROUP BY season, driver_ref
) AS results
LEFT JOIN (SELECT season, driver_ref, sum(points) AS sprint_points FROM hist_sprint_results FINAL GROUP BY season, driver_ref) AS sprints
  USING (season, driver_ref)
LEFT JOIN ${championshipFinal('hist_driver_standings', 'driver_ref')} AS championship USING (season, driver_ref)`;

const constructorSeasonPerformance = `CREATE VIEW IF NOT EXISTS mart_constructor_season_performance AS
SELECT
  season, constructor_ref, driver_refs, races, race_points + sprint_points AS points, sprint_points,
  wins, one_twos, podiums, poles, fastest_laps, dnfs, average_finish, championship_points, championship_position
FROM (
  SELECT
    season, constructor_ref,
    groupUniqArray(driver_ref) AS driver_refs,
    uniqExact(round) AS races,
    sum(points) AS race_points,
    countIf(won) AS wins,
    uniqExactIf(round, constructor_won_round AND constructor_second_round) AS one_twos,
    countIf(podium) AS podiums,
    countIf(pole) AS poles,
    countIf(fastest_lap) AS fastest_laps,
    countIf(dnf) AS dnfs,
    avgIf(position, position IS NOT NULL) AS average_finish
  FROM (
    SELECT
      *,
      max(won) OVER car_rounds AS constructor_won_round,
      max(coalesce(position = 2, false)) OVER car_rounds AS constructor_second_round
    FROM mart_race_result_outcomes
    WINDOW car_rounds AS (PARTITION BY season, round, constructor_ref)
  )
  GROUP BY season, constructor_ref
) AS results
LEFT JOIN (SELECT season, constructor_ref, sum(points) AS sprint_points FROM hist_sprint_results FINAL GROUP BY season, constructor_ref) AS sprints
  USING (season, constructor_ref)
LEFT JOIN ${championshipFinal('hist_constructor_standings', 'constructor_ref')} AS championship USING (season, constructor_ref)`;

const progression = (championship: string, table: string, entrant: string) => `SELECT
  origin, '${championship}' AS championship, season, round, ${entrant} AS entrant_ref, points, position, wins,
  points - lagInFrame(points, 1, 0) OVER entrant_rounds AS points_gained,
  lagInFrame(position, 1, NULL) OVER entrant_rounds AS previous_position
FROM ${table} FINAL
WINDOW entrant_rounds AS (PARTITION BY origin, season, ${entrant} ORDER BY round ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;

const standingsProgression = `CREATE VIEW IF NOT EXISTS mart_standings_progression AS
SELECT p.*, races.race_name AS race_name
FROM (
  ${progression('drivers', 'hist_driver_standings', 'driver_ref')}
  UNION ALL
  ${progression('constructors', 'hist_constructor_standings', 'constructor_ref')}
) AS p
LEFT JOIN (SELECT season, round, race_name FROM hist_races FINAL) AS races USING (season, round)`;

const teammateHeadToHead = `CREATE VIEW IF NOT EXISTS mart_teammate_head_to_head AS
WITH
  results AS (SELECT season, round, driver_ref, constructor_ref, position_order, points FROM hist_race_results FINAL),
  qualifying AS (SELECT season, round, driver_ref, position FROM hist_qualifying_results FINAL)
SELECT
  a.season AS season, a.constructor_ref AS constructor_ref, a.driver_ref AS driver_ref, b.driver_ref AS teammate_ref,
  count() AS races_together,
  countIf(a.position_order < b.position_order) AS race_ahead,
  countIf(a.position_order > b.position_order) AS race_behind,
  countIf(qa.position < qb.position) AS qualifying_ahead,
  countIf(qa.position > qb.position) AS qualifying_behind,
  sum(a.points) AS points,
  sum(b.points) AS teammate_points
FROM results AS a
INNER JOIN results AS b ON b.season = a.season AND b.round = a.round AND b.constructor_ref = a.constructor_ref
LEFT JOIN qualifying AS qa ON qa.season = a.season AND qa.round = a.round AND qa.driver_ref = a.driver_ref
LEFT JOIN qualifying AS qb ON qb.season = b.season AND qb.round = b.round AND qb.driver_ref = b.driver_ref
WHERE a.driver_ref != b.driver_ref
GROUP BY a.season, a.constructor_ref, a.driver_ref, b.driver_ref`;

/** Stops of a minute or more (red flags, repairs) are counted but kept out of the timing figures. */
const pitStopPerformance = `CREATE VIEW IF NOT EXISTS mart_pit_stop_performance AS
SELECT
  season, round, constructor_ref,
  count() AS stops,
  countIf(duration_ms < 60000) AS timed_stops,
  minIf(duration_ms, duration_ms < 60000) AS fastest_ms,
  quantileExactInclusiveIf(0.5)(duration_ms, duration_ms < 60000) AS median_ms,
  avgIf(duration_ms, duration_ms < 60000) AS average_ms
FROM (SELECT season, round, driver_ref, duration_ms FROM hist_pit_stops FINAL) AS stops
INNER JOIN (
  SELECT season, round, driver_ref, any(constructor_ref) AS constructor_ref FROM hist_race_results FINAL GROUP BY season, round, driver_ref
) AS cars USING (season, round, driver_ref)
GROUP BY season, round, constructor_ref`;

export const historicalMartsMigration: Migration = {
  version: 103,
  name: 'historical_marts',
  statements: [
    raceResultOutcomes,
    driverSeasonPerformance,
    constructorSeasonPerformance,
    standingsProgression,
    teammateHeadToHead,
    pitStopPerformance,
  ],
};
