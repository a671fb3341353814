export * from './app.module';
export * from './config/config.schema';
export * from './telemetry-replay.module';
