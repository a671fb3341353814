/**
 * Image contents (issue 13 h): the chDB native library (~540 MB) ships only in the projection image.
 * The Dockerfile leaves it out of the other four; this checks they can do without it: each service's
 * code loads with any require of chDB failing, as it would in its image. (Building the images and
 * measuring their sizes needs Docker: that runs on GitHub, see docs/deploy.md.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './paths';

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const LEAN = ['ingestion', 'telemetry-replay', 'normalization', 'live-gateway'];

describe('images without chDB', () => {
  it('the Dockerfile gives chDB to the projection target only, and pins the base image by digest', () => {
    expect(dockerfile).toMatch(/^FROM runtime-chdb AS projection$/m);
    for (const service of LEAN) expect(dockerfile).toMatch(new RegExp(`^FROM runtime AS ${service}$`, 'm'));
    expect(dockerfile).toMatch(/rm -rf node_modules\/chdb node_modules\/@chdb/);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+[\w.-]*@sha256:[0-9a-f]{64}$/m);
  });

  it.each(LEAN)('%s loads its code with chDB unavailable', (service) => {
    const hook = join(tmpdir(), 'slipstream-no-chdb.cjs');
    writeFileSync(
      hook,
      `const Module = require('module');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^(chdb|@chdb\\/)/.test(request)) throw new Error('chdb is not in this image: ' + request);
  return original.call(this, request, ...rest);
};\n`,
    );
    const output = execFileSync(
      process.execPath,
      ['-r', hook, '-e', `require('./services/${service}/dist/index.js'); console.log('loaded')`],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    expect(output).toContain('loaded');
  });
});
