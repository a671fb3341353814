export * from './slice';
export * from './historical';
export * from './session';
