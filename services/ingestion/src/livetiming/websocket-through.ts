import { type Agent } from 'node:http';

import WebSocket, { type ClientOptions } from 'ws';

/**
 * A `ws` WebSocket class for @microsoft/signalr's `WebSocket` option that goes through the proxy
 * agent (the library passes its headers, the bearer token among them, as the third argument) and
 * reports the status of a refused upgrade, which the library does not surface.
 */
export function webSocketThrough(
  agent: Agent | undefined,
  onRefused: (status: number) => void,
): new (url: string, protocols?: string | string[], options?: ClientOptions) => WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[], options?: ClientOptions) {
      super(url, protocols, { ...options, ...(agent ? { agent } : {}) });
      this.on('error', (error: Error) => {
        const status = /Unexpected server response: (\d+)/.exec(error.message);
        if (status) onRefused(Number(status[1]));
      });
    }
  };
}
