import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { ensureDatabase } from './ensure-database';
import { migrate } from './migrate';

export interface OpenDatabaseOptions {
  url: string;
  /** The service's own schema. */
  schema: string;
  applicationName: string;
  /** Folder of the service's numbered `.sql` migrations. */
  migrationsDir: string;
  poolSize?: number;
}

/**
 * What a service does with Postgres at start: create the database if missing, connect, and bring
 * its schema up to date (concurrent replicas serialize on the migration lock).
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<DataSource> {
  await ensureDatabase(opts.url);
  const ds = createDataSource({
    url: opts.url,
    schema: opts.schema,
    applicationName: opts.applicationName,
    ...(opts.poolSize === undefined ? {} : { poolSize: opts.poolSize }),
  });
  await migrate(ds, { schema: opts.schema, dir: opts.migrationsDir });
  return ds;
}

/** Readiness: Postgres answers a trivial query. */
export async function pingDatabase(ds: DataSource): Promise<void> {
  await ds.query('SELECT 1');
}
