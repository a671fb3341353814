export * from './app.module';
export * from './config/config.schema';
export * from './projection.module';
export * from './projectors';
