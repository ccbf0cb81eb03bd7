// The migrations Job of reporting against a ClickHouse server: `node dist/migrate.js` in its image.
// Embedded chdb is migrated by the single reporting process at start (no other process may open its data
// path), so without CLICKHOUSE_URL this refuses rather than migrating a throwaway local directory.
import { join } from 'node:path';
import { z } from 'zod';
import { clickhouseEnv, commonEnv, loadConfig } from '@scorecard/config';
import { createClickHouse, migrateClickHouse } from '@scorecard/clickhouse';
import { createLogger } from '@scorecard/telemetry';
import { serviceFromArgs } from './service-dir';

async function main(): Promise<void> {
  const config = loadConfig(z.object({ ...commonEnv, ...clickhouseEnv }));
  const service = serviceFromArgs(process.argv, __dirname);
  const logger = createLogger({ service: `${service.name}-migrate`, level: config.LOG_LEVEL });
  if (!config.CLICKHOUSE_URL) {
    throw new Error('CLICKHOUSE_URL is not set: embedded chdb is migrated by the service itself at start');
  }
  const client = await createClickHouse({
    url: config.CLICKHOUSE_URL,
    chdbPath: config.CHDB_PATH,
    database: config.CLICKHOUSE_DATABASE,
  });
  try {
    const applied = await migrateClickHouse(client, {
      database: config.CLICKHOUSE_DATABASE,
      dir: join(service.dir, 'clickhouse-migrations'),
    });
    logger.info(
      { database: config.CLICKHOUSE_DATABASE, applied },
      `migrated ClickHouse ${config.CLICKHOUSE_DATABASE}: ${applied.length} applied`,
    );
  } finally {
    await client.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
