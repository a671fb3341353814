/** An unsigned JWT-shaped token with the given claims, for tests (nothing here verifies signatures). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'test-subscriber', ...claims })}.c2lnbmF0dXJl`;
}
