import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseCaptureLine } from './live-capture';
import { readSessionDescriptor, sessionDescriptorOf, SessionInfoNotFoundError } from './session-descriptor';

const FIXTURES = join(__dirname, '../../fixtures');

describe('readSessionDescriptor', () => {
  it('reads session_info.json when present (Mexico City qualifying)', async () => {
    expect(await readSessionDescriptor(join(FIXTURES, 'archive/mexico-qualifying-head'))).toEqual({
      sessionKey: 9873,
      meetingKey: 1272,
      name: 'Qualifying',
      type: 'Qualifying',
      path: '2025/2025-10-26_Mexico_City_Grand_Prix/2025-10-25_Qualifying/',
      startDate: '2025-10-25T15:00:00',
      gmtOffset: '-06:00:00',
      startUtc: '2025-10-25T21:00:00.000Z',
    });
  });

  it('falls back to the first SessionInfo record, BOM and all (Miami sprint)', async () => {
    expect(await readSessionDescriptor(join(FIXTURES, 'archive/miami-sprint-head'))).toEqual({
      sessionKey: 10028,
      meetingKey: 1259,
      name: 'Sprint',
      type: 'Race',
      path: '2025/2025-05-04_Miami_Grand_Prix/2025-05-03_Sprint/',
      startDate: '2025-05-03T12:00:00',
      gmtOffset: '-04:00:00',
      startUtc: '2025-05-03T16:00:00.000Z',
    });
  });

  it('fails with SessionInfoNotFoundError for a folder without session info', async () => {
    await expect(readSessionDescriptor(join(FIXTURES, 'archive/corrupt'))).rejects.toBeInstanceOf(
      SessionInfoNotFoundError,
    );
  });
});

describe('sessionDescriptorOf', () => {
  it('maps a live-capture SessionInfo with a positive offset written without sign (Zandvoort)', async () => {
    const [firstLine] = (await readFile(join(FIXTURES, 'capture/dutch-qualifying-head.txt'), 'utf8')).split(
      '\n',
    );
    const descriptor = sessionDescriptorOf(parseCaptureLine(firstLine).payload);
    expect(descriptor).toMatchObject({
      sessionKey: 9916,
      meetingKey: 1267,
      gmtOffset: '02:00:00',
      startUtc: '2025-08-30T13:00:00.000Z',
    });
  });

  it('rejects a payload that is not SessionInfo', () => {
    expect(() => sessionDescriptorOf({ Status: 'Started' })).toThrow(SessionInfoNotFoundError);
  });
});
