import { type AccessToken } from './access-token';

/**
 * F1 refused us: a 401 or 403 from the live-timing hub or the archive, explained by its likely
 * cause. Never carries the token: only whether one was sent and when it expires.
 */
export class LiveTimingAccessError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly reason: 'no-token' | 'token-expired' | 'token-refused' | 'address-refused',
    message: string,
  ) {
    super(message);
    this.name = 'LiveTimingAccessError';
  }
}

const HOW = 'see docs/live-timing.md';

export function accessError(
  status: number,
  what: string,
  token: AccessToken | undefined,
  now = new Date(),
): LiveTimingAccessError | undefined {
  if (status === 403) {
    return new LiveTimingAccessError(
      403,
      'address-refused',
      `${what} answered 403 Forbidden: F1 refuses requests from some address ranges (cloud providers' among them)${
        token ? '' : ' or wants an F1 TV token'
      }; route the traffic through a proxy with HTTPS_PROXY (${HOW})`,
    );
  }
  if (status !== 401) return undefined;
  if (!token) {
    return new LiveTimingAccessError(
      401,
      'no-token',
      `${what} answered 401 Unauthorized: it needs an F1 TV subscription token and none is set; ` +
        `set LIVETIMING_ACCESS_TOKEN or LIVETIMING_ACCESS_TOKEN_FILE (${HOW})`,
    );
  }
  if (token.expiresAt && token.expiresAt <= now) {
    return new LiveTimingAccessError(
      401,
      'token-expired',
      `${what} answered 401 Unauthorized: the F1 TV token expired at ${token.expiresAt.toISOString()}; ` +
        `sign in to F1 TV again and copy a fresh token (${HOW})`,
    );
  }
  return new LiveTimingAccessError(
    401,
    'token-refused',
    `${what} answered 401 Unauthorized: F1 did not accept the F1 TV token (revoked, not a subscription ` +
      `token, or an account without live timing); copy a fresh one (${HOW})`,
  );
}
