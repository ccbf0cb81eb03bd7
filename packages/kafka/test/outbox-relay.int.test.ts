import { inTransaction } from '@scorecard/db';
import { SpanKind, withSpan } from '@scorecard/telemetry';
import type { OutboxRelay, Producer } from '../src';
import { createProducer, enqueueEvent, ensureTopics, startOutboxRelay } from '../src';
import { collect, logger, recordSpans, testDatabase, testKafka, waitFor } from './harness';

const SCHEMA = 'review';
const spans = recordSpans();
const { kafka, serde } = testKafka();
const topic = kafka.topic('scorecard.notification.v1');
let db: Awaited<ReturnType<typeof testDatabase>>;
let producer: Producer;

beforeAll(async () => {
  db = await testDatabase(SCHEMA);
  // One partition, so the topic's order is the publish order.
  await ensureTopics(kafka, ['scorecard.notification.v1'], { partitions: 1, replicationFactor: 1 });
  producer = await createProducer(kafka, { serde, service: 'review' });
});
afterAll(async () => {
  await producer.disconnect();
  await db.close();
});

const notify = (n: number) => ({
  tenantId: 'ten-1',
  userId: `u-${n}`,
  kind: 'scorecard_ready',
  title: `#${n}`,
});

describe('outbox relay', () => {
  let relay: OutboxRelay | undefined;
  afterEach(() => relay?.stop());

  it('publishes exactly the committed rows, in id order, continuing each row’s trace', async () => {
    const reader = await collect([topic]);
    const traceId = await withSpan(
      'POST /review',
      {},
      async (span) => {
        await inTransaction(db.ds, async (em) => {
          for (const n of [1, 2, 3])
            await enqueueEvent(em, SCHEMA, {
              topic: 'scorecard.notification.v1',
              key: `u-${n}`,
              message: notify(n),
              tenantId: 'ten-1',
            });
        });
        await inTransaction(db.ds, async (em) => {
          await enqueueEvent(em, SCHEMA, {
            topic: 'scorecard.notification.v1',
            key: 'u-x',
            message: notify(99),
            tenantId: 'ten-1',
          });
          throw new Error('rolled back');
        }).catch(() => undefined);
        return span.spanContext().traceId;
      },
      SpanKind.SERVER,
    );

    relay = await startOutboxRelay({
      ds: db.ds,
      schema: SCHEMA,
      producer,
      logger,
      batchSize: 2,
      pollIntervalMs: 60_000,
    });
    const got = await reader.waitForCount(3);
    // Nothing else arrives: the rolled-back row never existed.
    await new Promise((r) => setTimeout(r, 1_000));
    await reader.stop();
    expect(got.map((r) => r.key)).toEqual(['u-1', 'u-2', 'u-3']);
    const titles = await Promise.all(
      got.map(
        async (r) => (await serde.decode('scorecard.notification.v1', r.value ?? Buffer.alloc(0))).title,
      ),
    );
    expect(titles).toEqual(['#1', '#2', '#3']);
    for (const r of got) {
      expect(r.headers).toMatchObject({ producer: 'review', 'tenant-id': 'ten-1' });
      expect(r.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
    }
    const publishSpans = spans.getFinishedSpans().filter((s) => s.name === `${topic} publish`);
    expect(publishSpans).toHaveLength(3);
    expect(publishSpans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    const rows: { published: number; pending: number }[] = await db.ds.query(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published, count(*) FILTER (WHERE published_at IS NULL)::int AS pending FROM ${SCHEMA}.outbox`,
    );
    expect(rows[0]).toEqual({ published: 3, pending: 0 });
  });

  it('wakes on NOTIFY instead of waiting for the poll, and drains on stop', async () => {
    const reader = await collect([topic]);
    await reader.waitForCount(3);
    relay = await startOutboxRelay({ ds: db.ds, schema: SCHEMA, producer, logger, pollIntervalMs: 60_000 });
    // Let the first scan find nothing, so only the NOTIFY can wake the relay in time.
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    await inTransaction(db.ds, (em) =>
      enqueueEvent(em, SCHEMA, {
        topic: 'scorecard.notification.v1',
        key: 'u-4',
        message: notify(4),
        tenantId: 'ten-1',
      }),
    );
    await reader.waitForCount(4, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);

    // Rows enqueued right before stop() are still published.
    await inTransaction(db.ds, async (em) => {
      for (const n of [5, 6])
        await enqueueEvent(em, SCHEMA, {
          topic: 'scorecard.notification.v1',
          key: `u-${n}`,
          message: notify(n),
          tenantId: 'ten-1',
        });
    });
    await relay.stop();
    relay = undefined;
    await reader.waitForCount(6, 10_000);
    await reader.stop();
    expect(reader.received.map((r) => r.key)).toEqual(['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6']);
    await waitFor(
      async () =>
        (
          await db.ds.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE published_at IS NULL`,
          )
        )[0]?.n === 0,
    );
  });

  it('listens again after its LISTEN connection is killed', async () => {
    relay = await startOutboxRelay({ ds: db.ds, schema: SCHEMA, producer, logger, pollIntervalMs: 60_000 });
    const listeners = () =>
      db.ds.query<{ pid: number }[]>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'`,
      );
    const [old] = await listeners();
    await db.ds.query('SELECT pg_terminate_backend($1)', [old?.pid]);
    await waitFor(async () => (await listeners()).some((l) => l.pid !== old?.pid), {
      timeoutMs: 10_000,
      message: 'a new LISTEN connection',
    });
    await inTransaction(db.ds, (em) =>
      enqueueEvent(em, SCHEMA, {
        topic: 'scorecard.notification.v1',
        key: 'u-7',
        message: notify(7),
        tenantId: 'ten-1',
      }),
    );
    // Published on the NOTIFY, long before the 60 s poll.
    const [row] = await waitFor(
      async () => {
        const rows = await db.ds.query<{ seconds: number }[]>(
          `SELECT extract(epoch FROM published_at - created_at)::float8 AS seconds FROM ${SCHEMA}.outbox WHERE key = 'u-7' AND published_at IS NOT NULL`,
        );
        return rows.length > 0 && rows;
      },
      { timeoutMs: 10_000 },
    );
    expect(row?.seconds).toBeLessThan(3);
  });

  it('shares the work between replicas: every row published once', async () => {
    const others = await Promise.all([1, 2].map(() => createProducer(kafka, { serde, service: 'review' })));
    const reader = await collect([topic]);
    const before = (await reader.waitForCount(6)).length;
    const relays = await Promise.all(
      others.map((p) =>
        startOutboxRelay({
          ds: db.ds,
          schema: SCHEMA,
          producer: p,
          logger,
          batchSize: 10,
          pollIntervalMs: 60_000,
        }),
      ),
    );
    for (let b = 0; b < 10; b++) {
      await inTransaction(db.ds, async (em) => {
        for (let n = 0; n < 20; n++) {
          const i = b * 20 + n;
          await enqueueEvent(em, SCHEMA, {
            topic: 'scorecard.notification.v1',
            key: `r-${i}`,
            message: notify(1000 + i),
            tenantId: 'ten-1',
          });
        }
      });
    }
    await reader.waitForCount(before + 200);
    await Promise.all(relays.map((r) => r.stop()));
    await Promise.all(others.map((p) => p.disconnect()));
    await new Promise((r) => setTimeout(r, 500));
    await reader.stop();
    const keys = reader.received.slice(before).map((r) => r.key);
    expect(keys).toHaveLength(200);
    expect(new Set(keys).size).toBe(200);
  });
});
