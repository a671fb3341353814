import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { chartDir } from './paths';

interface AccessModule {
  ROLE_GRANTS: Record<string, string[]>;
  accessStatements(plan: {
    database: string;
    users: Array<{ role: string; name: string; password: string }>;
  }): string[];
  planFromEnv(env: Record<string, string>): {
    database: string;
    users: Array<{ role: string; name: string; password: string }>;
  };
}

const load = async (): Promise<AccessModule> => import(join(chartDir, 'files/clickhouse-access.mjs'));

const env = {
  CLICKHOUSE_DATABASE: 'slipstream',
  SLIPSTREAM_MIGRATOR_USER: 'slipstream_migrator',
  SLIPSTREAM_MIGRATOR_PASSWORD: 'm-secret',
  SLIPSTREAM_PROJECTION_USER: 'slipstream_projection',
  SLIPSTREAM_PROJECTION_PASSWORD: 'p-secret',
  SLIPSTREAM_QUERY_USER: 'slipstream_query',
  SLIPSTREAM_QUERY_PASSWORD: "it's",
};

describe('ClickHouse users created by the provisioning Job', () => {
  it('gives the query user SELECT only, on the slipstream database only, and read-only settings', async () => {
    const { accessStatements, planFromEnv } = await load();
    const statements = accessStatements(planFromEnv(env));
    expect(statements).toContain('GRANT SELECT ON `slipstream`.* TO `slipstream_query` WITH REPLACE OPTION');
    expect(statements).toContain(
      "CREATE USER IF NOT EXISTS `slipstream_query` IDENTIFIED WITH sha256_password BY 'it\\'s' SETTINGS readonly = 2",
    );
  });

  it('lets projection insert and read but change no schema', async () => {
    const { accessStatements, planFromEnv } = await load();
    const grant = accessStatements(planFromEnv(env)).find(
      (s) => s.startsWith('GRANT') && s.includes('slipstream_projection'),
    );
    expect(grant).toBe(
      'GRANT SELECT, INSERT ON `slipstream`.* TO `slipstream_projection` WITH REPLACE OPTION',
    );
  });

  it('gives the migrator DDL on the slipstream database and nothing server-wide', async () => {
    const { accessStatements, planFromEnv, ROLE_GRANTS } = await load();
    expect(ROLE_GRANTS.migrator).toEqual(
      expect.arrayContaining(['CREATE TABLE', 'ALTER', 'DROP TABLE', 'INSERT', 'SELECT']),
    );
    expect(ROLE_GRANTS.migrator).not.toContain('ALL');
    for (const statement of accessStatements(planFromEnv(env)).filter((s) => s.startsWith('GRANT'))) {
      expect(statement).toMatch(/ ON `slipstream`\.\* TO /);
    }
  });

  it('creates the database first and rotates passwords on every run', async () => {
    const { accessStatements, planFromEnv } = await load();
    const statements = accessStatements(planFromEnv(env));
    expect(statements[0]).toBe('CREATE DATABASE IF NOT EXISTS `slipstream`');
    expect(statements.filter((s) => s.startsWith('ALTER USER'))).toHaveLength(3);
  });

  it('refuses to create a user without a password', async () => {
    const { accessStatements, planFromEnv } = await load();
    expect(() => accessStatements(planFromEnv({ ...env, SLIPSTREAM_QUERY_PASSWORD: '' }))).toThrow(
      /No password for ClickHouse user slipstream_query/,
    );
  });
});
