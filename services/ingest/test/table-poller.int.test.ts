import type { DataSource } from 'typeorm';
import type { SourceEventRecord } from '@scorecard/contracts';
import { createDataSource } from '@scorecard/db';
import { freshDatabase, uniqueTopicPrefix, waitFor, type FreshDatabase } from '@scorecard/testkit';
import type { SourcePublisher } from '../src/app/accept-events';
import { pollTable } from '../src/app/poll-table';
import { pollProgress } from '../src/adapters/postgres/poll-progress';
import { polledTable } from '../src/adapters/postgres/polled-table';
import { cursorName } from '../src/adapters/postgres/table-poller';
import { parseConnectorSpecs } from '../src/domain/connector-spec';
import { ingestDeps, watchSourceTopic } from './harness';

// The ERP's table lives in the test database's public schema; ingest's cursor in its own schema.

const prefix = uniqueTopicPrefix();
let db: FreshDatabase;
let erp: DataSource;
let deps: Awaited<ReturnType<typeof ingestDeps>>;
let watch: Awaited<ReturnType<typeof watchSourceTopic>>;
const [spec] = parseConnectorSpecs('public.service_orders=dotmac_insights.service_orders@acme', 'default');

beforeAll(async () => {
  db = await freshDatabase();
  deps = await ingestDeps(db.url, prefix);
  erp = await createDataSource({ url: db.url, schema: 'public', applicationName: 'erp' }).initialize();
  await erp.query(`CREATE TABLE public.service_orders (
    id integer PRIMARY KEY, status text, order_type text, assigned_technician_id integer,
    arrival_time timestamp, customer_rating integer, updated_at timestamp(6) NOT NULL)`);
  // 25 rows; five share one updated_at (ties are broken by id), microseconds matter.
  await erp.query(`INSERT INTO public.service_orders
    SELECT i, 'completed', 'repair', 100 + i % 4, timestamp '2026-03-02 09:00' + i * interval '1 minute', 1 + i % 5,
           CASE WHEN i BETWEEN 8 AND 12 THEN timestamp '2026-03-02 10:00:00.000001' ELSE timestamp '2026-03-02 10:00' + i * interval '1.5 second' END
    FROM generate_series(1, 25) i`);
  watch = await watchSourceTopic(prefix, 'field_service');
});
afterAll(async () => {
  await watch?.stop();
  await erp?.destroy();
  await deps?.close();
  await db?.drop();
});

it('resumes after a crash from the saved cursor: no row lost, none published twice as a new fact', async () => {
  const table = polledTable(erp, {
    table: spec!.input,
    idColumn: 'id',
    cursorColumn: 'updated_at',
    lagSeconds: 0,
  });
  const progress = (publisher: SourcePublisher) => pollProgress(deps.ds, publisher, cursorName(spec!));

  // First process: one page goes through, then it "crashes" after Kafka acknowledged the second
  // page but before its transaction committed.
  expect(await pollTable(table, progress(deps.publisher), spec!, 10)).toMatchObject({
    read: 10,
    accepted: 10,
  });
  const crashing: SourcePublisher = {
    async publish(records: readonly SourceEventRecord[]) {
      await deps.publisher.publish(records);
      throw new Error('process killed');
    },
  };
  await expect(pollTable(table, progress(crashing), spec!, 10)).rejects.toThrow('process killed');

  // Restarted process: picks up after page one, then drains.
  const after = progress(deps.publisher);
  expect(await after.load()).toEqual({ ts: '2026-03-02 10:00:07.5', id: '5' });
  const results = [];
  for (
    let r = await pollTable(table, after, spec!, 10);
    r.read > 0;
    r = await pollTable(table, after, spec!, 10)
  )
    results.push(r);
  expect(results.map((r) => r.read)).toEqual([10, 5]);
  expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(15);

  const [row] = await deps.ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM accepted_events WHERE source = 'field_service'`,
  );
  expect(row?.n).toBe(25);
  // The crashed page reached Kafka twice, under the same event ids: consumers dedupe by event id.
  await waitFor(() => watch.seen.length >= 35, { timeoutMs: 20_000, message: 'all published records' });
  const ids = new Set(watch.seen.map((s) => s.message.eventId));
  expect(ids.size).toBe(25);
  expect(new Set(watch.seen.map((s) => s.key))).toEqual(
    new Set(Array.from({ length: 25 }, (_, i) => String(i + 1))),
  );
  const wo7 = watch.seen.find((s) => s.key === '7');
  expect(wo7?.message.tenantId).toBe('acme');
  expect(wo7?.data).toMatchObject({
    status: 'completed',
    type: 'repair',
    technician_id: '103',
    arrived_at: '2026-03-02T09:07:00.000Z',
    customer_rating: 3,
  });

  // New rows after the drain are picked up; updated rows come again with a new version.
  await erp.query(
    `UPDATE public.service_orders SET status = 'failed', updated_at = timestamp '2026-03-03 08:00' WHERE id = 3`,
  );
  expect(await pollTable(table, after, spec!, 10)).toMatchObject({ read: 1, accepted: 1 });
});
