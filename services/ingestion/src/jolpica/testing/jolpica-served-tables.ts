type Json = Record<string, unknown>;

/** A whole list as the fixture server holds it, before pagination: its `…Table`, fields, items. */
export interface ServedTable {
  tableKey: string;
  listKey: string;
  fields: Json;
  items: Json[];
}

/** The lists of several recorded responses (their MRData) of one resource as one list. */
export function concatenatedTable(responses: Json[]): ServedTable {
  const tableKey = Object.keys(responses[0]).find((key) => key.endsWith('Table'))!;
  const table = responses[0][tableKey] as Json;
  const listKey = Object.keys(table).find((key) => Array.isArray(table[key]))!;
  const { [listKey]: _list, ...fields } = table;
  // A list spanning several races belongs to none of their rounds.
  if (responses.length > 1) delete fields.round;
  const items = responses.flatMap((response) => (response[tableKey] as Json)[listKey] as Json[]);
  return { tableKey, listKey, fields, items };
}

/** The table and list of each resource, for its empty answer. */
const EMPTY_TABLES: Array<[RegExp, string, string]> = [
  [/\/(laps|pitstops|results|qualifying|sprint|races)\.json$/, 'RaceTable', 'Races'],
  [/\/driverstandings\.json$/, 'StandingsTable', 'StandingsLists'],
  [/\/constructorstandings\.json$/, 'StandingsTable', 'StandingsLists'],
  [/\/seasons\.json$/, 'SeasonTable', 'Seasons'],
  [/\/circuits\.json$/, 'CircuitTable', 'Circuits'],
  [/\/drivers\.json$/, 'DriverTable', 'Drivers'],
  [/\/constructors\.json$/, 'ConstructorTable', 'Constructors'],
  [/\/status\.json$/, 'StatusTable', 'Status'],
];

/**
 * What Jolpica answers for a query of a resource it holds no data for: an empty list (see the
 * recorded `2023@99@*.json`); undefined where the path names no resource.
 */
export function emptyTableAt(path: string): ServedTable | undefined {
  const resource = EMPTY_TABLES.find(([pattern]) => pattern.test(path));
  if (!resource) return undefined;
  const [, tableKey, listKey] = resource;
  return { tableKey, listKey, fields: {}, items: [] };
}
