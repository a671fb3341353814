import { type SectorStatus } from './live-session';

/**
 * Colours a lap's sectors as TV timing does and records new bests: purple when it equals or beats
 * the session's best so far, green when it beats the driver's own, yellow otherwise. `personal`
 * and `overall` are updated in place. The dashboard applies the same rule to live laps
 * (public/dashboard/timing-model.js), starting from the bests a snapshot carries.
 */
export function colourSectors(
  sectorsMs: Array<number | null>,
  personal: Array<number | null>,
  overall: Array<number | null>,
): Array<SectorStatus | null> {
  return sectorsMs.map((time, index) => {
    if (time === null || time <= 0) return null;
    const personalBest = personal[index];
    const overallBest = overall[index];
    if (overallBest === null || time <= overallBest) {
      overall[index] = time;
      personal[index] = time;
      return 'overall';
    }
    if (personalBest === null || time <= personalBest) {
      personal[index] = time;
      return 'personal';
    }
    return 'none';
  });
}
