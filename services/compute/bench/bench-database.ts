import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '@scorecard/db';

const serverUrl = () => process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/scorecard';

/**
 * A fresh database for one benchmark on the DATABASE_URL server (default: the local stack's),
 * with compute's migrations applied; dropped by `drop()`.
 */
export async function benchDatabase(
  name: string,
): Promise<{ ds: DataSource; url: string; drop(): Promise<void> }> {
  const admin = new URL(serverUrl());
  admin.pathname = '/postgres';
  const dbUrl = new URL(serverUrl());
  dbUrl.pathname = `/${name}`;
  const exec = async (sql: string) => {
    const c = await createDataSource({
      url: admin.toString(),
      schema: 'public',
      applicationName: 'bench-admin',
    }).initialize();
    try {
      await c.query(sql);
    } finally {
      await c.destroy();
    }
  };
  await exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await exec(`CREATE DATABASE "${name}"`);
  const ds = await openDatabase({
    url: dbUrl.toString(),
    schema: 'compute',
    applicationName: `bench-${name}`,
    migrationsDir: join(__dirname, '..', 'migrations'),
    poolSize: 4,
  });
  return {
    ds,
    url: dbUrl.toString(),
    async drop() {
      await ds.destroy();
      await exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
