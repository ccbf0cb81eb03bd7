import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { assertDatabaseName } from './database-name';
import { splitStatements } from './split-statements';

export interface MigrateClickHouseOptions {
  database: string;
  /** Folder of numbered `NNNN_name.sql` files; a file may hold several `;`-separated statements. */
  dir: string;
}

interface AppliedMigration {
  version: number;
  name: string;
}

const FILE = /^(\d+)_[a-z0-9_]+\.sql$/;

/**
 * Creates `database`, then applies the files of `dir` not yet recorded in
 * `<database>.schema_migrations`, in numeric order, one statement at a time. Returns the names
 * applied. ClickHouse has neither transactional DDL nor locks: a file that fails halfway is
 * re-run from its first statement, so write idempotent DDL (IF NOT EXISTS).
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  { database, dir }: MigrateClickHouseOptions,
): Promise<string[]> {
  const db = assertDatabaseName(database);
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
  // Replacing: two replicas migrating at once record a version twice, which FINAL collapses.
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const result = await client.query({
    query: `SELECT version, name FROM ${db}.schema_migrations FINAL`,
    format: 'JSONEachRow',
  });
  const applied = new Map((await result.json<AppliedMigration>()).map((m) => [m.version, m.name]));

  const names: string[] = [];
  for (const file of await readMigrationFiles(dir)) {
    const recorded = applied.get(file.version);
    if (recorded === file.name) continue;
    if (recorded !== undefined) {
      throw new Error(
        `ClickHouse migration ${file.version} was applied as ${recorded}, but the file is ${file.name}`,
      );
    }
    for (const statement of splitStatements(await readFile(file.path, 'utf8'))) {
      await client.command({ query: statement });
    }
    await client.insert({
      table: `${db}.schema_migrations`,
      values: [{ version: file.version, name: file.name }],
      format: 'JSONEachRow',
    });
    names.push(file.name);
  }
  return names;
}

async function readMigrationFiles(dir: string): Promise<(AppliedMigration & { path: string })[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const migrations = files.map((file) => {
    const version = Number(FILE.exec(file)?.[1]);
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new Error(
        `ClickHouse migration ${join(dir, file)} must be named NNNN_snake_name.sql with NNNN >= 1`,
      );
    }
    return { version, name: file.slice(0, -'.sql'.length), path: join(dir, file) };
  });
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length)
    throw new Error(`two ClickHouse migrations share a number in ${dir}`);
  return migrations.sort((a, b) => a.version - b.version);
}
