export * from './formats';
export * from './replay';
export * from './state';
export * from './derivers';
export * from './raw/livetiming-raw-message';
