import { describe, expect, it } from 'vitest';

import {
  dlqSubjects,
  eventSubject,
  eventSubjects,
  parseEventSubject,
  rawSubjects,
  subjectMatches,
  subjectToken,
} from './subjects';

describe('subjectToken', () => {
  it('keeps a value from adding a level or a wildcard to a subject', () => {
    expect(subjectToken('CarData.z')).toBe('CarData_z');
    expect(subjectToken('a*b>c d\te')).toBe('a_b_c_d_e');
    expect(subjectToken(9873)).toBe('9873');
    expect(subjectToken('  padded  ')).toBe('padded');
  });

  it('refuses an empty token, which would leave an empty level', () => {
    expect(() => subjectToken('')).toThrow('must not be empty');
    expect(() => subjectToken('   ')).toThrow('must not be empty');
  });
});

describe('RAW subjects', () => {
  it('name the source, then the resource or the session and topic', () => {
    expect(rawSubjects.ergast('results')).toBe('raw.ergast.results');
    expect(rawSubjects.jolpica('laps')).toBe('raw.jolpica.laps');
    expect(rawSubjects.livetiming(9873, 'CarData.z')).toBe('raw.livetiming.9873.CarData_z');
    expect(rawSubjects.livetimingSession('9873')).toBe('raw.livetiming.9873.>');
    expect(rawSubjects.ofSource('ergast')).toBe('raw.ergast.>');
  });
});

describe('EVENTS subjects', () => {
  it('are f1, aggregate, event, then the keys, each one a token', () => {
    expect(eventSubject('session', 'lap_completed', 9873, 44)).toBe('f1.session.lap_completed.9873.44');
    expect(eventSubject('race', 'race_result_recorded', 2023, 1, 'max.verstappen')).toBe(
      'f1.race.race_result_recorded.2023.1.max_verstappen',
    );
  });

  it('parse back into aggregate, event and keys', () => {
    expect(parseEventSubject(eventSubject('session', 'lap_completed', 9873, 44))).toEqual({
      aggregate: 'session',
      event: 'lap_completed',
      keys: ['9873', '44'],
    });
    expect(() => parseEventSubject(rawSubjects.ergast('results'))).toThrow('Not an EVENTS subject');
    expect(() => parseEventSubject('f1.race')).toThrow('Not an EVENTS subject');
  });

  it('filter an aggregate, one kind of event, or every session info', () => {
    expect(eventSubjects.ofAggregate('race')).toBe('f1.race.>');
    expect(eventSubjects.ofEvent('race', 'sprint_result_recorded')).toBe('f1.race.sprint_result_recorded.>');
    expect(eventSubjects.sessionInfo).toBe('f1.session.info_recorded.>');
  });
});

describe('DLQ subjects', () => {
  it('name the stage and the reason', () => {
    expect(dlqSubjects.of('normalization', 'invalid schema')).toBe('dlq.normalization.invalid_schema');
  });

  it('of one stage end in a wildcard for any reason', () => {
    expect(dlqSubjects.ofStage('projection')).toBe('dlq.projection.>');
  });

  it('match any stage or reason left out', () => {
    expect(dlqSubjects.matching()).toBe('dlq.*.*');
    expect(dlqSubjects.matching('projection')).toBe('dlq.projection.*');
    expect(dlqSubjects.matching(undefined, 'rows_rejected')).toBe('dlq.*.rows_rejected');
    expect(dlqSubjects.matching('ingestion', 'unreadable_line')).toBe(
      dlqSubjects.of('ingestion', 'unreadable_line'),
    );
    // A reason cannot widen the filter.
    expect(dlqSubjects.matching('ingestion', '>')).toBe('dlq.ingestion._');
  });
});

describe('subjectMatches', () => {
  it('matches as NATS does: `*` one token, `>` one or more trailing tokens', () => {
    expect(subjectMatches('raw.>', 'raw.ergast.results')).toBe(true);
    expect(subjectMatches('raw.>', 'raw')).toBe(false);
    expect(subjectMatches('raw.livetiming.>', 'raw.livetiming.9873.TimingData')).toBe(true);
    expect(subjectMatches('raw.livetiming.>', 'raw.ergast.results')).toBe(false);
    expect(subjectMatches('dlq.*.invalid_schema', 'dlq.normalization.invalid_schema')).toBe(true);
    expect(subjectMatches('dlq.*', 'dlq.normalization.invalid_schema')).toBe(false);
    expect(subjectMatches('f1.session.info_recorded.9873', 'f1.session.info_recorded.9873')).toBe(true);
    expect(subjectMatches('f1.session.info_recorded.9873', 'f1.session.info_recorded.9873.1')).toBe(false);
  });
});
