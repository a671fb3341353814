export * from './client-ip';
export * from './http-rate-limit';
export * from './rate-limit.config';
export * from './rate-limit-headers';
export * from './token-bucket';
