import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const chartDir = join(repoRoot, 'charts/slipstream');
export const schemaPath = join(chartDir, 'values.schema.json');
export const terraformDir = join(repoRoot, 'terraform');
export const workflowsDir = join(repoRoot, '.github/workflows');

/** The example values files under charts/slipstream/ci, each rendered and validated in the tests. */
export const exampleValuesFiles: string[] = readdirSync(join(chartDir, 'ci'))
  .filter((file) => file.endsWith('-values.yaml'))
  .sort()
  .map((file) => join(chartDir, 'ci', file));

/** The five services and the values key, HTTP port and NATS user key each one has in the chart. */
export const SERVICES = [
  { name: 'ingestion', valuesKey: 'ingestion', port: 3001 },
  { name: 'telemetry-replay', valuesKey: 'telemetryReplay', port: 3002 },
  { name: 'normalization', valuesKey: 'normalization', port: 3003 },
  { name: 'projection', valuesKey: 'projection', port: 3004 },
  { name: 'live-gateway', valuesKey: 'liveGateway', port: 3005 },
] as const;
