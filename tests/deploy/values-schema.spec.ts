import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import { chartDir, exampleValuesFiles, schemaPath } from './paths';
import { loadValues } from './values';

const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));

function compile() {
  // Helm validates with draft-07 semantics; strict mode catches typos in the schema itself.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = compile();

function errorsOf(values: unknown): string[] {
  validate(values);
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message}`);
}

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

/** Leaf paths of a values object; lists and empty maps count as leaves. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
  }
  return [prefix];
}

/**
 * The schema nodes a value path passes through, down to the value or to the map (a node without
 * `properties`, such as annotations or resources) that holds it; null when a key is not in the schema.
 */
function schemaTrail(path: string[]): Array<[string, Schema]> | null {
  const trail: Array<[string, Schema]> = [];
  let node: Schema = schema;
  for (const [depth, segment] of path.entries()) {
    const child = node.properties?.[segment];
    if (child) {
      node = child;
      trail.push([path.slice(0, depth + 1).join('.'), child]);
      continue;
    }
    if (!node.properties) return trail;
    return null;
  }
  return trail;
}

describe('values.schema.json', () => {
  it('accepts the chart defaults', () => {
    expect(errorsOf(loadValues(chartDir))).toEqual([]);
  });

  it.each(exampleValuesFiles.map((file) => [basename(file), file]))(
    'accepts ci/%s merged over the defaults',
    (_name, file) => {
      expect(errorsOf(loadValues(chartDir, [file]))).toEqual([]);
    },
  );

  it('describes every value in values.yaml, with a type and a description', () => {
    const values = loadValues(chartDir);
    const undescribed: string[] = [];
    for (const path of leafPaths(values)) {
      const trail = schemaTrail(path);
      if (!trail) undescribed.push(`${path.join('.')} (not in the schema)`);
      else for (const [name, node] of trail) if (!node.description) undescribed.push(name);
    }
    expect([...new Set(undescribed)]).toEqual([]);
  });

  it('closes every object slipstream owns, so a misspelt key fails install', () => {
    expect(errorsOf(loadValues(chartDir, [{ ingestion: { replicas: 2 } }]))).toContain(
      '/ingestion must NOT have additional properties',
    );
    expect(errorsOf(loadValues(chartDir, [{ typo: true }]))).toContain(
      '/ must NOT have additional properties',
    );
  });

  it('rejects values that would break a service', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a string port', { projection: { port: '3004' } }, '/projection/port must be integer'],
      ['two ingestion writers', { ingestion: { replicaCount: 2 } }, '/ingestion/replicaCount must be <= 1'],
      [
        'an unknown log level',
        { config: { logLevel: 'verbose' } },
        '/config/logLevel must be equal to one of the allowed values',
      ],
      [
        'a replay speed that is not a number',
        { telemetryReplay: { speed: 'fast' } },
        '/telemetryReplay/speed must match pattern "^([0-9]+(\\.[0-9]+)?|max)$"',
      ],
      [
        'root containers',
        { podSecurityContext: { runAsNonRoot: false } },
        '/podSecurityContext/runAsNonRoot must be equal to constant',
      ],
      [
        'kept capabilities',
        { securityContext: { capabilities: { drop: ['NET_RAW'] } } },
        '/securityContext/capabilities/drop must contain at least 1 valid item(s)',
      ],
      [
        'JetStream off',
        { nats: { config: { jetstream: { enabled: false } } } },
        '/nats/config/jetstream/enabled must be equal to constant',
      ],
      [
        'a plain-text NATS password',
        {
          nats: {
            config: {
              merge: {
                accounts: { SLIPSTREAM: { users: [{ user: 'x', password: 'hunter2', permissions: {} }] } },
              },
            },
          },
        },
        '/nats/config/merge/accounts/SLIPSTREAM/users/0/password must match pattern "^<< \\$[A-Z_]+ >>$"',
      ],
    ];
    for (const [, override, expected] of cases) {
      expect(errorsOf(loadValues(chartDir, [override]))).toContain(expected);
    }
  });
});
