import type { DataSource, QueryRunner } from 'typeorm';
import { Migration, MigrationExecutor } from 'typeorm';
import { baseMigrationSql, BASE_MIGRATION_NAME } from './base-migration';
import { quoteSchema } from './identifiers';
import { toInfrastructureError } from './pg-errors';
import type { SqlMigration } from './sql-migrations';
import { readSqlMigrations, sqlMigration } from './sql-migrations';

export interface MigrateOptions {
  /** Must be the schema the DataSource was created with (its migrations table lives there). */
  schema: string;
  /** Folder of numbered `NNNN_name.sql` files. */
  dir: string;
}

/**
 * Creates the schema if missing, then applies the base migration and the files of `dir` that are
 * not yet recorded in `<schema>.migrations`, each in its own transaction. Concurrent callers
 * serialize on an advisory lock, so replicas may all migrate at start. Returns the names applied.
 */
export async function migrate(ds: DataSource, { schema, dir }: MigrateOptions): Promise<string[]> {
  const dsSchema = (ds.options as { schema?: string }).schema;
  if (dsSchema !== schema) {
    throw new Error(`migrate: schema "${schema}" differs from the DataSource's schema "${dsSchema ?? ''}"`);
  }
  const migrations: SqlMigration[] = [
    {
      order: 0,
      name: BASE_MIGRATION_NAME,
      instance: sqlMigration(BASE_MIGRATION_NAME, baseMigrationSql(schema)),
    },
    ...(await readSqlMigrations(dir)),
  ];
  if (!ds.isInitialized) await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    return await withAdvisoryLock(runner, `scorecard.migrate.${schema}`, async () => {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(schema)}`);
      const executor = new FileMigrationExecutor(ds, runner, migrations);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    });
  } catch (err) {
    throw toInfrastructureError(err);
  } finally {
    await runner.release();
  }
}

async function withAdvisoryLock<T>(runner: QueryRunner, key: string, fn: () => Promise<T>): Promise<T> {
  // Session-level lock on the runner's connection; it dies with the connection if we crash.
  await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  try {
    return await fn();
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }
}

/**
 * TypeORM reads migrations from the DataSource and orders them by a 13-digit timestamp suffix
 * of the class name. Supplying them here keeps the DataSource free of per-call state and lets
 * the recorded name be the file's own (`0001_facts`), ordered by its number.
 */
class FileMigrationExecutor extends MigrationExecutor {
  constructor(
    ds: DataSource,
    runner: QueryRunner,
    private readonly files: SqlMigration[],
  ) {
    super(ds, runner);
  }

  protected override getMigrations(): Migration[] {
    return this.files.map((f) => new Migration(undefined, f.order, f.name, f.instance));
  }
}
