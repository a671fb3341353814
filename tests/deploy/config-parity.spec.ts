/**
 * Every environment variable a service's config schema reads must be settable from the chart's
 * values and set by the chart's templates; the chart must set nothing a service does not read; and
 * what the chart renders must pass the service's own schema.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { type z } from 'zod';

import { containerEnv, render, type Rendered } from './chart-objects';
import { exampleValuesFiles, repoRoot, SERVICES } from './paths';

type ConfigSchema = z.ZodObject<z.ZodRawShape>;

const schemaFile = (service: string) => join(repoRoot, 'services', service, 'src/config/config.schema.ts');

async function loadSchema(service: string): Promise<ConfigSchema> {
  const module = (await import(schemaFile(service))) as { configSchema?: ConfigSchema };
  if (!module.configSchema) throw new Error(`${schemaFile(service)} exports no configSchema`);
  return module.configSchema;
}

const renders: Array<[string, Rendered]> = [
  ['defaults', render()],
  ...exampleValuesFiles.map((file): [string, Rendered] => [basename(file), render({ values: [file] })]),
];

/** The service's container environment in one render, with Secret references replaced by a stand-in. */
function renderedEnv(rendered: Rendered, service: string): Record<string, string> | null {
  const deployment = rendered.all.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === `slipstream-${service}`,
  );
  if (!deployment) return null;
  const env: Record<string, string> = {};
  for (const [name, value] of containerEnv(rendered, deployment.spec.template.spec.containers[0])) {
    env[name] = typeof value === 'string' ? value : 'a-secret-from-the-credentials-secret';
  }
  return env;
}

/**
 * Where the chart deliberately differs from a service's built-in default, and why. Anything else
 * the chart renders with its default values must equal the service's default.
 */
const DELIBERATE_DIFFERENCES: Record<string, string> = {
  NATS_URL: 'the NATS Service of the release instead of localhost',
  NATS_USER: 'one NATS user per service',
  NATS_PASSWORD: 'from the credentials Secret',
  NATS_PROVISION: 'the provisioning Job creates streams and consumers; services cannot',
  CLICKHOUSE_URL: 'the bundled ClickHouse instead of embedded chDB',
  CLICKHOUSE_USER: 'the least-privileged projection user',
  CLICKHOUSE_PASSWORD: 'from the credentials Secret',
  CLICKHOUSE_QUERY_USER: 'the read-only query user the provisioning Job creates',
  CLICKHOUSE_QUERY_PASSWORD: 'from the credentials Secret',
  CLICKHOUSE_MIGRATE: 'the provisioning Job migrates before pods roll',
  CHDB_PATH: 'an absolute path on a volume; the image root is read-only',
  REPLAY_DIR: 'recordings are mounted as a volume',
  REPLAY_CONTROL_TOKEN: 'from the credentials Secret (optional key): a pod does not listen on loopback only',
};

/** Variables the chart leaves to the service's default on purpose, and why. */
const LEFT_UNSET: Record<string, string> = {
  LIVETIMING_ACCESS_TOKEN_FILE:
    'in a cluster the token comes from the credentials Secret (optional key livetiming-access-token) as LIVETIMING_ACCESS_TOKEN',
};
/** Read by provision.js itself, not by the projection's configuration. */
const PROVISIONING_ONLY = new Set(['NATS_STREAM_REPLICAS']);

const servicesWithSchemas = SERVICES.filter((service) => existsSync(schemaFile(service.name)));

describe('chart ↔ service configuration parity', () => {
  it('finds a configSchema for every service the chart deploys', () => {
    const onDisk = readdirSync(join(repoRoot, 'services')).filter((name) => existsSync(schemaFile(name)));
    expect(onDisk.sort()).toEqual(SERVICES.map((service) => service.name).sort());
  });

  describe.each(servicesWithSchemas.map((service) => [service.name]))('%s', (service) => {
    it('has every variable its config reads set by the chart, in some example', async () => {
      const keys = Object.keys((await loadSchema(service)).shape);
      const setSomewhere = new Set(
        renders.flatMap(([, rendered]) => Object.keys(renderedEnv(rendered, service) ?? {})),
      );
      expect(keys.filter((key) => !setSomewhere.has(key) && !(key in LEFT_UNSET))).toEqual([]);
    });

    it('gets no variable its config does not read', async () => {
      const keys = new Set(Object.keys((await loadSchema(service)).shape));
      for (const [name, rendered] of renders) {
        const env = renderedEnv(rendered, service);
        if (!env) continue;
        expect(
          Object.keys(env).filter((key) => !keys.has(key)),
          name,
        ).toEqual([]);
      }
    });

    it.each(renders.map(([name]) => [name]))(
      'starts with the configuration rendered from %s',
      async (name) => {
        const env = renderedEnv(renders.find(([candidate]) => candidate === name)![1], service);
        if (!env) return;
        const result = (await loadSchema(service)).safeParse(withoutEmpty(env));
        expect(
          result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        ).toEqual([]);
      },
    );

    it('keeps the service defaults unless a difference is deliberate', async () => {
      const schema = await loadSchema(service);
      const builtIn = schema.parse({}) as Record<string, unknown>;
      const fromChart = schema.parse(withoutEmpty(renderedEnv(renders[0][1], service)!)) as Record<
        string,
        unknown
      >;
      const differing = Object.keys(builtIn).filter(
        (key) =>
          !(key in DELIBERATE_DIFFERENCES) && JSON.stringify(builtIn[key]) !== JSON.stringify(fromChart[key]),
      );
      expect(
        differing.map(
          (key) => `${key}: service ${JSON.stringify(builtIn[key])}, chart ${JSON.stringify(fromChart[key])}`,
        ),
      ).toEqual([]);
    });
  });

  it('gives the provisioning Job a configuration projection accepts (provision.js reads it)', async () => {
    const schema = await loadSchema('projection');
    const keys = new Set(Object.keys(schema.shape));
    for (const [name, rendered] of renders) {
      const job = rendered.find('Job', 'slipstream-provision');
      const env: Record<string, string> = {};
      for (const [key, value] of containerEnv(rendered, job.spec.template.spec.containers[0])) {
        env[key] = typeof value === 'string' ? value : 'a-secret-from-the-credentials-secret';
      }
      expect(
        Object.keys(env).filter((key) => !keys.has(key) && !PROVISIONING_ONLY.has(key)),
        name,
      ).toEqual([]);
      const result = schema.safeParse(withoutEmpty(env));
      expect(
        result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        name,
      ).toEqual([]);
    }
  });
});

/** loadConfig in @slipstream/platform treats an empty variable as unset. */
function withoutEmpty(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}
