import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { dropDatabase, quoteIdent, withDatabase, withMaintenance } from '@scorecard/stack';
import { requireEnv } from './env';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './template-database';

export interface FreshDatabase {
  /** DATABASE_URL with this database's name. */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

// SQLSTATE object_in_use: another session is copying or connected to the template right now.
const OBJECT_IN_USE = '55006';

/**
 * A new database cloned from the migrated template (a file copy: milliseconds), for one test file.
 * The name carries its creation time so global setup can drop ones a crashed run left behind.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  const base = requireEnv('DATABASE_URL');
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withMaintenance(base, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DATABASE)}`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt === 20) throw err;
        await sleep(50 * attempt);
      }
    }
  });
  return { url: withDatabase(base, name), name, drop: () => dropDatabase(base, name) };
}

/** Drops test databases older than `maxAgeMs` (left by runs that crashed before `drop()`). */
export function dropStaleTestDatabases(databaseUrl: string, maxAgeMs: number): Promise<string[]> {
  return withMaintenance(databaseUrl, async (client) => {
    const res = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${TEST_DATABASE_PREFIX.replaceAll('_', '\\_')}%`],
    );
    const stale = res.rows
      .map((r) => r.datname)
      .filter((name) => {
        const created = parseInt(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0] ?? '', 36);
        return name.split('_').length === 4 && Number.isFinite(created) && Date.now() - created > maxAgeMs;
      });
    for (const name of stale) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    return stale;
  });
}
