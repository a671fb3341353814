export * from './derivers';
export * from './formats';
export * from './raw/livetiming-raw-message';
export * from './replay';
export * from './state';
