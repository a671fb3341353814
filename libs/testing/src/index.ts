export * from './consumer-drain';
export * from './free-port';
export * from './nats-server';
export * from './temp-dir';
export * from './read-stream';
