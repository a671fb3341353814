/*
 * A fact's race name and circuit, by its season and round, and the constructor of its driver in
 * that race: read by key from the label tables the projection keeps (historical-labels.migrations.ts)
 * instead of joining `hist_races FINAL` or an aggregate of the results, which ClickHouse takes
 * milliseconds to plan (ADR 0015). A race not projected yet labels as '' (as the join did).
 */
export const RACE_NAME = `joinGet('hist_race_labels', 'race_name', season, round) AS race_name`;
const CIRCUIT = `joinGet('hist_race_labels', 'circuit_ref', season, round) AS circuit_ref`;
export const RACE_LABELS: Record<string, string> = { race_name: RACE_NAME, circuit_ref: CIRCUIT };
export const RACE_AND_CAR_LABELS: Record<string, string> = {
  ...RACE_LABELS,
  constructor_ref: `joinGet('hist_race_cars', 'constructor_ref', season, round, CAST(driver_ref AS String)) AS constructor_ref`,
};

/**
 * A route's columns as a select list, in order, those in `labels` read by key. Listed rather than
 * `*`: ClickHouse plans a short list faster than every column of the table.
 */
export const selectList = (columns: Record<string, unknown>, labels: Record<string, string>): string =>
  Object.keys(columns)
    .map((column) => labels[column] ?? column)
    .join(', ');

/**
 * Who took part where: one row per race and result (a race without results yet keeps empty refs,
 * which no filter value matches). The membership source of the dimensions.
 */
export const ENTRIES = `SELECT season, round, circuit_ref, driver_ref, constructor_ref
FROM hist_races FINAL
LEFT JOIN (SELECT season, round, driver_ref, constructor_ref FROM hist_race_results FINAL) AS results USING (season, round)`;

/** Standings tables say `published`; the API says `official`. */
export const SOURCE_OF_ORIGIN = `if(origin = 'published', 'official', 'calculated') AS source`;
