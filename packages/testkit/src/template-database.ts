import { createDataSource, migrate } from '@scorecard/db';
import { quoteIdent, withDatabase, withMaintenance } from '@scorecard/stack';
import type pg from 'pg';
import type { MigrationSet } from './migration-sets';
import { migrationsHash, migrationSets } from './migration-sets';

/** Every test database is a copy of this one: all services' migrations, applied once. */
export const TEMPLATE_DATABASE = 'scorecard_test_template';
/** Prefix of the databases `freshDatabase()` clones from the template. */
export const TEST_DATABASE_PREFIX = 'scorecard_test_';

/** The migrations hash the template was built from (its COMMENT), if it exists. */
export async function templateHash(client: pg.Client): Promise<string | undefined> {
  const res = await client.query<{ hash: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS hash FROM pg_database WHERE datname = $1",
    [TEMPLATE_DATABASE],
  );
  return res.rows[0]?.hash ?? undefined;
}

/**
 * Cloning takes the template's advisory lock shared, rebuilding takes it exclusive: a clone never
 * copies a template that is being replaced, even by another checkout's test run.
 */
export async function withTemplateLock<T>(
  client: pg.Client,
  mode: 'shared' | 'exclusive',
  fn: () => Promise<T>,
): Promise<T> {
  const suffix = mode === 'shared' ? '_shared' : '';
  await client.query(`SELECT pg_advisory_lock${suffix}(hashtextextended($1, 0))`, [TEMPLATE_DATABASE]);
  try {
    return await fn();
  } finally {
    await client.query(`SELECT pg_advisory_unlock${suffix}(hashtextextended($1, 0))`, [TEMPLATE_DATABASE]);
  }
}

async function applyMigrations(url: string, sets: MigrationSet[]): Promise<void> {
  for (const set of sets) {
    const ds = createDataSource({ url, schema: set.schema, applicationName: 'scorecard-testkit' });
    try {
      await migrate(ds, { schema: set.schema, dir: set.dir });
    } finally {
      // A template must have no open connections, or CREATE DATABASE … TEMPLATE fails.
      if (ds.isInitialized) await ds.destroy();
    }
  }
}

/**
 * Builds `scorecard_test_template` from every service's migrations unless its comment already
 * holds the hash of those files (returned). Built under another name and renamed, so a failed
 * build never leaves a half-migrated template.
 */
export async function ensureTemplateDatabase(
  databaseUrl: string,
  repoRoot: string,
): Promise<{ hash: string; action: 'reused' | 'built' }> {
  const sets = migrationSets(repoRoot);
  const hash = migrationsHash(sets);
  return withMaintenance(databaseUrl, (client) =>
    withTemplateLock(client, 'exclusive', async () => {
      if ((await templateHash(client)) === hash) return { hash, action: 'reused' as const };
      const build = `${TEMPLATE_DATABASE}_build`;
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(build)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(build)}`);
      await applyMigrations(withDatabase(databaseUrl, build), sets);
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DATABASE)} WITH (FORCE)`);
      await client.query(`ALTER DATABASE ${quoteIdent(build)} RENAME TO ${quoteIdent(TEMPLATE_DATABASE)}`);
      // COMMENT takes no bind parameters; the hash is hex.
      await client.query(`COMMENT ON DATABASE ${quoteIdent(TEMPLATE_DATABASE)} IS '${hash}'`);
      return { hash, action: 'built' as const };
    }),
  );
}
