/**
 * Checks that need Docker. They run when a Docker engine is reachable (GitHub's runners) and are
 * otherwise skipped with a message saying so: a skipped check has not passed. Helm itself always
 * runs (tests/deploy/helm.ts unzips a pinned binary when the machine has none).
 */
import { execFileSync, spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './paths';

const docker =
  spawnSync('sh', ['-c', 'command -v docker']).status === 0 &&
  spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
if (!docker)
  console.warn(
    'SKIPPED (not passed): docker build --check (Dockerfile lint by BuildKit) — no docker binary or no reachable Docker engine',
  );

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
      expect(() =>
        execFileSync('docker', ['buildx', 'build', '--check', '--target', target, '.'], {
          cwd: repoRoot,
          stdio: 'pipe',
        }),
      ).not.toThrow();
    }
  }, 300_000);
});
