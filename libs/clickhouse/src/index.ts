export * from './client-factory';
export * from './insert';
export * from './migration';
export * from './migration-runner';
export * from './nest/clickhouse.module';
