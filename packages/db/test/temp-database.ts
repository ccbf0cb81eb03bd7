import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../src';

const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of our own, named so it cannot clash with anything another test or person made. */
export async function createTempDatabase(): Promise<TempDatabase> {
  const url = new URL(SERVER_URL);
  const name = `dbtest_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  url.pathname = `/${name}`;
  if (!(await ensureDatabase(url.toString()))) throw new Error(`${name} already existed`);
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
