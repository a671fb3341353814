import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

/*
 * `npm ci` is how every machine installs slipstream (scripts, Dockerfile, workflows). It refuses a
 * lockfile without an entry for each optional package of each platform, and the registry mirror
 * the lockfile is made against lacks three of chdb's (docs/adr/0004-workspace-and-pins.md).
 */
const ROOT = resolve(__dirname, '../..');

describe('package-lock.json', () => {
  it('holds an entry for every platform chdb ships a native library for', () => {
    const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; optionalDependencies?: Record<string, string> }>;
    };
    const wanted = lock.packages['node_modules/chdb'].optionalDependencies ?? {};
    expect(Object.keys(wanted).length).toBeGreaterThan(0);
    for (const [name, version] of Object.entries(wanted))
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
  });

  it('is accepted by npm ci', () => {
    const run = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/EUSAGE|out of sync|Missing: /);
    expect(run.status).toBe(0);
  }, 120_000);
});
