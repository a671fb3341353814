import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const __dirname = dirname(fileURLToPath(import.meta.url));

// Workspace packages resolve to their TypeScript sources in tests, so no build is needed first.
const workspaceAliases = ['libs', 'services', 'apps'].flatMap((group) =>
  readdirSync(resolve(__dirname, group)).map((name) => ({
    find: new RegExp(`^@slipstream/${name}$`),
    replacement: resolve(__dirname, group, name, 'src/index.ts'),
  })),
);

export default defineConfig({
  // SWC emits the decorator metadata NestJS dependency injection relies on; esbuild does not.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  oxc: false,
  resolve: { alias: workspaceAliases },
  test: {
    include: ['{libs,services,apps,tests}/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    // The end-to-end files mostly wait on nats-server, chDB and replays: two at a time even on two
    // cores halves the suite's wall time (measured: 15 min with one worker, 8 min with two).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
