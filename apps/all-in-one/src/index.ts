export * from './all-in-one.module';
export * from './config.schema';
