import { timingSafeEqual } from 'node:crypto';

/**
 * Who may drive replays over HTTP. A replay floods RAW and every read model downstream, so the
 * control routes are not for any page a browser happens to load (issue 18 started one from a
 * form on another site): they take JSON only (a cross-site form cannot send it without a CORS
 * preflight), refuse an `Origin` that is neither this server nor a configured one, and want
 * `Authorization: Bearer <REPLAY_CONTROL_TOKEN>`. Without a token they are open on a loopback
 * listener only; anywhere else they stay shut until a token is configured.
 */
export interface ControlPolicy {
  token?: string;
  /** `REPLAY_CORS_ORIGINS`: origins besides this server's own that may send control requests; `*` any. */
  origins: string[];
  /** The listener is loopback-only: no token needed unless one is configured. */
  loopback: boolean;
}

export interface ControlRequestHeaders {
  method: string;
  contentType?: string;
  origin?: string;
  host?: string;
  authorization?: string;
}

export interface ControlRefusal {
  status: 401 | 403 | 415;
  message: string;
}

export function controlRefusal(
  request: ControlRequestHeaders,
  policy: ControlPolicy,
): ControlRefusal | undefined {
  if (request.origin !== undefined && !originAllowed(request.origin, request.host, policy.origins))
    return { status: 403, message: `origin ${request.origin.slice(0, 100)} may not control replays` };
  if (policy.token !== undefined) {
    if (!tokenMatches(request.authorization, policy.token))
      return { status: 401, message: 'replay control needs Authorization: Bearer <REPLAY_CONTROL_TOKEN>' };
  } else if (!policy.loopback) {
    return {
      status: 403,
      message: 'replay control over HTTP is off on a non-loopback listener until REPLAY_CONTROL_TOKEN is set',
    };
  }
  if (request.method === 'POST' && !isJson(request.contentType))
    return { status: 415, message: 'replay control takes application/json only' };
  return undefined;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function originAllowed(origin: string, host: string | undefined, allowed: string[]): boolean {
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

function tokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
