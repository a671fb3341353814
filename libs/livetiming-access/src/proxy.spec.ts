import { describe, expect, it } from 'vitest';

import { describeProxy, proxyFor } from './proxy';

describe('proxy selection', () => {
  const env = {
    HTTPS_PROXY: 'http://user:secret@proxy.example:3128',
    NO_PROXY: 'localhost,.internal,10.0.0.1:8080',
  };

  it('sends F1 traffic through HTTPS_PROXY unless NO_PROXY lists the host', () => {
    expect(proxyFor('https://livetiming.formula1.com/signalrcore', env)).toBe(env.HTTPS_PROXY);
    expect(proxyFor('wss://livetiming.formula1.com/signalrcore', env)).toBe(env.HTTPS_PROXY);
    expect(proxyFor('http://localhost:4000/x', { ...env, HTTP_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxyFor('https://archive.internal/static', env)).toBeUndefined();
    expect(proxyFor('https://10.0.0.1:8080/', env)).toBeUndefined();
    expect(proxyFor('https://10.0.0.1/', env)).toBe(env.HTTPS_PROXY);
    expect(
      proxyFor('https://livetiming.formula1.com/', { https_proxy: 'http://p:1', NO_PROXY: '*' }),
    ).toBeUndefined();
    expect(proxyFor('https://livetiming.formula1.com/', {})).toBeUndefined();
  });

  it('is logged without its credentials', () => {
    expect(describeProxy(env.HTTPS_PROXY)).toBe('http://proxy.example:3128');
  });
});
