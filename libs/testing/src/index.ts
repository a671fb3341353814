export * from './consumer-drain';
export * from './free-port';
export * from './nats-server';
export * from './read-stream';
export * from './temp-dir';
