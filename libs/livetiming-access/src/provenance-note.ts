import { type ArchiveHttp } from './archive-http';
import { type ArchiveMeeting, type ArchiveSession } from './archive-index';
import { type DownloadedFile } from './download-session';

/** The PROVENANCE.md of a downloaded session: where each file came from and what it holds. */
export function provenanceNote(input: {
  year: number;
  meeting: ArchiveMeeting;
  session: Required<ArchiveSession>;
  files: DownloadedFile[];
  missing: string[];
  http: ArchiveHttp;
}): string {
  const { year, meeting, session, files, missing, http } = input;
  const rows = files.map(
    (file) =>
      `| \`${file.topic}.jsonStream\` | ${file.bytes} | ${file.lines} | \`${file.sha256.slice(0, 16)}\` |`,
  );
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  return `# ${year} ${meeting.Name}: ${session.Name}

F1 live-timing archive of session key ${session.Key} (meeting key ${meeting.Key}), downloaded by
\`npm run ingest -- download ${year} "${meeting.Name}" "${session.Name}"\` on ${new Date().toISOString()}.

* Source: \`${http.url(session.Path)}\` (\`<Topic>.jsonStream\` files, bytes as served: UTF-8 BOM, CRLF)
* Checked: every file ends with a line break and every line is an offset followed by parsable JSON.
${missing.length ? `* Not in the archive for this session: ${missing.join(', ')}\n` : ''}
| file | bytes | lines | sha256 (first 16 hex) |
|---|---:|---:|---|
${rows.join('\n')}
| **total (${files.length} files)** | **${total}** | | |

Replay it with \`npm run replay -- <this folder>\`.

Licence: F1 live-timing data © Formula One World Championship Ltd, not under an open licence; F1's
terms of use apply (personal, non-commercial use). Do not redistribute it.
`;
}
