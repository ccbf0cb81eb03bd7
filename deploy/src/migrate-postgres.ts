// The migrations Job of a Postgres-backed service: `node dist/migrate.js` in the service's image. Applies
// `services/<name>/migrations` to the schema named after the service, exactly as openDatabase() does at
// start (same advisory lock, so a Job and starting replicas may overlap safely), then exits.
import { join } from 'node:path';
import { z } from 'zod';
import { commonEnv, databaseEnv, loadConfig } from '@scorecard/config';
import { createDataSource, ensureDatabase, migrate } from '@scorecard/db';
import { createLogger } from '@scorecard/telemetry';
import { serviceFromArgs } from './service-dir';

async function main(): Promise<void> {
  const config = loadConfig(z.object({ ...commonEnv, ...databaseEnv }));
  const service = serviceFromArgs(process.argv, __dirname);
  const logger = createLogger({ service: `${service.name}-migrate`, level: config.LOG_LEVEL });
  // Every service's schema is named after the service (services/<name>/src/main.ts).
  const schema = service.name;
  const created = await ensureDatabase(config.DATABASE_URL);
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema,
    applicationName: `${service.name}-migrate`,
  });
  try {
    const applied = await migrate(ds, { schema, dir: join(service.dir, 'migrations') });
    logger.info(
      { schema, created_database: created, applied },
      `migrated ${schema}: ${applied.length} applied`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
