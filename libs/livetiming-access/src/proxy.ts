import { type Agent } from 'node:http';

import { HttpsProxyAgent } from 'https-proxy-agent';

/**
 * The proxy for a URL from HTTPS_PROXY / HTTP_PROXY (either case), unless NO_PROXY lists its host
 * (`*`, exact hosts, `.suffix` or `suffix` domains, optional `:port`), as curl and most tools read them.
 */
export function proxyFor(target: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = new URL(target);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const proxy = secure
    ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
    : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (secure ? '443' : '80');
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    const [entryHost, entryPort] = entry.replace(/^\*?\./, '.').split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost.replace(/^\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  return proxy;
}

/** An agent that tunnels through the proxy (HTTP CONNECT) for this URL, or undefined for a direct connection. */
export function proxyAgentFor(target: string, env: NodeJS.ProcessEnv = process.env): Agent | undefined {
  const proxy = proxyFor(target, env);
  return proxy ? new HttpsProxyAgent(proxy) : undefined;
}

/** The proxy URL without credentials, for logs. */
export function describeProxy(proxy: string | undefined): string {
  if (!proxy) return 'none';
  const url = new URL(proxy);
  return `${url.protocol}//${url.host}`;
}
