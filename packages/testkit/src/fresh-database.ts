import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { dropDatabase, findRepoRoot, quoteIdent, withDatabase, withMaintenance } from '@scorecard/stack';
import type pg from 'pg';
import { requireEnv } from './env';
import {
  ensureTemplateDatabase,
  TEMPLATE_DATABASE,
  templateHash,
  TEST_DATABASE_PREFIX,
  withTemplateLock,
} from './template-database';

export interface FreshDatabase {
  /** DATABASE_URL with this database's name. */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

// SQLSTATE object_in_use: another session is connected to the template right now.
const OBJECT_IN_USE = '55006';

async function cloneTemplate(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DATABASE)}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== OBJECT_IN_USE || attempt === 20) throw err;
      await sleep(50 * attempt);
    }
  }
}

/**
 * A new database cloned from the migrated template (a file copy: milliseconds), for one test file.
 * The name carries its creation time so global setup can drop ones a crashed run left behind.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  const base = requireEnv('DATABASE_URL');
  // Set by global setup: the hash of this checkout's migrations.
  const expected = process.env['SCORECARD_TEST_TEMPLATE_HASH'];
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    const cloned = await withMaintenance(base, (client) =>
      withTemplateLock(client, 'shared', async () => {
        // The template is shared by every checkout on this server; another one's test run may
        // have rebuilt it for different migrations since our global setup.
        if (expected !== undefined && (await templateHash(client)) !== expected) return false;
        await cloneTemplate(client, name);
        return true;
      }),
    );
    if (cloned) break;
    if (attempt === 3) throw new Error(`${TEMPLATE_DATABASE} keeps being rebuilt for other migrations`);
    await ensureTemplateDatabase(base, findRepoRoot());
  }
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
