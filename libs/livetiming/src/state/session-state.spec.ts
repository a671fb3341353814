import { describe, expect, it } from 'vitest';

import { SessionState } from './session-state';

// Payloads below are records of the 2025 Mexico City GP qualifying archive and the 2025 São Paulo
// sprint live capture, trimmed to the fields each case is about.

describe('SessionState', () => {
  it('patches an array of a full record through index keys, as RaceControlMessages does', () => {
    const state = new SessionState();
    state.apply('RaceControlMessages', {
      Messages: [
        {
          Utc: '2025-10-25T21:00:00',
          Category: 'Flag',
          Flag: 'GREEN',
          Scope: 'Track',
          Message: 'GREEN LIGHT - PIT EXIT OPEN',
        },
      ],
    });
    const { state: merged } = state.apply('RaceControlMessages', {
      Messages: {
        '1': {
          Utc: '2025-10-25T21:03:58',
          Category: 'Other',
          Message: 'CAR 5 (BOR) TIME 1:18.964 DELETED - TRACK LIMITS AT TURN 12 LAP 3 15:03:34',
        },
      },
    });
    expect(merged.Messages).toHaveLength(2);
    expect(
      (merged.Messages as Array<{ Message: string }>).map(({ Message }) => Message.slice(0, 11)),
    ).toEqual(['GREEN LIGHT', 'CAR 5 (BOR)']);
  });

  it('merges a deep TimingData patch into the driver line without touching its siblings', () => {
    const segments = () => [0, 0, 0, 0, 0, 0].map((status) => ({ Status: status }));
    const state = new SessionState();
    state.apply('TimingData', {
      Lines: {
        '27': {
          Position: '14',
          Sectors: [
            { Value: '', Segments: segments() },
            { Value: '', Segments: segments() },
          ],
        },
      },
    });
    const { state: merged } = state.apply('TimingData', {
      Lines: { '27': { Sectors: { '1': { Segments: { '5': { Status: 2049 } } } } } },
    });
    const line = (
      merged.Lines as Record<
        string,
        { Position: string; Sectors: Array<{ Segments: Array<{ Status: number }> }> }
      >
    )['27'];
    expect(line.Position).toBe('14');
    expect(line.Sectors.map(({ Segments }) => Segments.map(({ Status }) => Status))).toEqual([
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 2049],
    ]);
  });

  it('removes the keys a patch lists under _deleted, as at the start of Q2', () => {
    const state = new SessionState();
    state.apply('TimingData', { Lines: { '44': { BestLapTime: { Value: '1:16.736', Lap: 8 } } } });
    const { state: merged } = state.apply('TimingData', {
      SessionPart: 2,
      Lines: {
        '44': {
          BestLapTime: { Value: '', _deleted: ['Lap'] },
          LastLapTime: { Value: '', PersonalFastest: true },
        },
      },
    });
    expect(merged.Lines).toEqual({
      '44': { BestLapTime: { Value: '' }, LastLapTime: { Value: '', PersonalFastest: true } },
    });
  });

  it('reports a keyframe and keeps its _kf marker out of the state', () => {
    const state = new SessionState();
    const applied = state.apply('Heartbeat', { Utc: '2025-11-08T13:33:20.1434365Z', _kf: true });
    expect(applied).toEqual({ state: { Utc: '2025-11-08T13:33:20.1434365Z' }, first: true, keyframe: true });
    expect(state.apply('Heartbeat', { Utc: '2025-11-08T13:33:35.1450000Z' })).toMatchObject({
      first: false,
      keyframe: false,
    });
  });

  it('never aliases a payload into the state, so the same message can be applied to another session state', () => {
    const payload = { Lines: { '44': { Stints: [{ Compound: 'SOFT', New: 'true', TotalLaps: 0 }] } } };
    const first = new SessionState();
    const second = new SessionState();
    first.apply('TimingAppData', payload);
    second.apply('TimingAppData', payload);
    first.apply('TimingAppData', { Lines: { '44': { Stints: { '0': { TotalLaps: 1 } } } } });
    expect(payload.Lines['44'].Stints[0].TotalLaps).toBe(0);
    expect(second.get('TimingAppData')).toEqual(payload);
  });
});
