import { resolve } from 'node:path';

import { loadAccessToken } from '@slipstream/livetiming-access';
import { describeProxy, proxyFor } from '@slipstream/livetiming-access';
import { ArchiveHttp } from '@slipstream/livetiming-access';
import { fetchSeasonIndex, formatSeason } from '@slipstream/livetiming-access';
import { downloadSession } from '@slipstream/livetiming-access';

import { type IngestionConfig } from '../config/config.schema';

export const DOWNLOAD_HELP = `  download --list <year>           the meetings and sessions of a season in F1's session archive
  download <year> <meeting> <session>
                                   fetch a session's topic files into data/sessions/<slug>/, resumable;
                                   replay it with: npm run replay -- data/sessions/<slug>
      --into <dir>                 another folder than data/sessions
  The archive wants the F1 TV token (LIVETIMING_ACCESS_TOKEN or LIVETIMING_ACCESS_TOKEN_FILE) and honours
  HTTPS_PROXY / NO_PROXY; LIVETIMING_ARCHIVE_URL points elsewhere (docs/live-timing.md).`;

/** `download --list <year>` or `download <year> <meeting> <session>`: no NATS needed. */
export async function runDownloadCommand(
  args: string[],
  flags: { list?: boolean; into?: string },
  config: IngestionConfig,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<void> {
  const year = Number(args[0]);
  if (!Number.isInteger(year) || year < 2018)
    throw new DownloadUsageError('download needs a year (the archive starts in 2018)');
  const token = await loadAccessToken(config);
  if (!token) err('no F1 TV token set: the archive may answer 401 (docs/live-timing.md)');
  const proxy = proxyFor(config.LIVETIMING_ARCHIVE_URL);
  if (proxy) err(`through proxy ${describeProxy(proxy)}`);
  const http = new ArchiveHttp({ baseUrl: config.LIVETIMING_ARCHIVE_URL, token });
  if (flags.list) {
    out(formatSeason(year, await fetchSeasonIndex(http, year)));
    return;
  }
  const [, meeting, session] = args;
  if (!meeting || !session)
    throw new DownloadUsageError('download needs <year> <meeting> <session>, or --list <year>');
  const report = await downloadSession({
    http,
    year,
    meeting,
    session,
    root: resolve(flags.into ?? 'data/sessions'),
    onProgress: err,
  });
  out(`${report.dir}\nreplay it with: npm run replay -- ${report.dir}`);
}

export class DownloadUsageError extends Error {}
