import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { copyRows, createDataSource, inTransaction } from '../src';
import type { TempDatabase } from './temp-database';
import { createTempDatabase } from './temp-database';

let db: TempDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTempDatabase();
  ds = await createDataSource({
    url: db.url,
    schema: 'public',
    applicationName: 'db-copy-test',
  }).initialize();
  await ds.query(`CREATE TABLE copied (n int, t text, f float8, b boolean, j jsonb)`);
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const roundTrip = async (rows: unknown[][]) => {
  await ds.query(`TRUNCATE copied`);
  await inTransaction(ds, (em) => copyRows(em, 'copied', ['n', 't', 'f', 'b', 'j'], rows));
  return ds.query<{ n: number; t: string | null; f: number | null; b: boolean | null; j: unknown }[]>(
    `SELECT n, t, f, b, j FROM copied ORDER BY n`,
  );
};

describe('copyRows', () => {
  it('writes the delimiters, escapes, NULLs and JSON documents back exactly', async () => {
    const doc = { note: 'tab\there, line\nbreak, back\\slash, "quoted", ünïcødé ✓', list: [1, null, 'x'] };
    const rows = await roundTrip([
      [1, 'a\tb\nc\rd\\e \\N', 1.5, true, doc],
      [2, null, null, null, null],
      [3, '\\N', -0.000001, false, []],
    ]);
    expect(rows).toEqual([
      { n: 1, t: 'a\tb\nc\rd\\e \\N', f: 1.5, b: true, j: doc },
      { n: 2, t: null, f: null, b: null, j: null },
      { n: 3, t: '\\N', f: -0.000001, b: false, j: [] },
    ]);
  });

  it('any text survives the trip (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), async (texts) => {
        const clean = texts.map((t) => t.replaceAll('\u0000', ''));
        const rows = await roundTrip(clean.map((t, i) => [i, t, null, null, { t }]));
        expect(rows.map((r) => r.t)).toEqual(clean);
        expect(rows.map((r) => r.j)).toEqual(clean.map((t) => ({ t })));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses to run outside a transaction and rejects unsafe identifiers', async () => {
    await expect(copyRows(ds.manager, 'copied', ['n'], [[1]])).rejects.toThrow(/inside a transaction/);
    await expect(
      inTransaction(ds, (em) => copyRows(em, 'copied; DROP TABLE copied', ['n'], [[1]])),
    ).rejects.toThrow(/must match/);
  });

  it('a row the table refuses fails the COPY and nothing is written', async () => {
    await ds.query(`TRUNCATE copied`);
    await expect(
      inTransaction(ds, (em) =>
        copyRows(
          em,
          'copied',
          ['n', 'j'],
          [
            [1, {}],
            ['not a number', {}],
          ],
        ),
      ),
    ).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await ds.query(`SELECT count(*)::int AS n FROM copied`)).toEqual([{ n: 0 }]);
  });
});
