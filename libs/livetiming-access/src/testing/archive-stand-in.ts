import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A local stand-in for F1's session archive (`/static/…`), serving recordings in the archive's
 * URL layout: `<year>/Index.json` (a season index file as F1 serves it, or one made from the
 * sessions' own SessionInfo), `<Path>Index.json` with the session's `Feeds`, and
 * `<Path><Topic>.jsonStream` as bytes (HTTP Range answered with 206, as a CDN does). It can want a
 * bearer token, refuse with 403, and cut one file short once. What only F1 can confirm: its
 * status codes and headers for refusals, and whether it honours Range.
 */
export interface ArchiveStandInOptions {
  /** Folder of `Index_<year>.json` files (the layout of shared/data/livetiming-season-index). */
  seasonIndexDir?: string;
  /** Session folders of `<Topic>.jsonStream` or `.jsonStream.gz` files. */
  sessions: string[];
  /** When set, only these bearer tokens are served (a JWT past its `exp` is refused too). */
  tokens?: readonly string[];
  forbidden?: boolean;
  /** Cut this file (e.g. `TimingData.jsonStream`) after so many bytes, the first time it is asked for. */
  cutOnce?: { file: string; afterBytes: number };
}

export interface RunningArchiveStandIn {
  /** The base, as `https://livetiming.formula1.com/static`. */
  url: string;
  /** Every request: path and Range header. */
  requests(): Array<{ path: string; range?: string; status: number }>;
  close(): Promise<void>;
}

interface Served {
  files: Map<string, Buffer>;
  info: {
    Key: number;
    Type: string;
    Name: string;
    StartDate?: string;
    Path: string;
    Meeting: Record<string, unknown>;
  };
}

export async function startArchiveStandIn(options: ArchiveStandInOptions): Promise<RunningArchiveStandIn> {
  const sessions = options.sessions.map(loadSession);
  const byPath = new Map(sessions.map((session) => [session.info.Path, session]));
  const requests: Array<{ path: string; range?: string; status: number }> = [];
  let cut = options.cutOnce;

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://archive').pathname);
    const done = (status: number, body?: Buffer | string) => {
      requests.push({ path, range: request.headers.range, status });
      response.statusCode = status;
      response.end(body);
    };
    if (options.forbidden) return done(403, 'Forbidden');
    if (options.tokens && !accepted(request.headers.authorization, options.tokens))
      return done(401, 'Unauthorized');
    if (!path.startsWith('/static/')) return done(404);
    const rest = path.slice('/static/'.length);
    const year = /^(\d{4})\/Index\.json$/.exec(rest)?.[1];
    if (year) {
      const index = seasonIndex(Number(year));
      return index ? done(200, index) : done(404);
    }
    const at = rest.lastIndexOf('/') + 1;
    const session = byPath.get(rest.slice(0, at));
    const name = rest.slice(at);
    if (!session) return done(404);
    if (name === 'Index.json') {
      const feeds = Object.fromEntries(
        [...session.files.keys()].map((file) => [file.replace(/\.jsonStream$/, ''), { StreamPath: file }]),
      );
      return done(200, JSON.stringify({ Feeds: feeds }));
    }
    const bytes = session.files.get(name);
    if (!bytes) return done(404);
    const from = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    if (from >= bytes.length && from > 0) {
      response.setHeader('content-range', `bytes */${bytes.length}`);
      return done(416);
    }
    const body = bytes.subarray(from);
    response.setHeader('content-type', 'application/octet-stream');
    response.setHeader('content-length', body.length);
    response.setHeader('accept-ranges', 'bytes');
    if (from > 0) {
      response.setHeader('content-range', `bytes ${from}-${bytes.length - 1}/${bytes.length}`);
      response.statusCode = 206;
    }
    if (cut && cut.file === name) {
      const afterBytes = cut.afterBytes;
      cut = undefined;
      requests.push({ path, range: request.headers.range, status: response.statusCode });
      // Headers promise the whole file; the connection dies part-way, as a dropped download does.
      response.write(body.subarray(0, afterBytes), () => response.destroy());
      return;
    }
    done(response.statusCode, body);
  });

  /** F1's own season index where we have it, with our sessions added to their meeting. */
  const seasonIndex = (year: number): string | undefined => {
    const file = options.seasonIndexDir && join(options.seasonIndexDir, `Index_${year}.json`);
    const own = sessions.filter((session) => session.info.Path.startsWith(`${year}/`));
    let index: {
      Year: number;
      Meetings: Array<Record<string, unknown> & { Key: number; Sessions: unknown[] }>;
    };
    try {
      index = JSON.parse(readFileSync(file!, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      if (!own.length) return undefined;
      index = { Year: year, Meetings: [] };
    }
    for (const { info } of own) {
      const key = info.Meeting.Key as number;
      let meeting = index.Meetings.find((m) => m.Key === key);
      if (!meeting) index.Meetings.push((meeting = { ...info.Meeting, Key: key, Sessions: [] }));
      const { Key, Type, Name, StartDate, Path } = info;
      if (!meeting.Sessions.some((s) => (s as { Key: number }).Key === Key))
        meeting.Sessions.push({ Key, Type, Name, StartDate, Path });
    }
    return `\uFEFF${JSON.stringify(index)}`;
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/static`,
    requests: () => [...requests],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function loadSession(dir: string): Served {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const topic = /^(.+\.jsonStream)(\.gz)?$/.exec(name);
    if (!topic) continue;
    const bytes = readFileSync(join(dir, name));
    files.set(topic[1], topic[2] ? gunzipSync(bytes) : bytes);
  }
  const first = files
    .get('SessionInfo.jsonStream')
    ?.toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')[0];
  if (!first) throw new Error(`${dir} has no SessionInfo.jsonStream`);
  return { files, info: JSON.parse(first.slice(12)) as Served['info'] };
}

function accepted(header: string | undefined, tokens: readonly string[]): boolean {
  const token = header?.replace(/^Bearer\s+/i, '');
  if (!token || !tokens.includes(token)) return false;
  try {
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: number;
    };
    return exp === undefined || exp * 1_000 > Date.now();
  } catch {
    return true;
  }
}
