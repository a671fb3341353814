/**
 * The classic ASP.NET SignalR protocol (1.5) the F1 live-timing hub speaks: negotiate over HTTP,
 * then a WebSocket carrying JSON frames. Hub `Streaming`, method `Subscribe(topics)` returns the
 * full state (`R`), then `feed(topic, data, timestamp)` calls arrive in `M`.
 */
export const HUB = 'Streaming';
export const CLIENT_PROTOCOL = '1.5';

export const LIVE_TOPICS = [
  'Heartbeat',
  'CarData.z',
  'Position.z',
  'ExtrapolatedClock',
  'TimingStats',
  'TimingAppData',
  'WeatherData',
  'TrackStatus',
  'DriverList',
  'RaceControlMessages',
  'SessionInfo',
  'SessionData',
  'LapCount',
  'TimingData',
  'TeamRadio',
  'TopThree',
  'SessionStatus',
] as const;

export const connectionData = JSON.stringify([{ name: HUB }]);

export function negotiateUrl(base: string): string {
  return `${base.replace(/\/$/, '')}/negotiate?clientProtocol=${CLIENT_PROTOCOL}&connectionData=${encodeURIComponent(connectionData)}`;
}

export function connectUrl(base: string, connectionToken: string): string {
  const url = new URL(`${base.replace(/\/$/, '')}/connect`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  url.searchParams.set('clientProtocol', CLIENT_PROTOCOL);
  url.searchParams.set('transport', 'webSockets');
  url.searchParams.set('connectionToken', connectionToken);
  url.searchParams.set('connectionData', connectionData);
  return url.toString();
}

export function subscribeFrame(topics: readonly string[], invocationId: number): string {
  return JSON.stringify({ H: HUB, M: 'Subscribe', A: [topics], I: invocationId });
}

export interface FeedCall {
  topic: string;
  data: unknown;
  /** F1's send time, when the frame carries it. */
  timestamp?: string;
}

export type HubFrame =
  | { kind: 'snapshot'; state: Record<string, unknown> }
  | { kind: 'feed'; calls: FeedCall[] }
  | { kind: 'keepalive' };

/** Parses one WebSocket frame; unknown shapes are keep-alives for our purposes. */
export function parseHubFrame(text: string): HubFrame {
  const frame = JSON.parse(text) as { R?: unknown; M?: Array<{ H?: string; M?: string; A?: unknown[] }> };
  if (frame.R && typeof frame.R === 'object' && !Array.isArray(frame.R)) {
    return { kind: 'snapshot', state: frame.R as Record<string, unknown> };
  }
  if (Array.isArray(frame.M) && frame.M.length > 0) {
    const calls = frame.M.filter(
      (call) => call.M === 'feed' && Array.isArray(call.A) && typeof call.A[0] === 'string',
    ).map((call) => ({
      topic: call.A![0] as string,
      data: call.A![1],
      timestamp: typeof call.A![2] === 'string' ? (call.A![2] as string) : undefined,
    }));
    return { kind: 'feed', calls };
  }
  return { kind: 'keepalive' };
}
