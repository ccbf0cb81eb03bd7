import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export interface SqlMigration {
  /** Order of application; also stored as TypeORM's `timestamp` column. */
  order: number;
  /** File name without `.sql`, e.g. `0001_facts`; the key TypeORM records as applied. */
  name: string;
  instance: MigrationInterface;
}

const FILE = /^(\d+)_[a-z0-9_]+\.sql$/;

/** The numbered `NNNN_name.sql` files of `dir`, in order. Non-SQL files are ignored. */
export async function readSqlMigrations(dir: string): Promise<SqlMigration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const migrations: SqlMigration[] = [];
  for (const file of files) {
    const order = Number(FILE.exec(file)?.[1]);
    // 0 belongs to the base migration.
    if (!Number.isSafeInteger(order) || order < 1) {
      throw new Error(`migration file ${join(dir, file)} must be named NNNN_snake_name.sql with NNNN >= 1`);
    }
    if (migrations.some((m) => m.order === order)) {
      throw new Error(`migration number ${order} is used twice in ${dir}`);
    }
    const name = file.slice(0, -'.sql'.length);
    migrations.push({ order, name, instance: sqlMigration(name, await readFile(join(dir, file), 'utf8')) });
  }
  return migrations.sort((a, b) => a.order - b.order);
}

/**
 * One SQL file as a TypeORM migration. TypeORM takes the migration's `name` property before its
 * class name, so one class serves every file and each instance carries the file's name.
 */
class SqlFileMigration implements MigrationInterface {
  constructor(
    readonly name: string,
    private readonly sql: string,
  ) {}

  async up(queryRunner: QueryRunner): Promise<void> {
    // No bind parameters, so pg uses the simple protocol, which accepts several statements.
    await queryRunner.query(this.sql);
  }

  down(): Promise<void> {
    return Promise.reject(new Error(`migration ${this.name} is forward-only; write a new migration instead`));
  }
}

export function sqlMigration(name: string, sql: string): MigrationInterface {
  return new SqlFileMigration(name, sql);
}
