import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { InfrastructureError } from '@scorecard/errors';
import { classifyPgError, createDataSource, ensureDatabase, inTransaction, migrate } from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

const SCHEMA = 'registry_svc';

let db: TempDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTempDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'db-errors-'));
  await writeFile(
    join(dir, '0001_kpis.sql'),
    'CREATE TABLE kpis (slug text CONSTRAINT kpis_slug_key UNIQUE);\nCREATE TABLE ledger (amount int NOT NULL);',
  );
  ds = createDataSource({ url: db.url, schema: SCHEMA, applicationName: 'db-errors-test' });
  await migrate(ds, { schema: SCHEMA, dir });
  await rm(dir, { recursive: true });
});

afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

test('a unique violation is not retryable and names the constraint, also once wrapped by inTransaction', async () => {
  await ds.query(`INSERT INTO kpis (slug) VALUES ('nps')`);

  const insert = `INSERT INTO kpis (slug) VALUES ('nps')`;
  const raw: unknown = await ds.query(insert).then(
    () => undefined,
    (e: unknown) => e,
  );
  const wrapped: unknown = await inTransaction(ds, (em) => em.query<unknown>(insert)).then(
    () => undefined,
    (e: unknown) => e,
  );

  expect(classifyPgError(raw)).toEqual({ code: '23505', retryable: false, constraint: 'kpis_slug_key' });
  expect(wrapped).toBeInstanceOf(InfrastructureError);
  expect(wrapped).toMatchObject({ code: '23505', retryable: false });
  expect(classifyPgError(wrapped)).toEqual({ code: '23505', retryable: false, constraint: 'kpis_slug_key' });
});

test('two concurrent serializable transactions with a read/write cycle: the loser is retryable 40001', async () => {
  // Each reads the ledger total and appends based on it; both reads happen before either write,
  // so PostgreSQL's SSI must abort one. The barrier makes that interleaving certain.
  let arrived = 0;
  let release: () => void = () => undefined;
  const bothRead = new Promise<void>((resolve) => (release = resolve));
  const transfer = (amount: number) =>
    inTransaction(
      ds,
      async (em) => {
        await em.query('SELECT coalesce(sum(amount), 0) AS total FROM ledger');
        if (++arrived === 2) release();
        await bothRead;
        await em.query('INSERT INTO ledger (amount) VALUES ($1)', [amount]);
      },
      { isolation: 'SERIALIZABLE' },
    );

  const outcomes = await Promise.allSettled([transfer(1), transfer(2)]);

  const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  expect(rejected).toHaveLength(1);
  expect(rejected[0]?.reason).toBeInstanceOf(InfrastructureError);
  expect(rejected[0]?.reason).toMatchObject({ code: '40001', retryable: true });
  expect(classifyPgError(rejected[0]?.reason)).toEqual({ code: '40001', retryable: true });
});

test('errors thrown by the transaction body itself pass through unwrapped', async () => {
  const own = new Error('not a database problem');
  await expect(inTransaction(ds, () => Promise.reject(own))).rejects.toBe(own);
  expect(classifyPgError(own)).toEqual({ code: 'UNKNOWN', retryable: false });
});

test('connection refused on a closed port is retryable, from TypeORM and from ensureDatabase', async () => {
  const port = await closedPort();
  const url = `postgres://postgres@127.0.0.1:${port}/nowhere`;
  const unreachable = createDataSource({ url, schema: SCHEMA, applicationName: 'db-errors-test' });

  const fromTypeorm = await unreachable.initialize().catch((e: unknown) => e);
  const fromEnsure = await ensureDatabase(url).catch((e: unknown) => e);

  expect(classifyPgError(fromTypeorm)).toEqual({ code: 'ECONNREFUSED', retryable: true });
  expect(fromEnsure).toBeInstanceOf(InfrastructureError);
  expect(fromEnsure).toMatchObject({ code: 'ECONNREFUSED', retryable: true });
});

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
