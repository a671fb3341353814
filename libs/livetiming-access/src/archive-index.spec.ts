import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { type ArchiveMeeting, findSession, formatSeason, sessionSlug } from './archive-index';

const meetings: ArchiveMeeting[] = [
  {
    Key: 1272,
    Name: 'Mexico City Grand Prix',
    Location: 'Mexico City',
    Country: { Name: 'Mexico', Code: 'MEX' },
    Sessions: [
      { Key: 9869, Type: 'Practice', Name: 'Practice 1', Path: '2025/x/p1/' },
      { Key: 9873, Type: 'Qualifying', Name: 'Qualifying', Path: '2025/x/q/' },
      { Key: -1, Type: 'Race' },
    ],
  },
  {
    Key: 1273,
    Name: 'São Paulo Grand Prix',
    Location: 'São Paulo',
    Sessions: [
      { Key: 9864, Type: 'Race', Name: 'Sprint', Path: '2025/y/s/' },
      { Key: 9869, Type: 'Qualifying', Name: 'Sprint Qualifying', Path: '2025/y/sq/' },
    ],
  },
];

describe('finding a session in the season index', () => {
  it('matches meetings by name, location, country or key and sessions by name, type or key', () => {
    expect(findSession(meetings, 'mexico', 'qualifying').session.Key).toBe(9873);
    expect(findSession(meetings, 'MEX', '9873').session.Key).toBe(9873);
    expect(findSession(meetings, 'sao paulo', 'sprint').session.Key).toBe(9864);
    expect(findSession(meetings, '1273', 'Sprint Qualifying').session.Key).toBe(9869);
  });

  it('names what it knows when nothing or several match, and never offers a session without a path', () => {
    expect(() => findSession(meetings, 'monaco', 'race')).toThrow(
      /no meeting matches "monaco" \(known: Mexico/,
    );
    expect(() => findSession(meetings, 'grand prix', 'race')).toThrow(/matches several/);
    expect(() => findSession(meetings, 'mexico', 'race')).toThrow(
      /no session of Mexico City Grand Prix matches/,
    );
  });

  it('gives the folder names the bundled sessions use', () => {
    const { meeting, session } = findSession(meetings, 'mexico', 'qualifying');
    expect(sessionSlug(2025, meeting, session)).toBe('2025-mexico-city-gp-qualifying');
    expect(sessionSlug(2025, meetings[1], meetings[1].Sessions[0])).toBe('2025-sao-paulo-gp-sprint');
  });

  it('lists a real season index, placeholders included', () => {
    const index = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../../data/livetiming-season-index/Index_2023.json'),
        'utf8',
      ).replace(/^\uFEFF/, ''),
    ) as { Meetings: ArchiveMeeting[] };
    const listing = formatSeason(2023, index.Meetings);
    expect(listing).toMatch(/^2023: 23 meetings$/m);
    expect(listing).toMatch(/^ {4}Race +Race +key \d+ .*2023-bahrain-gp-race$/m);
    expect(listing).toMatch(/key -1 .*\(not in the archive\)$/m);
  });
});
