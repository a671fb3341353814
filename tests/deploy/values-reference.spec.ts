import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { END, renderValuesReference, START, withValuesReference } from '../../scripts/values-reference';
import { chartDir, repoRoot } from './paths';

const docPath = join(repoRoot, 'docs/deploy.md');

describe('docs/deploy.md values reference', () => {
  // SLIPSTREAM_UPDATE_DOCS=1 rewrites the table instead (for Node versions that cannot run the script).
  if (process.env.SLIPSTREAM_UPDATE_DOCS === '1') {
    writeFileSync(
      docPath,
      withValuesReference(readFileSync(docPath, 'utf8'), renderValuesReference(chartDir)),
    );
  }

  it('is the table scripts/values-reference.ts generates from values.schema.json', () => {
    const document = readFileSync(docPath, 'utf8');
    const expected = withValuesReference(document, renderValuesReference(chartDir));
    expect(document, 'run: node --experimental-strip-types scripts/values-reference.ts').toBe(expected);
  });

  it('lists every value with its default and description', () => {
    const table = renderValuesReference(chartDir);
    expect(table).toContain('| `liveGateway.autoscaling.maxReplicas` | integer 1… | `10` | Most replicas. |');
    expect(table).toContain('`config.consumer.batchSize`');
    expect(table).toContain('`global.credentialsSecret`');
    for (const row of table.split('\n').slice(2)) expect(row.split(' | ')[3]?.trim(), row).not.toBe('|');
  });

  it('rejects a document without the markers', () => {
    expect(() => withValuesReference('# deploy', 'table')).toThrow(/needs the markers/);
    expect(withValuesReference(`a\n${START}\nold\n${END}\nb`, 'new')).toBe(
      `a\n${START}\n<!-- prettier-ignore-start -->\nnew\n<!-- prettier-ignore-end -->\n${END}\nb`,
    );
  });
});
