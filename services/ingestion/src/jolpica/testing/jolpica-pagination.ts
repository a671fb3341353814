type Json = Record<string, unknown>;

const INNER_LISTS = [
  'Results',
  'SprintResults',
  'QualifyingResults',
  'PitStops',
  'DriverStandings',
  'ConstructorStandings',
];

/** One innermost entry with the parent it belongs to, so a page can rebuild its parents. */
interface Entry {
  parent: Json | null;
  list: string | null;
  lap?: string;
  value: unknown;
}

/**
 * Flattens a table's list the way Jolpica counts `total`: results, timings and stops rather than
 * the Races that hold them; Drivers, Seasons… count themselves.
 */
export function entriesOf(items: Json[]): Entry[] {
  return items.flatMap((item): Entry[] => {
    const list = INNER_LISTS.find((name) => Array.isArray(item[name]));
    if (list) return (item[list] as unknown[]).map((value) => ({ parent: item, list, value }));
    if (Array.isArray(item.Laps)) {
      return (item.Laps as Array<{ number: string; Timings: unknown[] }>).flatMap((lap) =>
        lap.Timings.map((value) => ({ parent: item, list: 'Laps', lap: lap.number, value })),
      );
    }
    return [{ parent: null, list: null, value: item }];
  });
}

/** The items of one page: parents rebuilt around the entries that fall in it. */
export function pageItems(entries: Entry[]): unknown[] {
  const items: unknown[] = [];
  for (const entry of entries) {
    if (entry.parent === null || entry.list === null) {
      items.push(entry.value);
      continue;
    }
    let parent = items.at(-1) as Json | undefined;
    if (!parent || parent.__source !== entry.parent) {
      parent = { ...entry.parent, [entry.list]: [], __source: entry.parent };
      items.push(parent);
    }
    const list = parent[entry.list] as Array<unknown>;
    if (entry.lap === undefined) list.push(entry.value);
    else {
      const lap = list.at(-1) as { number: string; Timings: unknown[] } | undefined;
      if (lap?.number === entry.lap) lap.Timings.push(entry.value);
      else list.push({ number: entry.lap, Timings: [entry.value] });
    }
  }
  return items.map((item) => {
    if (item && typeof item === 'object' && '__source' in item) {
      const { __source: _source, ...rest } = item as Json;
      return rest;
    }
    return item;
  });
}
