import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  appendOnlyTriggerSql,
  classifyPgError,
  createDataSource,
  immutableWhenSql,
  migrate,
  SqlState,
} from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

const SCHEMA = 'review';

let db: TempDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTempDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'db-append-only-'));
  // The helpers' output goes into numbered migration files, as a service would commit it.
  await writeFile(
    join(dir, '0001_journal.sql'),
    `CREATE TABLE journal (id int PRIMARY KEY, body text NOT NULL);
     ${appendOnlyTriggerSql(SCHEMA, 'journal')}`,
  );
  await writeFile(
    join(dir, '0002_results.sql'),
    `CREATE TABLE results (id int PRIMARY KEY, score numeric, status text NOT NULL);
     ${immutableWhenSql(SCHEMA, 'results', `OLD.status = 'final'`)}`,
  );
  // Re-running the DDL is harmless (CREATE OR REPLACE), e.g. when a later file restates it.
  await writeFile(join(dir, '0003_again.sql'), appendOnlyTriggerSql(SCHEMA, 'journal'));
  ds = createDataSource({ url: db.url, schema: SCHEMA, applicationName: 'db-append-only-test' });
  await migrate(ds, { schema: SCHEMA, dir });
  await rm(dir, { recursive: true });
});

afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

async function failure(sql: string, params: unknown[] = []): Promise<unknown> {
  return ds.query(sql, params).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('appendOnlyTriggerSql', () => {
  beforeAll(async () => {
    await ds.query(`INSERT INTO journal (id, body) VALUES (1, 'kpi_assigned'), (2, 'observation')`);
  });

  test('allows INSERT', async () => {
    await ds.query(`INSERT INTO journal (id, body) VALUES (3, 'coaching_session')`);
    expect(await ds.query('SELECT id FROM journal ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  test.each([
    ['UPDATE', `UPDATE journal SET body = 'edited' WHERE id = 1`],
    ['DELETE', 'DELETE FROM journal WHERE id = 1'],
    ['TRUNCATE', 'TRUNCATE journal'],
  ])('rejects %s with the immutable-row SQLSTATE, not retryable', async (op, sql) => {
    const error = await failure(sql);

    expect(classifyPgError(error)).toEqual({ code: SqlState.immutableRow, retryable: false });
    expect(String(error)).toContain(`${op} on review.journal rejected`);
    expect(await ds.query('SELECT body FROM journal WHERE id = 1')).toEqual([{ body: 'kpi_assigned' }]);
  });
});

describe('immutableWhenSql', () => {
  beforeAll(async () => {
    await ds.query(`INSERT INTO results (id, score, status) VALUES (1, 70, 'provisional'), (2, 80, 'final')`);
  });

  test('rejects UPDATE and DELETE of finalized rows only', async () => {
    expect(classifyPgError(await failure('UPDATE results SET score = 99 WHERE id = 2')).code).toBe('55S01');
    expect(classifyPgError(await failure('DELETE FROM results WHERE id = 2')).code).toBe('55S01');
    expect(classifyPgError(await failure('TRUNCATE results')).code).toBe('55S01');
    expect(await ds.query('SELECT id, score, status FROM results ORDER BY id')).toEqual([
      { id: 1, score: '70', status: 'provisional' },
      { id: 2, score: '80', status: 'final' },
    ]);
  });

  test('lets a provisional row change and be finalized, after which it is frozen', async () => {
    await ds.query(`UPDATE results SET score = 75 WHERE id = 1`);
    await ds.query(`UPDATE results SET status = 'final' WHERE id = 1`);

    expect(classifyPgError(await failure('UPDATE results SET score = 0 WHERE id = 1')).code).toBe('55S01');
    expect(await ds.query('SELECT score, status FROM results WHERE id = 1')).toEqual([
      { score: '75', status: 'final' },
    ]);
  });

  test('deleting a provisional row is allowed', async () => {
    await ds.query(`INSERT INTO results (id, score, status) VALUES (3, 10, 'provisional')`);
    await ds.query('DELETE FROM results WHERE id = 3');
    expect(await ds.query('SELECT count(*)::int AS n FROM results WHERE id = 3')).toEqual([{ n: 0 }]);
  });
});
