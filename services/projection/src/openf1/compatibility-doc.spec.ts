import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { OPENF1_ENDPOINTS } from './endpoints';

const DOC = readFileSync(join(__dirname, '../../../../docs/openf1-compatibility.md'), 'utf8');
/** The attributes table: from its heading to the next one. */
const TABLE = DOC.slice(DOC.indexOf('### Attributes')).split('\n#')[0];

/** The row of the attributes table for one endpoint: its attribute names and their marks. */
function attributeRow(endpoint: string): string {
  const row = TABLE.split('\n').find((line) => line.split('|')[1]?.trim() === `\`${endpoint}\``);
  if (!row) throw new Error(`docs/openf1-compatibility.md has no attributes row for ${endpoint}`);
  return row;
}

describe('docs/openf1-compatibility.md', () => {
  it.each(Object.values(OPENF1_ENDPOINTS).map((endpoint) => [endpoint.name, endpoint] as const))(
    'lists every attribute of /%s, marking the ones slipstream cannot fill',
    (_, endpoint) => {
      const [, name, openf1, extensions] = attributeRow(endpoint.name)
        .split('|')
        .map((cell) => cell.trim());
      expect(name).toBe(`\`${endpoint.name}\``);
      const listed = [...openf1.split(', '), ...extensions.split(', ')].filter(Boolean);
      const names = listed.map((entry) => entry.replace(/ [✓✗]$/, ''));
      expect(names.sort()).toEqual(Object.keys(endpoint.attributes).sort());
      for (const entry of openf1.split(', ')) {
        const [attribute, mark] = entry.split(' ');
        expect(mark, `${endpoint.name}.${attribute}`).toBe(
          endpoint.unavailable?.includes(attribute) ? '✗' : '✓',
        );
      }
    },
  );
});
