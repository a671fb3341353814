import { parseArgs } from 'node:util';

import { jetstreamManager } from '@nats-io/jetstream';

import { rawSubjects, subjectMatches } from '@slipstream/contracts';
import { connectToNats, replayDeadLetters } from '@slipstream/messaging';

const HELP = `Usage: npm run dlq -- <list|replay> [--stage <stage>] [--reason <reason>] [--nats-url <url>]

Dead letters are what a stage could not handle, kept in the DLQ stream with the error and the original.
  list     shows them (stage, reason, original subject, error)
  replay   sends them back to their original subject (after you fixed the cause) and removes them;
           ingestion letters (source lines that could not be read) stay: fix the source and import again

Options:
  --stage <stage>    normalization | projection | ingestion (default: all)
  --reason <reason>  e.g. invalid_schema, malformed_json, projection_failed (default: all)
  --nats-url <url>   default $NATS_URL or nats://127.0.0.1:4222`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      reason: { type: 'string' },
      'nats-url': { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'list' && command !== 'replay')) {
    process.stdout.write(`${HELP}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const nc = await connectToNats({ url: values['nats-url'], name: 'slipstream-dlq-cli' });
  try {
    const report = await replayDeadLetters(nc, {
      stage: values.stage,
      reason: values.reason,
      dryRun: command === 'list',
    });
    for (const letter of report.letters) {
      process.stdout.write(
        `#${letter.sequence}\t${letter.stage}\t${letter.reason}\t${letter.subject}\t${letter.error}\n`,
      );
    }
    // The DLQ's side of the books: what each stage refused, and why.
    const byReason = new Map<string, number>();
    for (const { stage, reason } of report.letters)
      byReason.set(`${stage}\t${reason}`, (byReason.get(`${stage}\t${reason}`) ?? 0) + 1);
    if (command === 'list' && byReason.size > 0) {
      process.stdout.write('stage\treason\tletters\n');
      for (const [key, count] of [...byReason].sort()) process.stdout.write(`${key}\t${count}\n`);
    }
    if (command === 'list' && !values.stage && !values.reason) {
      // The live-timing books (docs/operations.md): published = merged + dead-lettered + deduplicated.
      const raw = await rawLivetimingRecords(nc);
      const livetiming = rawSubjects.ofSource('livetiming');
      const refused = report.letters.filter(
        (letter) => letter.stage === 'normalization' && subjectMatches(livetiming, letter.subject),
      ).length;
      const unread = report.letters.filter(
        (letter) => letter.stage === 'ingestion' && subjectMatches(livetiming, letter.subject),
      ).length;
      process.stdout.write(
        `live timing: ${raw} records in RAW = ${raw - refused} merged (or still pending) + ${refused} dead-lettered by normalization; ` +
          `${unread} lines dead-lettered before RAW (server-dropped duplicates: the replay's books)\n`,
      );
    }
    process.stdout.write(
      command === 'list'
        ? `${report.matched} dead letters\n`
        : `${report.replayed} of ${report.matched} dead letters replayed` +
            (report.kept > 0
              ? `; ${report.kept} ingestion letters kept: they are source lines that never entered RAW, ` +
                'so fix the source file and run the import or replay again\n'
              : '\n'),
    );
  } finally {
    await nc.drain();
  }
}

async function rawLivetimingRecords(nc: Awaited<ReturnType<typeof connectToNats>>): Promise<number> {
  const info = await (
    await jetstreamManager(nc)
  ).streams.info('RAW', { subjects_filter: rawSubjects.ofSource('livetiming') });
  return Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`slipstream dlq: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
