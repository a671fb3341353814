import { z } from 'zod';

/** A response that is not the MRData page slipstream expects: the body, status and URL say which. */
export class UnexpectedJolpicaResponseError extends Error {
  constructor(
    readonly url: string,
    problem: string,
  ) {
    super(`Unexpected Jolpica response from ${url}: ${problem}`);
    this.name = 'UnexpectedJolpicaResponseError';
  }
}

export interface MrDataPage {
  url: string;
  limit: number;
  offset: number;
  /** Counts the innermost entries (results, timings, stops), not the Races that hold them. */
  total: number;
  /** The MRData list: Races, Drivers, StandingsLists… */
  items: unknown[];
}

const count = z.string().regex(/^\d+$/, 'must be a count as text').transform(Number);
const mrDataSchema = z.object({
  MRData: z
    .object({ limit: count, offset: count, total: count })
    .catchall(z.unknown())
    .refine((mrData) => tableOf(mrData) !== undefined, 'has no …Table with a list'),
});

function tableOf(mrData: Record<string, unknown>): unknown[] | undefined {
  const table = Object.entries(mrData).find(([key]) => key.endsWith('Table'))?.[1];
  if (table === null || typeof table !== 'object') return undefined;
  return Object.values(table).find(Array.isArray);
}

export function parseMrDataPage(url: string, body: string): MrDataPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new UnexpectedJolpicaResponseError(
      url,
      `the body is not JSON: ${JSON.stringify(body.slice(0, 80))}`,
    );
  }
  const parsed = mrDataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnexpectedJolpicaResponseError(url, `${issue.path.join('.') || 'body'} ${issue.message}`);
  }
  const { limit, offset, total } = parsed.data.MRData;
  return { url, limit, offset, total, items: tableOf(parsed.data.MRData)! };
}
