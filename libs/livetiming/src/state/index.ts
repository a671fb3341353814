export * from './patch-merge';
export * from './session-state';
