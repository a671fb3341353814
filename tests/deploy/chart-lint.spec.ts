/**
 * The real Helm over every example values file: `helm lint --strict` for the lowest and a current
 * Kubernetes version, and `helm template` under several release names and namespaces with every
 * object checked strictly against the Kubernetes schemas (unknown fields rejected).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { render } from './chart-objects';
import { helm, helmLint, KUBE_VERSIONS } from './helm';
import { validateStrict } from './k8s-validate';
import { chartDir, exampleValuesFiles } from './paths';

// test-release is the name `helm lint` renders with; the others differ in length and form.
const RELEASE_NAMES = ['slipstream', 'test-release', 'f1'];
const NAMESPACES = ['slipstream', 'racing-prod'];

const files = exampleValuesFiles.map((file): [string, string] => [basename(file), file]);

describe.each(files)('ci/%s', (_name, file) => {
  it.each(KUBE_VERSIONS.map((version) => [version]))(
    'passes helm lint --strict for Kubernetes %s',
    (version) => {
      const output = helmLint({ values: [file], kubeVersion: version });
      expect(output).toContain('1 chart(s) linted, 0 chart(s) failed');
    },
  );

  const matrix = RELEASE_NAMES.flatMap((release) => NAMESPACES.map((namespace) => [release, namespace]));
  it.each(matrix)('renders as release %s in namespace %s, every object valid', (release, namespace) => {
    const rendered = render({ values: [file], releaseName: release, namespace });
    expect(rendered.all.length).toBeGreaterThan(8);
    validateStrict(rendered.all);
    for (const object of rendered.all) {
      expect(object.metadata.labels['app.kubernetes.io/instance'], object.metadata.name).toBe(release);
      // No object pins another namespace: everything lands where the release goes.
      expect(object.metadata.namespace ?? namespace).toBe(namespace);
    }
    // Every Secret a pod reads is one the release creates or one the values name.
    const created = new Set(rendered.ofKind('Secret').map((secret) => secret.metadata.name));
    const pods = [
      ...rendered.ofKind('Deployment').map((d) => d.spec.template.spec),
      ...rendered.ofKind('Job').map((j) => j.spec.template.spec),
      ...rendered.ofKind('Pod').map((p) => p.spec),
    ];
    for (const pod of pods) {
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (!ref || created.size === 0) continue;
          expect(created, `${container.name} ${variable.name} reads ${ref.name}`).toContain(ref.name);
        }
      }
    }
  });
});

describe('Chart.lock', () => {
  it('is in sync with the dependencies of Chart.yaml (helm dependency build gets past its check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipstream-lock-'));
    cpSync(chartDir, join(dir, 'slipstream'), {
      recursive: true,
      filter: (source) => !source.endsWith('/slipstream/charts'),
    });
    // Without a network the build stops at the repositories, after the lock check: an out-of-sync
    // lock fails before that with "out of sync".
    expect(() => helm(['dependency', 'build', join(dir, 'slipstream')])).toThrow(/no repository definition/);
    const lock = parse(readFileSync(join(chartDir, 'Chart.lock'), 'utf8'));
    expect(lock.dependencies.map((d: { name: string }) => d.name)).toEqual(['nats', 'clickhouse']);
  });
});
