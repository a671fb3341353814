import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createTempDir } from '@slipstream/testing';

/*
 * scripts/ensure-prerequisites.sh holds the one list of system packages; `npm test` runs it first.
 * Here: everything on the list is present (npm test installed it), and when a package is missing
 * and apt-get cannot get it, the script stops and names it instead of letting a test skip.
 */
const SCRIPT = resolve(__dirname, '../../scripts/ensure-prerequisites.sh');
const bin = createTempDir('slipstream-prereq-bin-');

afterAll(() => bin.remove());

function script(name: string, body: string): string {
  const path = join(bin.path, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('scripts/ensure-prerequisites.sh', () => {
  it('finds every system package of its list on this machine', () => {
    const run = spawnSync('bash', [SCRIPT, '--test', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('stops naming the packages it cannot install', () => {
    // A Python that does not see Debian's packages, and an apt-get that cannot get anything.
    const python = script('python-without-packages', 'exec python3 -I -S "$@"');
    script('apt-get', 'echo "E: Unable to locate package $*" >&2; exit 100');
    const run = spawnSync('bash', [SCRIPT, '--test'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin.path}:${process.env.PATH}`, SLIPSTREAM_PYTHON: python },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'cannot continue: these system packages are missing and could not be installed: python3-socketio python3-websocket',
    );
    expect(run.stderr).toContain('sudo apt-get install -y python3-socketio python3-websocket');
  });
});
