import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot, SERVICES } from './paths';

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** Instructions of one stage, from its FROM to the next. */
function stage(name: string): string[] {
  const start = instructions.findIndex((line) => new RegExp(`^FROM \\S+ AS ${name}$`).test(line));
  if (start < 0) throw new Error(`no stage ${name}`);
  const end = instructions.findIndex((line, i) => i > start && line.startsWith('FROM '));
  return instructions.slice(start, end < 0 ? undefined : end);
}

describe('Dockerfile', () => {
  it('has a target per service running its dist/main.js, plus all-in-one', () => {
    for (const { name, port } of SERVICES) {
      const lines = stage(name);
      // chDB's native library ships with projection only (issue 13 h).
      expect(lines[0]).toBe(`FROM ${name === 'projection' ? 'runtime-chdb' : 'runtime'} AS ${name}`);
      expect(lines).toContain(`CMD ["node", "services/${name}/dist/main.js"]`);
      expect(lines).toContain(`ENV HTTP_PORT=${port}`);
      expect(lines).toContain(`EXPOSE ${port}`);
    }
    expect(stage('all-in-one')).toContain('CMD ["node", "apps/all-in-one/dist/main.js"]');
  });

  it('builds on a current Node LTS slim image, pinned by digest', () => {
    expect(instructions).toContain('ARG NODE_VERSION=24');
    expect(instructions.join('\n')).toMatch(/^ARG NODE_IMAGE=node:24-slim@sha256:[0-9a-f]{64}$/m);
    for (const from of instructions.filter((line) => /^FROM (node|\$\{NODE)/.test(line))) {
      expect(from).toMatch(/^FROM \$\{NODE_IMAGE\} AS /);
    }
  });

  it('installs exactly the lockfile (npm ci: it now holds every platform), production dependencies only', () => {
    expect(stage('build').join('\n')).toMatch(/npm ci /);
    expect(stage('prod-deps').join('\n')).toMatch(/npm ci --omit=dev/);
    const runtime = stage('runtime');
    expect(runtime).toContain('COPY --from=prod-deps-lean /app/node_modules ./node_modules');
    expect(runtime.join('\n')).not.toMatch(/--from=build \/app\/node_modules/);
  });

  it('copies the manifest of every workspace, so npm links them all', () => {
    const manifests = stage('manifests').join('\n');
    for (const group of ['libs', 'services', 'apps']) {
      for (const name of readdirSync(join(repoRoot, group))) {
        if (!existsSync(join(repoRoot, group, name, 'package.json'))) continue;
        expect(manifests).toContain(`COPY ${group}/${name}/package.json ${group}/${name}/`);
      }
    }
  });

  it('runs as a numeric non-root user with a health check on /health/live', () => {
    const runtime = stage('runtime');
    expect(runtime).toContain('USER 10001:10001');
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK'));
    expect(healthcheck).toMatch(/\/health\/live/);
    expect(healthcheck).toMatch(/fetch\(/);
  });

  it('labels images with OCI version and revision from build arguments', () => {
    const runtime = stage('runtime').join('\n');
    expect(runtime).toMatch(/ARG VERSION=/);
    expect(runtime).toMatch(/ARG REVISION=/);
    expect(runtime).toMatch(/org\.opencontainers\.image\.version="\$\{VERSION\}"/);
    expect(runtime).toMatch(/org\.opencontainers\.image\.revision="\$\{REVISION\}"/);
  });

  it('keeps dependencies, build output and git history out of the build context', () => {
    for (const pattern of ['**/node_modules', '**/dist', '.git', '**/.env'])
      expect(dockerignore).toContain(pattern);
  });
});
