export * from './app.module';
export * from './config/config.schema';
export * from './ingestion.module';
export * from './livetiming/live-ingest.module';
export * from './livetiming/testing/signalr-core-hub';
