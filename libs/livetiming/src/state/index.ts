export * from './patch-merge';
export * from './patch-schemas';
export * from './session-state';
