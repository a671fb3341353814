import { readFile } from 'node:fs/promises';

/**
 * The F1 TV subscription token, read as users paste it. Accepted forms (those peers accept): the
 * bare JWT, `Bearer <jwt>`, the value of the `login-session` cookie of a signed-in browser
 * (`{"data":{"subscriptionToken":"<jwt>"}}`, URL-encoded or not) or that cookie as `login-session=…`.
 */
export interface AccessToken {
  /** The bearer token itself: never log it, put it in an error, a label or a message. */
  readonly value: string;
  /** `exp` of the JWT, read without verifying the signature (only F1 can verify it). */
  readonly expiresAt?: Date;
}

export function parseAccessToken(input: string): AccessToken {
  let text = input.trim();
  if (text.toLowerCase().startsWith('login-session=')) text = text.slice('login-session='.length);
  if (/^bearer\s+/i.test(text)) text = text.replace(/^bearer\s+/i, '');
  if (text.startsWith('%7B') || text.startsWith('%7b')) text = decodeURIComponent(text);
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('the access token looks like the login-session cookie but is not valid JSON');
    }
    const token = (parsed as { data?: { subscriptionToken?: unknown } }).data?.subscriptionToken;
    if (typeof token !== 'string' || token === '') {
      throw new Error('the login-session cookie holds no data.subscriptionToken (is the browser signed in?)');
    }
    text = token.trim();
  }
  if (text === '' || /\s/.test(text)) throw new Error('the access token is empty or contains white space');
  return { value: text, expiresAt: jwtExpiry(text) };
}

/** `exp` of a JWT (seconds since the epoch) as a Date; undefined for anything that is not a JWT. */
export function jwtExpiry(token: string): Date | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1_000) : undefined;
  } catch {
    return undefined;
  }
}

/** LIVETIMING_ACCESS_TOKEN wins over LIVETIMING_ACCESS_TOKEN_FILE (a mounted Secret); neither: anonymous. */
export async function loadAccessToken(config: {
  LIVETIMING_ACCESS_TOKEN?: string;
  LIVETIMING_ACCESS_TOKEN_FILE?: string;
}): Promise<AccessToken | undefined> {
  if (config.LIVETIMING_ACCESS_TOKEN) return parseAccessToken(config.LIVETIMING_ACCESS_TOKEN);
  if (!config.LIVETIMING_ACCESS_TOKEN_FILE) return undefined;
  let text: string;
  try {
    text = await readFile(config.LIVETIMING_ACCESS_TOKEN_FILE, 'utf8');
  } catch (error) {
    throw new Error(
      `LIVETIMING_ACCESS_TOKEN_FILE could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return parseAccessToken(text);
}

/** Replaces every occurrence of the token (and any access_token query value) in a text meant for a log. */
export function redactToken(text: string, token?: AccessToken): string {
  let out = token ? text.split(token.value).join('[token]') : text;
  out = out.replace(/(access_token=)[^&\s"]+/gi, '$1[token]');
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[token]');
}

/** Seconds from now until the token expires (negative once expired), or undefined if unknown. */
export function secondsUntilExpiry(token: AccessToken | undefined, now = new Date()): number | undefined {
  return token?.expiresAt ? Math.round((token.expiresAt.getTime() - now.getTime()) / 1_000) : undefined;
}
