import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../src';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `dbtest-${randomUUID().slice(0, 8)}`; // a hyphen, as in real names like scorecard-dev
const url = Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();

async function exists(): Promise<boolean> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});

test('concurrent callers race to create one database: exactly one creates it, none fails', async () => {
  const created = await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(url)));

  expect(created.filter(Boolean)).toHaveLength(1);
  expect(await exists()).toBe(true);
  expect(await ensureDatabase(url)).toBe(false);
});

test('refuses a name that would need escaping', async () => {
  const bad = Object.assign(new URL(SERVER_URL), { pathname: '/a"b' }).toString();
  await expect(ensureDatabase(bad)).rejects.toThrow(/must match/);
});
