// Creates the database and slipstream's ClickHouse users with least grants, signed in as an admin
// user. Runs in the provisioning Job before migrations; every statement is idempotent, and
// `WITH REPLACE OPTION` drops grants a previous chart version gave and this one no longer does.
/* global fetch, URL, AbortSignal -- Node 18+ globals */
import { pathToFileURL } from 'node:url';

/** Grants per role; the query API reads only. */
export const ROLE_GRANTS = {
  migrator: [
    'SELECT',
    'INSERT',
    'ALTER',
    'CREATE DATABASE',
    'CREATE TABLE',
    'CREATE VIEW',
    'CREATE DICTIONARY',
    'DROP TABLE',
    'DROP VIEW',
    'DROP DICTIONARY',
    'TRUNCATE',
    'OPTIMIZE',
    'SHOW',
  ],
  projection: ['SELECT', 'INSERT'],
  query: ['SELECT'],
};

const quoteIdentifier = (name) => '`' + String(name).replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
const quoteString = (value) => "'" + String(value).replaceAll('\\', '\\\\').replaceAll("'", "\\'") + "'";

/** @param {{ database: string, users: Array<{ role: keyof typeof ROLE_GRANTS, name: string, password: string }> }} plan */
export function accessStatements({ database, users }) {
  const db = quoteIdentifier(database);
  const statements = [`CREATE DATABASE IF NOT EXISTS ${db}`];
  for (const { role, name, password } of users) {
    const grants = ROLE_GRANTS[role];
    if (!grants) throw new Error(`Unknown ClickHouse role: ${role}`);
    if (!password) throw new Error(`No password for ClickHouse user ${name} (${role})`);
    const user = quoteIdentifier(name);
    const identified = `IDENTIFIED WITH sha256_password BY ${quoteString(password)}`;
    const settings = role === 'query' ? ' SETTINGS readonly = 2' : '';
    statements.push(`CREATE USER IF NOT EXISTS ${user} ${identified}${settings}`);
    // Rotates the password when the Secret changed.
    statements.push(`ALTER USER ${user} ${identified}${settings}`);
    statements.push(`GRANT ${grants.join(', ')} ON ${db}.* TO ${user} WITH REPLACE OPTION`);
  }
  return statements;
}

export function planFromEnv(env) {
  const users = ['migrator', 'projection', 'query'].map((role) => ({
    role,
    name: env[`SLIPSTREAM_${role.toUpperCase()}_USER`],
    password: env[`SLIPSTREAM_${role.toUpperCase()}_PASSWORD`],
  }));
  return { database: env.CLICKHOUSE_DATABASE, users };
}

async function run(env) {
  const url = new URL(env.CLICKHOUSE_URL);
  const statements = accessStatements(planFromEnv(env));
  for (const statement of statements) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'X-ClickHouse-User': env.CLICKHOUSE_ADMIN_USER,
        'X-ClickHouse-Key': env.CLICKHOUSE_ADMIN_PASSWORD ?? '',
      },
      body: statement,
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      // The statement holds a password: name it by its first words only.
      const words = statement.split(' ').slice(0, 3).join(' ');
      throw new Error(`ClickHouse refused "${words} …": ${response.status} ${await response.text()}`);
    }
  }
  console.log(
    JSON.stringify({ level: 'info', msg: 'clickhouse access applied', statements: statements.length }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.env).catch((error) => {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'clickhouse access failed',
        error: String(error?.message ?? error),
      }),
    );
    process.exit(1);
  });
}
