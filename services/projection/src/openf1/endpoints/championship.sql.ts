import { POINTS_BY_POSITION } from '@slipstream/historical';

import { SESSION_RESULT, SESSION_WEEKENDS } from './official-results.sql';

/*
 * The championships of a race or sprint as OpenF1 serves them: before the session and as its result
 * stands. From the feed's ChampionshipPrediction where it came; otherwise (the fallback) from the
 * historical read models: the standings after the previous round (published, else calculated), plus,
 * for a race, its weekend's official sprint points; then the session's points, official when its
 * result is, else scored from the provisional order under the season's points table.
 */

const RACES = `SELECT session_key, season, round, kind FROM (${SESSION_WEEKENDS}) WHERE kind != ''`;

const scoreArray = (points: readonly number[]) =>
  points.length === 0 ? 'emptyArrayUInt8()' : `CAST([${points.join(', ')}], 'Array(UInt8)')`;

/** The points table of the weekend `w` (season, kind) as an array by position. */
const SCORES = `multiIf(${POINTS_BY_POSITION.map(
  ({ fromSeason, race, sprint }) =>
    `w.season >= ${fromSeason}, if(w.kind = 'sprint', ${scoreArray(sprint)}, ${scoreArray(race)})`,
).join(', ')}, emptyArrayUInt8())`;

/** Each car's points in its race or sprint, and whether they are official. */
const SESSION_POINTS = `SELECT r.session_key AS session_key, toUInt16(r.driver_number) AS driver_number,
    r.result_status AS result_status,
    toFloat64(if(r.result_status = 'official', ifNull(r.points, 0),
      if(r.dnf OR r.provisional_position IS NULL, 0,
         arrayElement(${SCORES}, toUInt64(assumeNotNull(r.provisional_position)))))) AS points
  FROM (${SESSION_RESULT}) AS r INNER JOIN (${RACES}) AS w ON w.session_key = r.session_key`;

/** Each season's car numbers and teams, from its results (the latest round wins). */
const SEASON_CARS = `SELECT season, driver_ref, argMax(car_number, round) AS car_number, argMax(constructor_ref, round) AS constructor_ref
  FROM (SELECT season, round, driver_ref, constructor_ref, assumeNotNull(car_number) AS car_number FROM hist_race_results FINAL
        WHERE car_number IS NOT NULL
        UNION ALL SELECT season, round, driver_ref, constructor_ref, assumeNotNull(car_number) AS car_number
        FROM hist_sprint_results FINAL WHERE car_number IS NOT NULL)
  GROUP BY season, driver_ref`;

/** Standings after each round, the published table where there is one: keyed by the round they precede. */
const standingsBefore = (
  table: string,
  entrant: string,
) => `SELECT season, toInt16(round) + 1 AS next_round, ${entrant},
    argMax(points, origin = 'published') AS points, argMax(position, origin = 'published') AS position
  FROM ${table} FINAL GROUP BY season, round, ${entrant}`;

/** A race's sprint points of the same weekend, which the standings of the previous round do not hold yet. */
const SPRINT_BEFORE_RACE = `SELECT w.session_key AS session_key, sp.driver_ref AS driver_ref, sp.constructor_ref AS constructor_ref,
    sp.points AS points
  FROM (${RACES}) AS w
  INNER JOIN (SELECT season, round, driver_ref, constructor_ref, points FROM hist_sprint_results FINAL) AS sp
    ON sp.season = w.season AND sp.round = w.round
  WHERE w.kind = 'race'`;

/** The sessions the fallback can answer: standings exist for the round before, or it is the first round. */
const answerable = (start: string) => `(w.round = 1 OR w.session_key IN (SELECT session_key FROM (${start})))
  AND w.session_key NOT IN (SELECT session_key FROM session_championship_predictions)`;

/** Ranks entrants before and after the session; `standing` (the published position) breaks ties. */
const ranked = (
  entrant: string,
  tally: string,
) => `SELECT session_key, ${entrant}, points_start, points_current,
    toUInt16(row_number() OVER (PARTITION BY session_key ORDER BY points_current DESC, position_start)) AS position_current,
    position_start, source
  FROM (SELECT *, toUInt16(row_number() OVER (PARTITION BY session_key ORDER BY points_start DESC, standing, ${entrant})) AS position_start
    FROM (${tally}))`;

const DRIVER_START = `SELECT w.session_key AS session_key, c.car_number AS driver_number, s.points AS points,
    s.position AS position
  FROM (${RACES}) AS w
  INNER JOIN (${standingsBefore('hist_driver_standings', 'driver_ref')}) AS s
    ON s.season = w.season AND s.next_round = toInt16(w.round)
  INNER JOIN (${SEASON_CARS}) AS c ON c.season = s.season AND c.driver_ref = s.driver_ref`;

/**
 * Points before and after the session per entrant: `rows` are (session_key, entrant, start, scored,
 * standing, result_status); only sessions whose standings before them are known (`start`) answer.
 */
const tally = (entrant: string, rows: string, start: string) => `SELECT session_key, ${entrant},
    sum(start) AS points_start, sum(start) + sum(scored) AS points_current,
    ifNull(min(standing), 255) AS standing,
    if(max(result_status) = 'official', 'standings_official', 'standings_provisional') AS source
  FROM (${rows}) AS t
  WHERE session_key IN (SELECT w.session_key FROM (${RACES}) AS w WHERE ${answerable(start)})
  GROUP BY session_key, ${entrant}`;

const DRIVER_TALLY = tally(
  'driver_number',
  `SELECT session_key, driver_number, toFloat64(points) AS start, toFloat64(0) AS scored,
      toNullable(toUInt8(ifNull(position, 255))) AS standing, '' AS result_status
    FROM (${DRIVER_START})
    UNION ALL
    SELECT sb.session_key, c.car_number, toFloat64(sb.points), toFloat64(0), CAST(NULL, 'Nullable(UInt8)'), ''
    FROM (${SPRINT_BEFORE_RACE}) AS sb
    INNER JOIN (${RACES}) AS w ON w.session_key = sb.session_key
    INNER JOIN (${SEASON_CARS}) AS c ON c.season = w.season AND c.driver_ref = sb.driver_ref
    UNION ALL
    SELECT session_key, driver_number, toFloat64(0), points, CAST(NULL, 'Nullable(UInt8)'), result_status
    FROM (${SESSION_POINTS})`,
  DRIVER_START,
);

/** The team name the feed gives each car of a session. */
const FEED_TEAMS = `SELECT session_key, driver_number, assumeNotNull(team_name) AS team_name FROM session_drivers FINAL
  WHERE team_name IS NOT NULL`;

/** Each session's team names as the feed writes them, by the constructor its cars drive for. */
const TEAM_NAMES = `SELECT d.session_key AS session_key, c.constructor_ref AS constructor_ref, any(d.team_name) AS team_name
  FROM (${FEED_TEAMS}) AS d
  INNER JOIN (${RACES}) AS w ON w.session_key = d.session_key
  INNER JOIN (${SEASON_CARS}) AS c ON c.season = w.season AND c.car_number = d.driver_number
  GROUP BY d.session_key, c.constructor_ref`;

/** A constructor's name in the session: the feed's when one of its cars ran, else the sources'. */
const teamNameOf = (rows: string, columns: string) => `SELECT x.session_key AS session_key,
    if(n.team_name = '', hc.name, n.team_name) AS team_name, ${columns}
  FROM (${rows}) AS x
  LEFT JOIN (${TEAM_NAMES}) AS n ON n.session_key = x.session_key AND n.constructor_ref = x.constructor_ref
  LEFT JOIN (SELECT constructor_ref, name FROM hist_constructors FINAL) AS hc ON hc.constructor_ref = x.constructor_ref`;

const TEAM_START = `SELECT w.session_key AS session_key, s.constructor_ref AS constructor_ref, s.points AS points,
    s.position AS position
  FROM (${RACES}) AS w
  INNER JOIN (${standingsBefore('hist_constructor_standings', 'constructor_ref')}) AS s
    ON s.season = w.season AND s.next_round = toInt16(w.round)`;

const TEAM_TALLY = tally(
  'team_name',
  `SELECT session_key, team_name, toFloat64(points) AS start, toFloat64(0) AS scored,
      toNullable(toUInt8(ifNull(position, 255))) AS standing, '' AS result_status
    FROM (${teamNameOf(TEAM_START, 'x.points AS points, x.position AS position')})
    UNION ALL
    SELECT session_key, team_name, toFloat64(points), toFloat64(0), CAST(NULL, 'Nullable(UInt8)'), ''
    FROM (${teamNameOf(SPRINT_BEFORE_RACE, 'x.points AS points')})
    UNION ALL
    SELECT p.session_key, d.team_name, toFloat64(0), p.points, CAST(NULL, 'Nullable(UInt8)'), p.result_status
    FROM (${SESSION_POINTS}) AS p
    INNER JOIN (${FEED_TEAMS}) AS d ON d.session_key = p.session_key AND d.driver_number = p.driver_number`,
  TEAM_START,
);

const FEED = (
  championship: string,
  entrant: string,
) => `SELECT session_key, ${entrant}, points_start, points_current,
    position_current, position_start, 'championship_prediction' AS source
  FROM session_championship_predictions FINAL WHERE championship = '${championship}'`;

export const CHAMPIONSHIP_DRIVERS = `${FEED('drivers', 'driver_number')}
  UNION ALL ${ranked('driver_number', DRIVER_TALLY)}`;

export const CHAMPIONSHIP_TEAMS = `${FEED('teams', 'team_name')}
  UNION ALL ${ranked('team_name', TEAM_TALLY)}`;
