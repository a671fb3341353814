import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';
import { gapFromText } from './gap-values';
import { SESSION_RESULT, STARTING_GRID } from './official-results.sql';

/** The SQL's stand-in for "no car set a time in this part". */
const NO_TIME_MS = 4294967295;

export const sessionResultEndpoint: OpenF1Endpoint = {
  name: 'session_result',
  summary:
    'Classification of a session: the feed\'s (result_status "provisional") until the official result ' +
    'arrives from the historical sources, then the official order ("official"), with the provisional ' +
    'position kept and the places each car gained (negative: lost) between the two',
  attributes: {
    dnf: 'bool',
    dns: 'bool',
    dsq: 'bool',
    driver_number: 'int',
    duration: 'float',
    gap_to_leader: 'float',
    meeting_key: 'int',
    number_of_laps: 'int',
    position: 'int',
    session_key: 'int',
    result_status: 'string',
    provisional_position: 'int',
    official_position: 'int',
    places_gained: 'int',
    best_lap_duration: 'float',
    best_lap_number: 'int',
    points: 'float',
    status: 'string',
  },
  perPartArrays: ['duration', 'gap_to_leader'],
  source:
    withMeetingKey(`SELECT *, _time_ms / 1000 AS duration, CAST(NULL, 'Nullable(Float64)') AS gap_to_leader
    FROM (${SESSION_RESULT})`),
  orderBy: 'session_key, isNull(position), position, driver_number',
  present: (row) => {
    const partBests = (row._part_bests_ms as Array<number | null>) ?? [];
    const winner = row._winner_time_ms as number | null;
    const lapsDown = Number(row._leader_laps) - Number(row.number_of_laps);
    let gap: number | string | null = gapFromText(row._gap_text);
    if (row.result_status === 'official') {
      if (typeof row.duration === 'number' && typeof winner === 'number')
        gap = Math.round(row.duration * 1000 - winner) / 1000;
      else gap = lapsDown > 0 ? `+${lapsDown} LAP${lapsDown === 1 ? '' : 'S'}` : null;
    }
    if (partBests.length > 0) {
      // Qualifying, as OpenF1: one value per part (Q1, Q2, Q3), null in parts the car did not set a time.
      const leaders = (row._part_leaders_ms as number[] | undefined) ?? [];
      return {
        ...row,
        duration: partBests.map((ms) => (ms === null ? null : ms / 1000)),
        gap_to_leader: partBests.map((ms, part) =>
          ms === null || leaders[part] === undefined || leaders[part] >= NO_TIME_MS
            ? null
            : Math.round(ms - leaders[part]) / 1000,
        ),
      };
    }
    return { ...row, gap_to_leader: gap };
  },
};

export const startingGridEndpoint: OpenF1Endpoint = {
  name: 'starting_grid',
  summary:
    'Starting grid of a race or sprint: official when known, else the first running order of the feed; ' +
    "lap_duration is the car's best lap in the meeting's qualifying (sprint qualifying for a sprint)",
  attributes: {
    driver_number: 'int',
    lap_duration: 'float',
    meeting_key: 'int',
    position: 'int',
    session_key: 'int',
  },
  source: withMeetingKey(STARTING_GRID),
  orderBy: 'session_key, position',
};
