export * from './patch-merge';
export * from './session-state';
export * from './patch-schemas';
