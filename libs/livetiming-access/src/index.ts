export * from './access-errors';
export * from './access-token';
export * from './archive-http';
export * from './archive-index';
export * from './download-session';
export * from './live-topics';
export * from './proxy';
export * from './testing/archive-stand-in';
