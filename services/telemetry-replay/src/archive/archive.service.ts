import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Inject, Injectable } from '@nestjs/common';

import {
  ArchiveHttp,
  downloadSession,
  fetchSeasonIndex,
  loadAccessToken,
  sessionSlug,
} from '@slipstream/livetiming-access';
import { APP_CONFIG } from '@slipstream/platform';

import { type TelemetryReplayConfig } from '../config/config.schema';

export interface DownloadableSession {
  meeting: string;
  session: string;
  type?: string;
  key: number;
  startDate?: string;
  /** The folder name under REPLAY_DIR it is (or would be) downloaded to: what POST /v1/replays takes. */
  recording: string;
  /** Already under REPLAY_DIR. */
  local: boolean;
}

/** F1's session archive seen from the replay service: what could be replayed, and fetching it. */
@Injectable()
export class ArchiveService {
  private http?: Promise<ArchiveHttp>;

  constructor(@Inject(APP_CONFIG) private readonly config: TelemetryReplayConfig) {}

  async list(year: number): Promise<DownloadableSession[]> {
    const meetings = await fetchSeasonIndex(await this.archive(), year);
    return meetings.flatMap((meeting) =>
      meeting.Sessions.filter((session) => session.Path && session.Name).map((session) => {
        const recording = sessionSlug(year, meeting, session);
        return {
          meeting: meeting.Name,
          session: session.Name!,
          type: session.Type,
          key: session.Key,
          startDate: session.StartDate,
          recording,
          local: existsSync(join(this.config.REPLAY_DIR, recording)),
        };
      }),
    );
  }

  /** Downloads (or completes) a session into REPLAY_DIR; answers when it is there. */
  async download(year: number, meeting: string, session: string) {
    const report = await downloadSession({
      http: await this.archive(),
      year,
      meeting,
      session,
      root: this.config.REPLAY_DIR,
    });
    return {
      recording: report.slug,
      files: report.files.length,
      bytes: report.files.reduce((sum, file) => sum + file.bytes, 0),
      missing: report.missing,
    };
  }

  private archive(): Promise<ArchiveHttp> {
    this.http ??= loadAccessToken(this.config).then(
      (token) => new ArchiveHttp({ baseUrl: this.config.LIVETIMING_ARCHIVE_URL, token }),
    );
    return this.http;
  }
}
