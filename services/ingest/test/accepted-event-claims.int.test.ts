import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, inTransaction, migrate } from '@scorecard/db';
import { freshDatabase, type FreshDatabase } from '@scorecard/testkit';
import { acceptedEventClaims } from '../src/adapters/postgres/accepted-event-claims';
import { eventIdOf } from '../src/app/accept-events';
import { identityKey, type ResolvedEvent } from '../src/domain/ingest-batch';

// Claims are keyed by the identity-derived event id (migration 0003). Real Postgres: the upgrade
// of rows accepted under the old five-column key, and concurrent claims of the same identity.

const MIGRATIONS = join(__dirname, '..', 'migrations');
let db: FreshDatabase;
let ds: DataSource;

const ev = (id: string, version: number): ResolvedEvent => ({
  source: 'ticketing',
  entity: 'ticket',
  id,
  op: 'upsert',
  occurred_at: '2026-11-02T10:00:00Z',
  version,
});
const claim = (tenant: string, e: ResolvedEvent) => ({ ev: e, eventId: eventIdOf(identityKey(tenant, e)) });

beforeAll(async () => {
  db = await freshDatabase();
  ds = await createDataSource({
    url: db.url,
    schema: 'ingest_upgrade',
    applicationName: 'ingest-test',
  }).initialize();
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

it('re-derives the event ids of rows accepted before ids were derived, so they still dedupe', async () => {
  // The schema as it was before 0003, with a row whose event id was random.
  const before = await mkdtemp(join(tmpdir(), 'ingest-migrations-'));
  try {
    for (const f of ['0001_accepted_events.sql', '0002_poll_cursors.sql'])
      await copyFile(join(MIGRATIONS, f), join(before, f));
    await migrate(ds, { schema: 'ingest_upgrade', dir: before });
  } finally {
    await rm(before, { recursive: true, force: true });
  }
  await ds.query(
    `INSERT INTO accepted_events (tenant_id, source, entity, entity_id, version, event_id)
     VALUES ('t1', 'ticketing', 'ticket', 'TKT-é 1', 1730541600000, gen_random_uuid()),
            ('t1', 'ticketing', 'ticket', 'TKT-2', 7, $1)`,
    [claim('t1', ev('TKT-2', 7)).eventId],
  );
  expect(await migrate(ds, { schema: 'ingest_upgrade', dir: MIGRATIONS })).toContain(
    '0003_accepted_events_by_event_id',
  );

  const rows = await ds.query<{ entity_id: string; event_id: string }[]>(
    'SELECT entity_id, event_id FROM accepted_events ORDER BY entity_id',
  );
  expect(rows).toEqual([
    { entity_id: 'TKT-2', event_id: claim('t1', ev('TKT-2', 7)).eventId },
    { entity_id: 'TKT-é 1', event_id: claim('t1', ev('TKT-é 1', 1730541600000)).eventId },
  ]);
  const fresh = await inTransaction(ds, (em) =>
    acceptedEventClaims(em).claim('t1', [
      claim('t1', ev('TKT-é 1', 1730541600000)),
      claim('t1', ev('TKT-3', 1)),
    ]),
  );
  expect([...fresh]).toEqual([claim('t1', ev('TKT-3', 1)).eventId]);
});

it('makes a concurrent claim of the same identities wait: fresh after a rollback, duplicate after a commit', async () => {
  const a = claim('t2', ev('X', 1));
  const b = claim('t2', ev('Y', 1));
  let decide: (commit: boolean) => void = () => undefined;
  const decided = new Promise<boolean>((r) => (decide = r));
  const pending = (p: Promise<unknown>) =>
    Promise.race([p.then(() => false), new Promise((r) => setTimeout(() => r(true), 300))]);

  const first = inTransaction(ds, async (em) => {
    await acceptedEventClaims(em).claim('t2', [a, b]);
    if (!(await decided)) throw new Error('broker down');
  });
  first.catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  // The other order on purpose: rows are inserted in event-id order, so this waits, not deadlocks.
  const second = inTransaction(ds, (em) => acceptedEventClaims(em).claim('t2', [b, a]));
  expect(await pending(second)).toBe(true);
  decide(false);
  await expect(first).rejects.toThrow('broker down');
  expect((await second).size).toBe(2);

  expect((await inTransaction(ds, (em) => acceptedEventClaims(em).claim('t2', [a, b]))).size).toBe(0);
});
