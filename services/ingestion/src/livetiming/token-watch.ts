import { type AccessToken, secondsUntilExpiry } from '@slipstream/livetiming-access';

export type TokenState =
  | { kind: 'anonymous' }
  | { kind: 'unknown-expiry' }
  | { kind: 'valid' | 'expiring' | 'expired'; secondsLeft: number; expiresAt: Date };

/** Where the token stands now; `expiring` within warnAheadS of its expiry. */
export function tokenState(token: AccessToken | undefined, warnAheadS: number, now = new Date()): TokenState {
  if (!token) return { kind: 'anonymous' };
  const secondsLeft = secondsUntilExpiry(token, now);
  if (secondsLeft === undefined || !token.expiresAt) return { kind: 'unknown-expiry' };
  const kind = secondsLeft <= 0 ? 'expired' : secondsLeft <= warnAheadS ? 'expiring' : 'valid';
  return { kind, secondsLeft, expiresAt: token.expiresAt };
}

/** The readiness detail: says what is received and until when, never the token. */
export function describeAccess(state: TokenState, unavailable: readonly string[]): string {
  switch (state.kind) {
    case 'anonymous':
      return `anonymous (no F1 TV token): ${unavailable.join(', ')} unavailable`;
    case 'unknown-expiry':
      return 'F1 TV token set (not a JWT: expiry unknown)';
    case 'expired':
      return `F1 TV token expired at ${state.expiresAt.toISOString()}: copy a fresh one`;
    default:
      return `F1 TV token ${state.kind === 'expiring' ? 'expires soon' : 'valid'}, until ${state.expiresAt.toISOString()}`;
  }
}
