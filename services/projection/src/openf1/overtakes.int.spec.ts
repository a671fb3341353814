import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';

const BRAZIL_SPRINT = join(__dirname, '../../../../data/captures/2025-brazil-sprint.txt.gz');
const ms = (date: unknown) => Date.parse(String(date));

describe('overtakes from the running order of recorded sprints (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;
  const rows = (endpoint: string, query: string): Promise<Row[]> => recorded.rows(endpoint, query);

  beforeAll(async () => {
    recorded = await openf1OverRecordings('overtakes_spec', [
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
      { source: BRAZIL_SPRINT, sessionKey: 9864 },
    ]);
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it.each([10028, 9864])(
    'session %i: each overtake is a pass in the running order, on track, between cars still racing',
    async (sessionKey) => {
      const overtakes = await rows('overtakes', `session_key=${sessionKey}`);
      const positions = await rows('position', `session_key=${sessionKey}`);
      const pits = await rows('pit', `session_key=${sessionKey}`);
      const results = await rows('session_result', `session_key=${sessionKey}`);
      const laps = await rows('laps', `session_key=${sessionKey}`);
      expect(overtakes.length).toBeGreaterThan(0);
      const at = (car: unknown, date: unknown) => {
        const found = positions.filter((p) => p.driver_number === car && p.date === date);
        return found.length === 1 ? found[0].position : undefined;
      };
      const inPitLane = (car: unknown, date: unknown) =>
        pits.some(
          (pit) =>
            pit.driver_number === car &&
            ms(date) >= ms(pit.date) &&
            ms(date) <= ms(pit.date) + (pit.pit_duration as number) * 1000 + 1000,
        );
      const lastLapAt = new Map<unknown, number>();
      for (const lap of laps) {
        const end = ms(lap.date_start) + ((lap.lap_duration as number | null) ?? 0) * 1000;
        if (Number.isNaN(end)) continue;
        lastLapAt.set(lap.driver_number, Math.max(lastLapAt.get(lap.driver_number) ?? 0, end));
      }
      const stopped = results.filter((r) => r.dnf === true).map((r) => r.driver_number);
      for (const overtake of overtakes) {
        const { overtaking_driver_number: by, overtaken_driver_number: of, position, date } = overtake;
        const label = `${String(by)} past ${String(of)} at ${String(date)}`;
        expect(at(by, date), label).toBeLessThanOrEqual(position as number);
        expect(at(of, date), label).toBe((position as number) + 1);
        expect(inPitLane(by, date) || inPitLane(of, date), label).toBe(false);
        if (stopped.includes(of))
          expect(ms(date), label).toBeLessThanOrEqual((lastLapAt.get(of) ?? 0) + 5_000);
      }
      // The rule leaves places lost in the pit lane out (dozens in the Miami sprint; the São Paulo one stopped under red).
      const lostInPitLane = positions.filter(
        (p) =>
          (p.position as number) > 1 && inPitLane(p.driver_number, p.date) && at(p.driver_number, p.date),
      );
      if (sessionKey === 10028) expect(lostInPitLane.length).toBeGreaterThan(20);
      for (const lost of lostInPitLane)
        expect(
          overtakes.some((o) => o.overtaken_driver_number === lost.driver_number && o.date === lost.date),
        ).toBe(false);
    },
  );

  it('counts no place Alonso lost after crashing in the Miami sprint as an overtake', async () => {
    const afterCrash = (await rows('overtakes', 'session_key=10028&overtaken_driver_number=14')).filter(
      (o) => ms(o.date) > Date.parse('2025-05-03T16:55:00Z'),
    );
    expect(afterCrash).toEqual([]);
  });
});
