import { resolve } from 'node:path';

/** Compiled to bench/dist/infra/paths.js: three levels below the repository root. */
export const REPO_ROOT = resolve(__dirname, '../../..');
export const SESSIONS_DIR = resolve(REPO_ROOT, 'data/sessions');
/** The full Ergast CSV set kept in the repository (gzipped), so a fresh clone can run the suite. */
export const CSV_FIXTURES_DIR = resolve(REPO_ROOT, 'libs/historical/fixtures/ergast-csv');
export const RESULTS_DIR = resolve(REPO_ROOT, 'bench/results');
export const WORKER_SCRIPT = 'bench/dist/worker/clickhouse-worker.js';
