import type { DataSource } from 'typeorm';
import { waitFor } from '@scorecard/testkit';
import { analyzeStale, createDataSource, staleTables, startStatisticsKeeper } from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

// The machine's Postgres runs with autovacuum off: nothing analyzes a bulk load unless we do.
let db: TempDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTempDatabase();
  ds = await createDataSource({
    url: db.url,
    schema: 'public',
    applicationName: 'db-stats-test',
  }).initialize();
  await ds.query(`CREATE TABLE facts (id int PRIMARY KEY, v text); CREATE TABLE quiet (id int PRIMARY KEY)`);
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const plannedRows = async (table: string) =>
  Number(
    (
      await ds.query<{ n: number }[]>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1`, [
        table,
      ])
    )[0]?.n,
  );

it('analyzes a bulk-loaded table and leaves one with few changes alone', async () => {
  await ds.query(`INSERT INTO facts SELECT g, 'x' FROM generate_series(1, 5000) g`);
  await ds.query(`INSERT INTO quiet SELECT g FROM generate_series(1, 10) g`);
  // Never analyzed: the planner knows nothing of the 5,000 rows.
  expect(await plannedRows('facts')).toBeLessThan(1);
  // The statistics collector reports changes asynchronously (flushed about once a second).
  await waitFor(async () => (await staleTables(ds, { schema: 'public' })).includes('facts'), {
    timeoutMs: 15_000,
    message: 'facts reported stale',
  });
  expect(await staleTables(ds, { schema: 'public' })).toEqual(['facts']);
  expect(await analyzeStale(ds, { schema: 'public' })).toEqual(['facts']);
  expect(await plannedRows('facts')).toBe(5000);
  expect(await plannedRows('quiet')).toBeLessThan(1);
});

it('the keeper analyzes what goes stale while it runs, and stops', async () => {
  const analyzed: string[][] = [];
  const keeper = startStatisticsKeeper(ds, {
    schema: 'public',
    intervalMs: 200,
    onAnalyzed: (t) => analyzed.push(t),
    onError: (err) => {
      throw err;
    },
  });
  try {
    await ds.query(`INSERT INTO facts SELECT g, 'y' FROM generate_series(5001, 20000) g`);
    await waitFor(async () => (await plannedRows('facts')) === 20000, {
      timeoutMs: 20_000,
      message: 'facts analyzed again by the keeper',
    });
    expect(analyzed).toContainEqual(['facts']);
  } finally {
    await keeper.stop();
  }
});
