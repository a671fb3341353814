export * from './app.module';
export * from './config/config.schema';
export * from './live-gateway.module';
