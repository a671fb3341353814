import { type ArchiveHttp } from './archive-http';

export interface ArchiveSession {
  Key: number;
  Type?: string;
  /** F1's index has placeholder sessions (key -1, no Name, no Path): listed, never downloadable. */
  Name?: string;
  StartDate?: string;
  Path?: string;
}

export interface ArchiveMeeting {
  Key: number;
  Name: string;
  Location?: string;
  Country?: { Name?: string; Code?: string };
  Sessions: ArchiveSession[];
}

/** `<year>/Index.json`: every meeting of the season and its sessions with their archive `Path`. */
export async function fetchSeasonIndex(http: ArchiveHttp, year: number): Promise<ArchiveMeeting[]> {
  const text = await http.text(`${year}/Index.json`);
  if (text === undefined) throw new Error(`the session archive has no index for ${year}`);
  const index = JSON.parse(text.replace(/^\uFEFF/, '')) as { Meetings?: ArchiveMeeting[] };
  return index.Meetings ?? [];
}

/** The session a user names: meeting by key, name, location or country; session by key, name or type. */
export function findSession(
  meetings: ArchiveMeeting[],
  meetingQuery: string,
  sessionQuery: string,
): { meeting: ArchiveMeeting; session: Required<ArchiveSession> } {
  const meeting = pick(
    meetings,
    meetingQuery,
    (m) => [String(m.Key), m.Name, m.Location ?? '', m.Country?.Name ?? '', m.Country?.Code ?? ''],
    'meeting',
    (m) => m.Name,
  );
  const session = pick(
    meeting.Sessions.filter((s) => s.Path && s.Name),
    sessionQuery,
    (s) => [String(s.Key), s.Name ?? '', s.Type ?? ''],
    `session of ${meeting.Name}`,
    (s) => s.Name!,
  );
  return { meeting, session: session as Required<ArchiveSession> };
}

function pick<T>(
  items: T[],
  query: string,
  names: (item: T) => string[],
  what: string,
  label: (item: T) => string,
): T {
  const wanted = normalize(query);
  const exact = items.filter((item) => names(item).some((name) => normalize(name) === wanted));
  const matches = exact.length
    ? exact
    : items.filter((item) => names(item).some((name) => normalize(name).includes(wanted)));
  if (matches.length === 1) return matches[0];
  const known = items.map(label).join(', ');
  if (matches.length === 0) throw new Error(`no ${what} matches "${query}" (known: ${known})`);
  throw new Error(`"${query}" matches several: ${matches.map(label).join(', ')}; be more precise`);
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/grand prix/g, 'gp')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `2025-mexico-city-gp-qualifying`, the folder name the bundled sessions use. */
export function sessionSlug(year: number, meeting: ArchiveMeeting, session: ArchiveSession): string {
  return [String(year), normalize(meeting.Name), normalize(session.Name ?? '')].join(' ').replace(/ /g, '-');
}

export function formatSeason(year: number, meetings: ArchiveMeeting[]): string {
  const lines = [`${year}: ${meetings.length} meetings`];
  for (const meeting of meetings) {
    lines.push(`  ${meeting.Name} (${meeting.Location ?? meeting.Country?.Name ?? ''}, key ${meeting.Key})`);
    for (const session of meeting.Sessions)
      lines.push(
        `    ${(session.Name ?? '(unnamed)').padEnd(14)} ${(session.Type ?? '').padEnd(11)} key ${String(session.Key).padEnd(5)} ${session.StartDate ?? ''}  ${session.Path ? sessionSlug(year, meeting, session) : '(not in the archive)'}`,
      );
  }
  return lines.join('\n');
}
