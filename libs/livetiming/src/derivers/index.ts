export * from './event-draft';
export * from './feed-values';
export * from './session-clock';
export * from './session-event-deriver';
export * from './telemetry-frames';
