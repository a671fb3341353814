/**
 * Checks that need real tools. Each runs when its binary is on PATH (as in the ci.yml chart job)
 * and is otherwise skipped with a message saying so: a skipped check has not passed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { render, type K8sObject } from './chart-objects';
import { chartDir, exampleValuesFiles, repoRoot } from './paths';

const onPath = (binary: string) => spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
const helm = onPath('helm');
const kubeconform = onPath('kubeconform');
const docker = onPath('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

function skipped(check: string, why: string): void {
  console.warn(`SKIPPED (not passed): ${check} — ${why}`);
}
if (!helm) skipped('helm lint, helm template and the helm-lite comparison', 'no helm binary on PATH');
if (!helm || !kubeconform)
  skipped('helm template | kubeconform -strict', `no ${helm ? 'kubeconform' : 'helm'} binary on PATH`);
if (!docker)
  skipped(
    'docker build --check (Dockerfile lint by BuildKit)',
    'no docker binary or no reachable Docker engine',
  );

const run = (binary: string, args: string[], input?: string) =>
  execFileSync(binary, args, {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

function ensureDependencies(): void {
  if (existsSync(join(chartDir, 'charts'))) return;
  run('helm', ['dependency', 'build', chartDir]);
}

const cases = exampleValuesFiles.map((file) => [basename(file), file]);

describe.skipIf(!helm)('with helm', () => {
  it.each(cases)(
    'helm lint --strict passes with ci/%s',
    (_name, file) => {
      ensureDependencies();
      expect(() =>
        run('helm', ['lint', '--strict', chartDir, '--values', file, '--kube-version', '1.33.1']),
      ).not.toThrow();
    },
    120_000,
  );

  it.each(cases)(
    'helm-lite renders what helm renders for ci/%s',
    (_name, file) => {
      ensureDependencies();
      const output = run('helm', [
        'template',
        'slipstream',
        chartDir,
        '--namespace',
        'slipstream',
        '--values',
        file,
        '--kube-version',
        '1.33.1',
      ]);
      const ours = render({ values: [file] }).all;
      const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
      const normalise = (o: Record<string, unknown>) =>
        JSON.parse(
          JSON.stringify(o)
            .replace(/"checksum\/config":"[0-9a-f]+"/g, '"checksum/config":"…"')
            .replace(/"(nats|clickhouse|gateway)-[a-z-]+":"[A-Za-z0-9+/=]{40,}"/g, '"$1-…":"…"'),
        );
      const theirs = parseAllDocuments(output)
        .map((document) => document.toJS())
        .filter((o) => o && ours.some((mine) => key(mine) === key(o)));
      expect(theirs.map(key).sort()).toEqual(ours.map(key).sort());
      for (const object of theirs) {
        expect(normalise(object), key(object)).toEqual(
          normalise(ours.find((mine) => key(mine) === key(object))!),
        );
      }
    },
    120_000,
  );
});

describe.skipIf(!helm || !kubeconform)('with helm and kubeconform', () => {
  it.each(cases)(
    'helm template | kubeconform -strict accepts ci/%s',
    (_name, file) => {
      ensureDependencies();
      const manifests = run('helm', [
        'template',
        'slipstream',
        chartDir,
        '--namespace',
        'slipstream',
        '--values',
        file,
        '--kube-version',
        '1.33.1',
      ]);
      expect(() =>
        run(
          'kubeconform',
          ['-strict', '-summary', '-ignore-missing-schemas', '-kubernetes-version', '1.33.1'],
          manifests,
        ),
      ).not.toThrow();
    },
    120_000,
  );
});

describe.skipIf(!docker)('with docker', () => {
  it('the Dockerfile passes BuildKit checks for every target', () => {
    for (const target of [
      'ingestion',
      'telemetry-replay',
      'normalization',
      'projection',
      'live-gateway',
      'all-in-one',
    ]) {
      expect(() => run('docker', ['buildx', 'build', '--check', '--target', target, '.'])).not.toThrow();
    }
  }, 300_000);
});
