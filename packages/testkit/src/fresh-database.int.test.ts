import pg from 'pg';
import type { FreshDatabase } from './fresh-database';
import { freshDatabase } from './fresh-database';
import { TEMPLATE_DATABASE } from './template-database';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('freshDatabase', () => {
  const dbs: FreshDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('gives each caller its own database cloned from the template', async () => {
    const a = await freshDatabase();
    const b = await freshDatabase();
    dbs.push(a, b);
    expect(a.name).not.toBe(b.name);
    expect(new URL(a.url).pathname).toBe(`/${a.name}`);

    await query(a.url, 'CREATE TABLE only_in_a (id int); INSERT INTO only_in_a VALUES (1)');
    expect(await query<{ id: number }>(a.url, 'SELECT id FROM only_in_a')).toEqual([{ id: 1 }]);
    const inB = await query<{ n: string }>(
      b.url,
      "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'only_in_a'",
    );
    expect(inB).toEqual([{ n: '0' }]);
  });

  it('clones the template, whose comment records the migrations hash', async () => {
    const db = await freshDatabase();
    dbs.push(db);
    const base = process.env['DATABASE_URL'] ?? '';
    const rows = await query<{ hash: string }>(
      base,
      `SELECT shobj_description(oid, 'pg_database') AS hash FROM pg_database WHERE datname = '${TEMPLATE_DATABASE}'`,
    );
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Every service schema in the template is present in the clone.
    const schemas = async (url: string): Promise<string[]> =>
      (
        await query<{ nspname: string }>(
          url,
          "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY 1",
        )
      ).map((r) => r.nspname);
    const templateUrl = new URL(base);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    expect(await schemas(db.url)).toEqual(await schemas(templateUrl.toString()));
  });

  it("rebuilds the template when another checkout's run replaced it with other migrations", async () => {
    const base = process.env['DATABASE_URL'] ?? '';
    const expected = process.env['SCORECARD_TEST_TEMPLATE_HASH'];
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    await query(base, `COMMENT ON DATABASE ${TEMPLATE_DATABASE} IS 'another-checkout'`);

    const db = await freshDatabase();
    dbs.push(db);
    const rows = await query<{ hash: string }>(
      base,
      `SELECT shobj_description(oid, 'pg_database') AS hash FROM pg_database WHERE datname = '${TEMPLATE_DATABASE}'`,
    );
    expect(rows[0]?.hash).toBe(expected);
  });

  it('drop() removes the database', async () => {
    const db = await freshDatabase();
    await db.drop();
    const rows = await query(
      process.env['DATABASE_URL'] ?? '',
      `SELECT 1 FROM pg_database WHERE datname = '${db.name}'`,
    );
    expect(rows).toHaveLength(0);
  });
});
