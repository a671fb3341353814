export * from './app.module';
export * from './config/config.schema';
export * from './ingestion.module';
export * from './livetiming/live-ingest.module';
export * from './livetiming/testing/signalr-core-hub';
export * from './livetiming/live-topics';
export * from './archive/testing/archive-stand-in';
