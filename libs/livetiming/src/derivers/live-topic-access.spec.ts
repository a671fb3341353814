import { describe, expect, it } from 'vitest';

import { eventSubject, LIVE_TOPIC_ACCESS_RESOURCE, type SessionEvent } from '@slipstream/contracts';

import { InvalidPatchError } from '../state';
import { DerivationContext, DerivedOutput } from './event-draft';
import { SessionEventDeriver } from './session-event-deriver';

const ANONYMOUS = {
  unavailableTopics: [
    { topic: 'CarData.z', reason: 'no_token' },
    { topic: 'Position.z', reason: 'no_token' },
  ],
};
const context: DerivationContext = {
  sessionKey: 9873,
  recordedAt: '2025-10-25T21:00:01.000Z',
  correlationId: 'live-9873',
  causationId: 'livetiming:9873:LiveTopicAccess:1',
};

function notice(deriver: SessionEventDeriver, payload: unknown, line = 1): DerivedOutput[] {
  return deriver.apply({ topic: LIVE_TOPIC_ACCESS_RESOURCE, payload, line }, context);
}

function eventOf(outputs: DerivedOutput[]): SessionEvent {
  expect(outputs).toHaveLength(1);
  const [output] = outputs;
  if (output?.kind !== 'event') throw new Error('expected an event');
  return output.event as SessionEvent;
}

describe('the live ingest notice of the topics it cannot receive', () => {
  it('given an anonymous connection, records the unavailable topics once with the envelope', () => {
    const deriver = new SessionEventDeriver();
    const [output] = notice(deriver, ANONYMOUS);
    const event = eventOf([output!]);
    expect(output).toMatchObject({ subject: eventSubject('session', 'live_topic_access_recorded', 9873) });
    expect(event).toMatchObject({
      type: 'LiveTopicAccessRecorded',
      version: 1,
      source: 'livetiming',
      occurredAt: context.recordedAt,
      recordedAt: context.recordedAt,
      correlationId: 'live-9873',
      causationId: context.causationId,
      data: { sessionKey: 9873, ...ANONYMOUS },
    });
    expect(deriver.state.topicNames()).toEqual([]);
  });

  it('when a reconnect says the same again (in any order), yields nothing', () => {
    const deriver = new SessionEventDeriver();
    notice(deriver, ANONYMOUS);
    expect(notice(deriver, ANONYMOUS, 2)).toEqual([]);
    expect(notice(deriver, { unavailableTopics: [...ANONYMOUS.unavailableTopics].reverse() }, 3)).toEqual([]);
  });

  it('when a later connection has a token, clears the list; anonymous again marks it again with a new id', () => {
    const deriver = new SessionEventDeriver();
    const first = eventOf(notice(deriver, ANONYMOUS));
    const cleared = eventOf(notice(deriver, { unavailableTopics: [] }, 2));
    expect(cleared.data).toEqual({ sessionKey: 9873, unavailableTopics: [] });
    const again = eventOf(notice(deriver, ANONYMOUS, 3));
    expect(new Set([first.id, cleared.id, again.id]).size).toBe(3);
  });

  it('a token from the start is no change: nothing was unavailable', () => {
    expect(notice(new SessionEventDeriver(), { unavailableTopics: [] })).toEqual([]);
  });

  it('the same notices into a fresh deriver give the same ids (a rebuild from RAW)', () => {
    const ids = () => {
      const deriver = new SessionEventDeriver();
      return [ANONYMOUS, { unavailableTopics: [] }].map((payload) => eventOf(notice(deriver, payload)).id);
    };
    expect(ids()).toEqual(ids());
  });

  it('refuses a notice that does not fit its schema', () => {
    expect(() => notice(new SessionEventDeriver(), { unavailableTopics: [{ topic: 'CarData.z' }] })).toThrow(
      InvalidPatchError,
    );
  });
});
