import { type SessionEventType } from '@slipstream/contracts';

/** What a client can subscribe to. `session` (info, status, driver list) is always included. */
export const TOPICS = [
  'session',
  'timing',
  'positions',
  'telemetry',
  'race_control',
  'track_status',
  'weather',
  'stints',
] as const;
export type Topic = (typeof TOPICS)[number];

/** The streams the gateway reads; every delta item carries its sequence in one of them. */
export type FeedStream = 'EVENTS' | 'TELEMETRY';
export const FEED_STREAMS: readonly FeedStream[] = ['EVENTS', 'TELEMETRY'];

/** Positions and telemetry may be dropped for a slow client; the rest never is. */
export const DROPPABLE_TOPICS: ReadonlySet<Topic> = new Set(['positions', 'telemetry']);

export function streamOfTopic(topic: Topic): FeedStream {
  return topic === 'positions' || topic === 'telemetry' ? 'TELEMETRY' : 'EVENTS';
}

const EVENT_TOPICS: Record<SessionEventType, Topic> = {
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
export function topicOfEvent(type: string): Topic | null {
  return (EVENT_TOPICS as Record<string, Topic | undefined>)[type] ?? null;
}

export function isPerDriverEvent(type: string): boolean {
  return PER_DRIVER_EVENTS.has(type);
}
