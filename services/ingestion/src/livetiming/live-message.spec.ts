import { describe, expect, it } from 'vitest';

import { LiveMessageStamper } from './live-message';

const at = (s: number) => new Date(Date.UTC(2025, 7, 30, 13, 0, s)).toISOString();

describe('stamping what the hub sends', () => {
  it('places a snapshot, one message per non-empty topic, just before the next feed call and at its time', () => {
    const stamper = new LiveMessageStamper();
    stamper.snapshot({ SessionInfo: { Key: 9916 }, TimingData: { Lines: {} }, TeamRadio: {} }, new Date());
    const messages = stamper.feed({ topic: 'Heartbeat', data: { Utc: 'x' }, timestamp: at(5) }, new Date());
    expect(messages.map((m) => [m.topic, m.timestamp, m.offsetMs])).toEqual([
      ['SessionInfo', at(5), 0],
      ['TimingData', at(5), 0],
      ['Heartbeat', at(5), 0],
    ]);
    // A reconnect's snapshot keeps the same time base.
    stamper.snapshot({ SessionInfo: { Key: 9916 } }, new Date());
    expect(stamper.feed({ topic: 'TimingData', data: {}, timestamp: at(9) }, new Date())[0]).toMatchObject({
      topic: 'SessionInfo',
      offsetMs: 4_000,
    });
  });

  it('places a snapshot at the last time seen when its connection ends before any feed call', () => {
    const stamper = new LiveMessageStamper();
    stamper.feed({ topic: 'Heartbeat', data: {}, timestamp: at(1) }, new Date());
    stamper.snapshot({ TrackStatus: { Status: '1' } }, new Date());
    expect(stamper.flush()).toMatchObject([{ topic: 'TrackStatus', timestamp: at(1), offsetMs: 0 }]);
    expect(stamper.flush()).toEqual([]);
  });

  it('keeps `.z` data as the base64 text F1 sent', () => {
    const message = new LiveMessageStamper().stamp(
      { topic: 'CarData.z', data: 'eJzLSM3JyQcABiwCFQ==' },
      new Date(),
    );
    expect(message.raw).toBe('"eJzLSM3JyQcABiwCFQ=="');
  });
});
