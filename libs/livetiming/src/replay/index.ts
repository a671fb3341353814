export * from './manual-clock';
export * from './replay-registry';
export * from './session-replay';
