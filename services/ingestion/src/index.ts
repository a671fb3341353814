export * from './app.module';
export * from './config/config.schema';
export * from './ingestion.module';
