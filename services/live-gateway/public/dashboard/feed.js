// The connection to the gateway: subscribe, apply snapshot and deltas to the model, and after a
// reconnect resume from the last `sync` so nothing is missed or applied twice.

const TOPICS = ['timing', 'positions', 'telemetry', 'race_control', 'track_status', 'weather', 'stints'];

export class LiveFeed {
  /** `onStatus(text, state)` reports the connection for the header. */
  constructor(model, { token, onStatus }) {
    this.model = model;
    this.onStatus = onStatus;
    this.sessionKey = null;
    // Global `io` from /socket.io/socket.io.min.js, which the gateway's socket server serves.
    this.socket = io('/live', { transports: ['websocket', 'polling'], auth: token ? { token } : {} });
    this.socket.on('connect', () => {
      this.onStatus('Live', 'ok');
      if (this.sessionKey !== null) void this.subscribe(this.sessionKey, true);
    });
    this.socket.on('disconnect', () => this.onStatus('Reconnecting…', 'warn'));
    this.socket.on('connect_error', (error) => this.onStatus(error.message, 'error'));
    this.socket.on('delta', (frame) => this.model.applyFrame(frame));
    this.socket.on('sync', ({ sessionKey, sequences }) => {
      if (sessionKey === this.model.sessionKey) this.model.synced(sequences);
    });
    this.socket.on('gateway_error', (error) => console.warn('gateway:', error));
  }

  async subscribe(sessionKey, resuming = false) {
    this.sessionKey = sessionKey;
    const request = { sessionKey, topics: TOPICS };
    if (resuming && this.model.sessionKey === sessionKey) {
      request.resumeFrom = [
        { stream: 'EVENTS', sequence: this.model.sequences.EVENTS },
        { stream: 'TELEMETRY', sequence: this.model.sequences.TELEMETRY },
      ];
    }
    const reply = await this.socket.timeout(30_000).emitWithAck('subscribe', request);
    if (!reply.ok) {
      this.onStatus(reply.error.message, 'error');
      return;
    }
    // On `resume`, the missed items follow as delta frames; the next `sync` moves the position on.
    if (reply.mode === 'snapshot') this.model.applySnapshot(reply.snapshot);
  }
}
