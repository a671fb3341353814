import { type FeedStream, type FeedTopic, type SessionEventType } from '@slipstream/contracts';

/** Positions and telemetry may be dropped for a slow client; the rest never is. */
export const DROPPABLE_TOPICS: ReadonlySet<FeedTopic> = new Set(['positions', 'telemetry']);

export function streamOfTopic(topic: FeedTopic): FeedStream {
  return topic === 'positions' || topic === 'telemetry' ? 'TELEMETRY' : 'EVENTS';
}

const EVENT_TOPICS: Record<SessionEventType, FeedTopic> = {
  SessionInfoRecorded: 'session',
  SessionStatusChanged: 'session',
  SessionDriverRegistered: 'session',
  LapCompleted: 'timing',
  LapTimeDeleted: 'timing',
  PositionChanged: 'timing',
  GapChanged: 'timing',
  ClassificationUpdated: 'timing',
  StintStarted: 'stints',
  StintUpdated: 'stints',
  SessionPitStopRecorded: 'stints',
  RaceControlMessageIssued: 'race_control',
  TrackStatusChanged: 'track_status',
  WeatherRecorded: 'weather',
  LiveTopicAccessRecorded: 'session',
};

/**
 * Events about one car, which a client's driver filter applies to. The driver list and race control
 * (which names a car only in passing) go to every subscriber of the session.
 */
const PER_DRIVER_EVENTS: ReadonlySet<string> = new Set([
  'LapCompleted',
  'LapTimeDeleted',
  'PositionChanged',
  'GapChanged',
  'StintStarted',
  'StintUpdated',
  'SessionPitStopRecorded',
]);

/** Null for event types this gateway version does not know (a newer normalizer): they are skipped. */
export function topicOfEvent(type: string): FeedTopic | null {
  return (EVENT_TOPICS as Record<string, FeedTopic | undefined>)[type] ?? null;
}

export function isPerDriverEvent(type: string): boolean {
  return PER_DRIVER_EVENTS.has(type);
}
