import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { InfrastructureError } from '@scorecard/errors';
import { createDataSource, migrate } from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

const SCHEMA = 'compute';

let db: TempDatabase;
let dir: string;
const sources: DataSource[] = [];

function dataSource(schema = SCHEMA): DataSource {
  const ds = createDataSource({ url: db.url, schema, applicationName: 'db-migrate-test' });
  sources.push(ds);
  return ds;
}

async function appliedNames(ds: DataSource, schema = SCHEMA): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

beforeEach(async () => {
  db = await createTempDatabase();
  dir = await mkdtemp(join(tmpdir(), 'db-migrations-'));
  // 10 depends on 2: numeric order, not lexical ('10_' sorts before '2_' as text).
  await writeFile(
    join(dir, '2_facts.sql'),
    'CREATE TABLE facts (id int PRIMARY KEY);\nCREATE TABLE notes (t text);',
  );
  await writeFile(join(dir, '10_fact_value.sql'), 'ALTER TABLE facts ADD COLUMN value numeric;');
  await writeFile(join(dir, 'README.md'), 'not a migration');
});

afterEach(async () => {
  await Promise.all(sources.splice(0).map(async (ds) => (ds.isInitialized ? ds.destroy() : undefined)));
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

test('applies the base migration, then the files in numeric order, into the service schema', async () => {
  const ds = dataSource();
  await ds.initialize();

  expect(await migrate(ds, { schema: SCHEMA, dir })).toEqual([
    '0000_scorecard_base',
    '2_facts',
    '10_fact_value',
  ]);
  expect(await appliedNames(ds)).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value']);

  const tables: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [SCHEMA],
  );
  expect(tables.map((t) => t.table_name)).toEqual([
    'facts',
    'migrations',
    'notes',
    'outbox',
    'processed_messages',
  ]);
  expect(await ds.query('SHOW search_path')).toEqual([{ search_path: 'compute,public' }]);
  await ds.query('INSERT INTO facts (id, value) VALUES (1, 2.5)');
  expect(await ds.query('SELECT id, value FROM compute.facts')).toEqual([{ id: 1, value: '2.5' }]);
});

test('is idempotent and picks up files added later', async () => {
  const ds = dataSource();
  await migrate(ds, { schema: SCHEMA, dir }); // initializes the DataSource itself

  expect(await migrate(ds, { schema: SCHEMA, dir })).toEqual([]);
  await writeFile(join(dir, '11_more.sql'), 'CREATE TABLE more (id int);');
  expect(await migrate(ds, { schema: SCHEMA, dir })).toEqual(['11_more']);
  expect(await appliedNames(ds)).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value', '11_more']);
});

test('concurrent migrators apply each migration exactly once', async () => {
  const runs = await Promise.all([1, 2, 3, 4].map(() => migrate(dataSource(), { schema: SCHEMA, dir })));

  expect(runs.flat().sort()).toEqual(['0000_scorecard_base', '10_fact_value', '2_facts']);
  expect(await appliedNames(sources[0]!)).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value']);
});

test('a failing file is rolled back as a whole, left unrecorded, and reported as non-retryable', async () => {
  const ds = dataSource();
  await migrate(ds, { schema: SCHEMA, dir });
  await writeFile(
    join(dir, '12_broken.sql'),
    'CREATE TABLE half (id int);\nCREATE TABLE oops (id nosuchtype);',
  );

  const error = await migrate(ds, { schema: SCHEMA, dir }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(InfrastructureError);
  expect(error).toMatchObject({ code: '42704', retryable: false });
  expect(await ds.query(`SELECT to_regclass('compute.half') AS t`)).toEqual([{ t: null }]);
  expect(await appliedNames(ds)).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value']);
});

test('each schema keeps its own migrations table', async () => {
  await migrate(dataSource('review'), { schema: 'review', dir });
  const compute = dataSource();
  await migrate(compute, { schema: SCHEMA, dir });

  expect(await appliedNames(compute, 'review')).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value']);
  expect(await appliedNames(compute, SCHEMA)).toEqual(['0000_scorecard_base', '2_facts', '10_fact_value']);
});

test('rejects badly named files and a schema other than the DataSource one', async () => {
  await writeFile(join(dir, 'facts.sql'), 'SELECT 1;');
  await expect(migrate(dataSource(), { schema: SCHEMA, dir })).rejects.toThrow(/NNNN_snake_name\.sql/);
  await expect(migrate(dataSource('review'), { schema: SCHEMA, dir })).rejects.toThrow(/differs/);
});
