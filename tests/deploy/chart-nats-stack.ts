/**
 * The chart's NATS, credentials and service environment, run for real: `helm template` renders the
 * chart, a nats-server starts with the accounts, users and permissions the chart gives the bundled
 * NATS (its `nats.config.merge`, formatted as the NATS chart formats it) and the passwords of the
 * rendered credentials Secret, and each service boots in this process with the environment its
 * Deployment gets. What differs from a cluster, and why: NATS_URL points at this server, HTTP ports
 * are free ones, and projection runs embedded chDB (no ClickHouse server here) and so migrates itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type INestApplication } from '@nestjs/common';
import { parse } from 'yaml';

import { freePort, natsServerBinary } from '@slipstream/testing';

import { containerEnv, type K8sObject, render, type Rendered } from './chart-objects';
import { chartCopy } from './helm';

export const RELEASE = 'f1';
/** Names of the release's objects: "<release>-slipstream-…" (Helm's fullname convention). */
export const FULLNAME = `${RELEASE}-slipstream`;

/** The chart copy gains one template that shows the merged values of the NATS subchart. */
const valuesProbe = `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-nats-values
data:
  config.json: {{ .Values.nats.config | toJson | quote }}
  env.json: {{ .Values.nats.container.env | toJson | quote }}
`;

export function renderForNats(): Rendered {
  const chart = chartCopy((dir) =>
    writeFileSync(join(dir, 'templates', 'zz-test-nats-values.yaml'), valuesProbe),
  );
  return render({ chart, releaseName: RELEASE });
}

const secretValue = (rendered: Rendered, name: string, key: string): string => {
  const value = rendered.find('Secret', name).data?.[key];
  if (!value) throw new Error(`Secret ${name} has no key ${key}`);
  return Buffer.from(value, 'base64').toString('utf8');
};

/** A container's variables with Secret references resolved from the rendered Secrets. */
export function resolvedEnv(rendered: Rendered, container: K8sObject): Record<string, string> {
  const optional = new Set(
    (container.env ?? [])
      .filter((v: K8sObject) => v.valueFrom?.secretKeyRef?.optional)
      .map((v: K8sObject) => v.name),
  );
  const env: Record<string, string> = {};
  for (const [name, value] of containerEnv(rendered, container)) {
    if (typeof value === 'string') env[name] = value;
    else if (!optional.has(name) || rendered.find('Secret', value.secret).data?.[value.key])
      env[name] = secretValue(rendered, value.secret, value.key);
  }
  return env;
}

export interface ChartNats {
  url: string;
  stop(): Promise<void>;
}

/** nats-server with the bundled NATS configuration of the rendered chart. */
export async function startChartNats(rendered: Rendered): Promise<ChartNats> {
  const probe = rendered.find('ConfigMap', 'test-nats-values').data;
  const config = JSON.parse(probe['config.json']);
  const envSpec = JSON.parse(probe['env.json']) as Record<
    string,
    { valueFrom: { secretKeyRef: Record<string, string> } }
  >;
  const env: Record<string, string> = {};
  for (const [variable, spec] of Object.entries(envSpec)) {
    // As the NATS chart does: a $tplYaml reference is rendered with the release in scope (the chart's
    // own check proved it names the credentials Secret); its key is what the server reads.
    const ref = spec.valueFrom.secretKeyRef;
    const key = ref.$tplYaml
      ? (parse(ref.$tplYaml.replace(/\{\{[^}]*\}\}/g, 'x')) as { key: string }).key
      : ref.key;
    env[variable] = secretValue(rendered, `${RELEASE}-credentials`, key);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'slipstream-chart-nats-'));
  const server = {
    port,
    host: '127.0.0.1',
    jetstream: config.jetstream?.enabled ? { store_dir: join(dir, 'jetstream') } : undefined,
    ...config.merge,
  };
  // The NATS chart's formatConfig: JSON, with "<< $VAR >>" unquoted into a variable reference.
  const text = JSON.stringify(server, null, 2).replace(/"<<\s+(.*)\s+>>"/g, '$1');
  writeFileSync(join(dir, 'nats.conf'), text);
  const child: ChildProcess = spawn(natsServerBinary(), ['-c', join(dir, 'nats.conf')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `nats://127.0.0.1:${port}`;
  const started = Date.now();
  while (!/Server is ready/.test(stderr)) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${stderr}`);
    if (Date.now() - started > 30_000) throw new Error(`nats-server did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function baseUrl(app: INestApplication): string {
  const { port } = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

export async function readiness(
  app: INestApplication,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl(app)}/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
