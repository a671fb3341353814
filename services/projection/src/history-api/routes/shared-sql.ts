/** Each race's name and circuit, to label facts keyed by season and round. */
export const RACES = `(SELECT season, round, race_name, circuit_ref FROM hist_races FINAL) AS races`;

/** The constructor each driver drove for in a race, for facts that only know the driver. */
export const CARS = `(
  SELECT season, round, driver_ref, any(constructor_ref) AS constructor_ref
  FROM hist_race_results FINAL GROUP BY season, round, driver_ref
) AS cars`;

/**
 * Who took part where: one row per race and result (a race without results yet keeps empty refs,
 * which no filter value matches). The membership source of the dimensions.
 */
export const ENTRIES = `SELECT season, round, circuit_ref, driver_ref, constructor_ref
FROM hist_races FINAL
LEFT JOIN (SELECT season, round, driver_ref, constructor_ref FROM hist_race_results FINAL) AS results USING (season, round)`;

/** Standings tables say `published`; the API says `official`. */
export const SOURCE_OF_ORIGIN = `if(origin = 'published', 'official', 'calculated') AS source`;
