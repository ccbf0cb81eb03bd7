import type { Logger } from 'typeorm';
import { DataSource } from 'typeorm';
import { assertIdentifier } from './identifiers';

export interface DataSourceOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** The service's own schema: first on the search_path and home of its migrations table. */
  schema: string;
  /** Shown in pg_stat_activity, so a connection can be traced to its service. */
  applicationName: string;
  /** Maximum pooled connections (pg default 10). */
  poolSize?: number;
}

// TypeORM's default logger writes migration and slow-query lines to the console regardless of
// `logging`; everything that matters reaches callers as return values or thrown errors instead.
const noop = (): void => undefined;
const silentLogger: Logger = {
  logQuery: noop,
  logQueryError: noop,
  logQuerySlow: noop,
  logSchemaBuild: noop,
  logMigration: noop,
  log: noop,
};

/**
 * A TypeORM Postgres DataSource for one service schema, not yet initialized. No entities: services
 * use parameterized SQL through `ds.query` / `em.query`.
 */
export function createDataSource({ url, schema, applicationName, poolSize }: DataSourceOptions): DataSource {
  assertIdentifier(schema, 'schema');
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    applicationName,
    ...(poolSize === undefined ? {} : { poolSize }),
    entities: [],
    synchronize: false,
    // With `schema` set, TypeORM keeps this table in the service schema: <schema>.migrations.
    migrationsTableName: 'migrations',
    logging: false,
    logger: silentLogger,
    // A startup parameter rather than a SET after connect, so every pooled connection has it.
    extra: { options: `-c search_path=${schema},public` },
  });
}
