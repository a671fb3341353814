import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { accessError, loadAccessToken, parseAccessToken, redactToken } from '@slipstream/livetiming-access';

import { fakeJwt } from './testing/fake-jwt';
import { tokenState } from './token-watch';

const exp = 1_900_000_000;
const jwt = fakeJwt({ exp });

describe('the F1 TV token', () => {
  it('is accepted in the forms users paste, and its expiry read without verifying it', () => {
    const cookie = JSON.stringify({ data: { subscriptionToken: jwt } });
    for (const form of [
      jwt,
      `  ${jwt}\n`,
      `Bearer ${jwt}`,
      cookie,
      encodeURIComponent(cookie),
      `login-session=${encodeURIComponent(cookie)}`,
    ]) {
      expect(parseAccessToken(form)).toEqual({ value: jwt, expiresAt: new Date(exp * 1_000) });
    }
    expect(parseAccessToken('opaque-token').expiresAt).toBeUndefined();
  });

  it('refuses a cookie without a subscription token, and an empty value, without echoing them', () => {
    expect(() => parseAccessToken('{"data":{}}')).toThrow(/no data.subscriptionToken/);
    expect(() => parseAccessToken('   ')).toThrow(/empty/);
  });

  it('is read from the environment first, else from a mounted file; neither means anonymous', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'token-')), 'token');
    writeFileSync(file, `${jwt}\n`);
    expect((await loadAccessToken({ LIVETIMING_ACCESS_TOKEN_FILE: file }))?.value).toBe(jwt);
    expect(
      (await loadAccessToken({ LIVETIMING_ACCESS_TOKEN: 'other', LIVETIMING_ACCESS_TOKEN_FILE: file }))
        ?.value,
    ).toBe('other');
    expect(await loadAccessToken({})).toBeUndefined();
    await expect(loadAccessToken({ LIVETIMING_ACCESS_TOKEN_FILE: `${file}.missing` })).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('is removed from texts meant for logs', () => {
    const token = parseAccessToken(jwt);
    expect(
      redactToken(`GET /x?access_token=${jwt}&id=1 Authorization: Bearer ${jwt} ${jwt}`, token),
    ).not.toContain(jwt);
  });

  it('warns ahead of expiry, and explains a 401 by the token it sent', () => {
    const token = parseAccessToken(jwt);
    const before = new Date((exp - 3_600) * 1_000);
    expect(tokenState(token, 86_400, before)).toMatchObject({ kind: 'expiring', secondsLeft: 3_600 });
    expect(tokenState(token, 60, before)).toMatchObject({ kind: 'valid' });
    expect(tokenState(token, 60, new Date((exp + 1) * 1_000))).toMatchObject({
      kind: 'expired',
      secondsLeft: -1,
    });
    expect(accessError(401, 'hub', undefined)?.reason).toBe('no-token');
    expect(accessError(401, 'hub', token, new Date((exp + 1) * 1_000))?.reason).toBe('token-expired');
    expect(accessError(401, 'hub', token, before)?.reason).toBe('token-refused');
    expect(accessError(403, 'hub', token)?.message).toContain('HTTPS_PROXY');
    expect(accessError(500, 'hub', token)).toBeUndefined();
  });
});
