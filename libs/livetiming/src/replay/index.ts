export * from './manual-clock';
export * from './replay-clock';
export * from './replay-registry';
export * from './session-replay';
