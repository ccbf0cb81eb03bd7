import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '../src';
import { createClickHouse, migrateClickHouse } from '../src';

// chdb allows one open data directory per process: every test closes its client before the next
// opens another path.
let root: string;
let chdbPath: string;
let dir: string;
let client: ClickHouseClient | undefined;

async function open(database = 'reporting'): Promise<ClickHouseClient> {
  client = await createClickHouse({ chdbPath, database });
  return client;
}

async function rows<T>(
  c: ClickHouseClient,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await c.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'clickhouse-test-'));
  chdbPath = join(root, 'chdb');
  dir = join(root, 'migrations');
  await mkdir(dir);
  await writeFile(
    join(dir, '0001_scores.sql'),
    `-- Latest score per person and KPI; version = compute run sequence.
CREATE TABLE IF NOT EXISTS kpi_scores (
  tenant_id String,
  person_id String,
  kpi String,
  score Float64,
  note String,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, person_id, kpi);

/* a view over it; the semicolon in this comment; is not a separator */
CREATE VIEW IF NOT EXISTS kpi_latest AS
SELECT tenant_id, person_id, kpi, score, note FROM kpi_scores FINAL WHERE note != ';';
`,
  );
  await writeFile(
    join(dir, '0002_trend.sql'),
    'ALTER TABLE kpi_scores ADD COLUMN IF NOT EXISTS trend Nullable(Float64);',
  );
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await rm(root, { recursive: true, force: true });
});

test('migrations apply in order, are recorded, and are idempotent', async () => {
  const c = await open();

  expect(await migrateClickHouse(c, { database: 'reporting', dir })).toEqual(['0001_scores', '0002_trend']);
  expect(await migrateClickHouse(c, { database: 'reporting', dir })).toEqual([]);
  await writeFile(
    join(dir, '0003_more.sql'),
    'CREATE TABLE IF NOT EXISTS more (id UInt32) ENGINE = MergeTree ORDER BY id',
  );
  expect(await migrateClickHouse(c, { database: 'reporting', dir })).toEqual(['0003_more']);

  expect(
    await rows(c, 'SELECT version, name FROM reporting.schema_migrations FINAL ORDER BY version'),
  ).toEqual([
    { version: 1, name: '0001_scores' },
    { version: 2, name: '0002_trend' },
    { version: 3, name: '0003_more' },
  ]);
  expect(await rows(c, `SELECT name FROM system.tables WHERE database = 'reporting' ORDER BY name`)).toEqual([
    { name: 'kpi_latest' },
    { name: 'kpi_scores' },
    { name: 'more' },
    { name: 'schema_migrations' },
  ]);
});

test('a renamed, already-applied file is refused', async () => {
  const c = await open();
  await migrateClickHouse(c, { database: 'reporting', dir });
  await rm(join(dir, '0002_trend.sql'));
  await writeFile(join(dir, '0002_renamed.sql'), 'SELECT 1');

  await expect(migrateClickHouse(c, { database: 'reporting', dir })).rejects.toThrow(
    'ClickHouse migration 2 was applied as 0002_trend, but the file is 0002_renamed',
  );
});

test('ReplacingMergeTree(version) keeps the highest version per key under FINAL', async () => {
  const c = await open();
  await migrateClickHouse(c, { database: 'reporting', dir });
  // Separate inserts make separate parts, so deduplication really is FINAL's work.
  for (const [score, version] of [
    [60, 1],
    [90, 3],
    [75, 2],
  ] as const) {
    await c.insert({
      table: 'kpi_scores',
      values: [{ tenant_id: 't1', person_id: 'p1', kpi: 'fcr', score, note: '', version }],
      format: 'JSONEachRow',
    });
  }
  await c.insert({
    table: 'kpi_scores',
    values: [{ tenant_id: 't1', person_id: 'p2', kpi: 'fcr', score: 50, note: '', version: 1 }],
    format: 'JSONEachRow',
  });

  expect(await rows(c, 'SELECT person_id, score, version FROM kpi_scores FINAL ORDER BY person_id')).toEqual([
    { person_id: 'p1', score: 90, version: '3' }, // UInt64 comes back as a string in JSON
    { person_id: 'p2', score: 50, version: '1' },
  ]);
  expect(await rows(c, 'SELECT person_id, score FROM kpi_latest ORDER BY person_id')).toEqual([
    { person_id: 'p1', score: 90 },
    { person_id: 'p2', score: 50 },
  ]);
});

test('query_params bind values, so quotes in data cannot change the query', async () => {
  const c = await open();
  await migrateClickHouse(c, { database: 'reporting', dir });
  await c.insert({
    table: 'kpi_scores',
    values: [
      { tenant_id: 't1', person_id: "o'brien", kpi: 'csat', score: 81.5, note: 'x', version: 1 },
      { tenant_id: 't2', person_id: "o'brien", kpi: 'csat', score: 12, note: 'x', version: 1 },
    ],
    format: 'JSONEachRow',
  });

  const found = await rows(
    c,
    'SELECT tenant_id, score FROM kpi_scores FINAL WHERE person_id = {person:String} AND score >= {min:Float64}',
    { person: "o'brien", min: 50 },
  );
  const injected = await rows(c, 'SELECT count() AS n FROM kpi_scores WHERE person_id = {person:String}', {
    person: "x' OR '1'='1",
  });

  expect(found).toEqual([{ tenant_id: 't1', score: 81.5 }]);
  expect(injected).toEqual([{ n: '0' }]);
});

test('closing and reopening the same path keeps data, schema and migration history', async () => {
  const first = await open();
  await migrateClickHouse(first, { database: 'reporting', dir });
  await first.insert({
    table: 'kpi_scores',
    values: [{ tenant_id: 't1', person_id: 'p1', kpi: 'fcr', score: 70, note: '', version: 1 }],
    format: 'JSONEachRow',
  });
  await first.close();

  const second = await open();

  expect(await migrateClickHouse(second, { database: 'reporting', dir })).toEqual([]);
  // Unqualified: reopening makes `reporting` the default database again.
  expect(await rows(second, 'SELECT person_id, score FROM kpi_scores FINAL')).toEqual([
    { person_id: 'p1', score: 70 },
  ]);
});

test('a second data path in the same process is refused while one is open', async () => {
  await open();
  await expect(createClickHouse({ chdbPath: join(root, 'other'), database: 'reporting' })).rejects.toThrow(
    /only one active data directory per process/,
  );
});

test('database names are validated before use in DDL', async () => {
  await expect(createClickHouse({ chdbPath, database: 'x; DROP DATABASE y' })).rejects.toThrow(/must match/);
});
