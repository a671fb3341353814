export * from './formats';
export * from './replay';
export * from './state';
export * from './events';
export * from './raw/livetiming-raw-message';
