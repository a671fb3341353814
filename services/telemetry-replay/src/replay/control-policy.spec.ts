import { describe, expect, it } from 'vitest';

import { controlRefusal, isLoopbackHost } from './control-policy';

const json = { method: 'POST', contentType: 'application/json', host: 'replay.example:3002' };

describe('the replay control policy', () => {
  it('needs no token on a loopback listener without one', () => {
    expect(controlRefusal(json, { origins: [], loopback: true })).toBeUndefined();
  });

  it('shuts the routes on any other listener until a token is set', () => {
    expect(controlRefusal(json, { origins: [], loopback: false })?.status).toBe(403);
    const token = 'sixteen-characters!';
    expect(controlRefusal(json, { token, origins: [], loopback: false })?.status).toBe(401);
    const authorized = { ...json, authorization: `Bearer ${token}` };
    expect(controlRefusal(authorized, { token, origins: [], loopback: false })).toBeUndefined();
  });

  it("accepts the server's own origin and configured ones, nothing else", () => {
    const policy = { origins: ['https://dashboard.example'], loopback: true };
    expect(controlRefusal({ ...json, origin: 'http://replay.example:3002' }, policy)).toBeUndefined();
    expect(controlRefusal({ ...json, origin: 'https://dashboard.example' }, policy)).toBeUndefined();
    expect(controlRefusal({ ...json, origin: 'http://evil.example' }, policy)?.status).toBe(403);
    expect(controlRefusal({ ...json, origin: 'null' }, policy)?.status).toBe(403);
    expect(
      controlRefusal({ ...json, origin: 'http://evil.example' }, { ...policy, origins: ['*'] }),
    ).toBeUndefined();
  });

  it('takes JSON only for a POST', () => {
    const policy = { origins: [], loopback: true };
    expect(
      controlRefusal({ ...json, contentType: 'application/x-www-form-urlencoded' }, policy)?.status,
    ).toBe(415);
    expect(controlRefusal({ ...json, contentType: undefined }, policy)?.status).toBe(415);
    expect(controlRefusal({ method: 'DELETE', host: json.host }, policy)).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', 'replay'].some(isLoopbackHost)).toBe(false);
  });
});
