/**
 * The topics of F1's live-timing hub: every topic the session archive carries. Since the 2025 Dutch
 * GP F1 sends the restricted ones only to connections that carry an F1 TV subscription token.
 */
export const RESTRICTED_TOPICS = [
  'CarData.z',
  'Position.z',
  'ChampionshipPrediction',
  'PitStopSeries',
  'PitLaneTimeCollection',
] as const;

export const PUBLIC_TOPICS = [
  'Heartbeat',
  'SessionInfo',
  'SessionStatus',
  'SessionData',
  'DriverList',
  'TimingData',
  'TimingAppData',
  'TimingStats',
  'TrackStatus',
  'LapCount',
  'ExtrapolatedClock',
  'RaceControlMessages',
  'WeatherData',
  'TeamRadio',
  'TopThree',
  'DriverRaceInfo',
  'TyreStintSeries',
] as const;

export const ALL_TOPICS: readonly string[] = [...PUBLIC_TOPICS, ...RESTRICTED_TOPICS];

/** What to subscribe to: the restricted topics only when a token is set (F1 would not send them). */
export function subscribedTopics(withToken: boolean): readonly string[] {
  return withToken ? ALL_TOPICS : PUBLIC_TOPICS;
}

export function unavailableTopics(withToken: boolean): readonly string[] {
  return withToken ? [] : RESTRICTED_TOPICS;
}
