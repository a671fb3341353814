import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

interface Graph {
  graph: {
    nodes: Record<string, { data: { root: string; tags?: string[]; targets?: Record<string, unknown> } }>;
    dependencies: Record<string, Array<{ target: string }>>;
  };
}

describe('the Nx project graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipstream-graph-'));
  const file = join(dir, 'graph.json');
  execFileSync('npx', ['nx', 'graph', `--file=${file}`], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const { graph } = JSON.parse(readFileSync(file, 'utf8')) as Graph;
  rmSync(dir, { recursive: true, force: true });
  const services = Object.keys(graph.nodes).filter((name) =>
    graph.nodes[name].data.root.startsWith('services/'),
  );

  it('has the five services and the libraries', () => {
    expect(services.sort()).toEqual(
      ['ingestion', 'live-gateway', 'normalization', 'projection', 'telemetry-replay'].map(
        (s) => `@slipstream/${s}`,
      ),
    );
    const libs = Object.keys(graph.nodes).filter((name) => graph.nodes[name].data.root.startsWith('libs/'));
    expect(libs).toEqual(
      expect.arrayContaining(
        ['contracts', 'messaging', 'clickhouse', 'testing'].map((l) => `@slipstream/${l}`),
      ),
    );
  });

  it('gives every project lint, typecheck, test and build targets', () => {
    for (const [name, node] of Object.entries(graph.nodes)) {
      if (!node.data.root.match(/^(libs|services|apps)\//)) continue;
      expect(Object.keys(node.data.targets ?? {}), name).toEqual(
        expect.arrayContaining(['lint', 'typecheck', 'test', 'build']),
      );
    }
  });

  it('has no service depending on another service', () => {
    for (const service of services) {
      const targets = (graph.dependencies[service] ?? []).map((dependency) => dependency.target);
      expect(
        targets.filter((target) => services.includes(target)),
        service,
      ).toEqual([]);
    }
  });
});
