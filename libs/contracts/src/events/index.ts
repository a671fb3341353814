export * from './historical';
export * from './session';
export * from './session-media';
export * from './session-supplements';
export * from './slice';
