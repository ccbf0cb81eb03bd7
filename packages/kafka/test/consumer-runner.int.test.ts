import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { InfrastructureError } from '@scorecard/errors';
import { createMetrics, SpanKind, withSpan } from '@scorecard/telemetry';
import type { Consumed, Producer, RunningConsumer } from '../src';
import { createProducer, ensureTopics, listDlq, redrive, runConsumer } from '../src';
import {
  collect,
  kafkaBrokers,
  logger,
  recordSpans,
  testDatabase,
  testKafka,
  uniqueGroupId,
  waitFor,
} from './harness';

const SCHEMA = 'reporting';
const T = 'scorecard.notification.v1' as const;
const spans = recordSpans();
const { kafka, serde } = testKafka();
const topic = kafka.topic(T);
const retry = { maxAttempts: 3, initialMs: 50, maxMs: 200 };
let db: Awaited<ReturnType<typeof testDatabase>>;
let producer: Producer;
let running: RunningConsumer | undefined;

const raw = new Kafka({ brokers: kafkaBrokers(), clientId: 'kafka-int-raw', logLevel: logLevel.NOTHING });

beforeAll(async () => {
  db = await testDatabase(SCHEMA);
  await db.ds.query(
    `CREATE TABLE ${SCHEMA}.effects (event_id text, title text, created_at timestamptz DEFAULT clock_timestamp())`,
  );
  await ensureTopics(kafka, [T], { partitions: 1, replicationFactor: 1 });
  producer = await createProducer(kafka, { serde, service: 'review' });
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await producer.disconnect();
  await db.close();
});

const note = (title: string) => ({ tenantId: 'ten-1', userId: 'u-1', kind: 'test', title });
const effect = (em: EntityManager, m: Consumed<typeof T>) =>
  em.query(`INSERT INTO ${SCHEMA}.effects (event_id, title) VALUES ($1, $2)`, [m.eventId, m.value.title]);
const effects = async (prefix: string): Promise<string[]> =>
  (
    await db.ds.query<{ title: string }[]>(
      `SELECT title FROM ${SCHEMA}.effects WHERE title LIKE $1 ORDER BY created_at`,
      [`${prefix}%`],
    )
  ).map((r) => r.title);

async function committedOffset(groupId: string): Promise<string | undefined> {
  const admin = raw.admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return t?.partitions[0]?.offset;
  } finally {
    await admin.disconnect();
  }
}

async function highWatermark(name = topic): Promise<string | undefined> {
  const admin = raw.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(name))[0]?.high;
  } finally {
    await admin.disconnect();
  }
}

describe('consumer runner', () => {
  it('decodes, continues the trace, and applies an event id once however often it arrives', async () => {
    const metrics = createMetrics('kafka-int-test');
    const traceId = await withSpan(
      'POST /x',
      {},
      async (span) => {
        const id = randomUUID();
        await producer.publish(T, [
          { key: 'u-1', message: note('dedupe-a'), headers: { 'event-id': id } },
          { key: 'u-1', message: note('dedupe-a'), headers: { 'event-id': id } },
          { key: 'u-1', message: note('dedupe-b') },
        ]);
        return span.spanContext().traceId;
      },
      SpanKind.SERVER,
    );
    const groupId = uniqueGroupId('dedupe');
    const seenTraces: string[] = [];
    running = await runConsumer({
      kafka,
      serde,
      groupId,
      topics: [T],
      logger,
      metrics,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      handler: async (m, em) => {
        seenTraces.push(m.headers.traceparent ?? '');
        expect(m.topic).toBe(T);
        expect(m.tenantId).toBe('ten-1');
        await effect(em, m);
      },
    });
    await waitFor(
      async () =>
        (await effects('dedupe')).length === 2 &&
        (await committedOffset(groupId)) === (await highWatermark()),
    );
    expect(await effects('dedupe')).toEqual(['dedupe-a', 'dedupe-b']);
    const counts = await metrics.messagesConsumed.get();
    const outcome = (o: string) => counts.values.find((v) => v.labels.outcome === o)?.value;
    expect([outcome('ok'), outcome('duplicate')]).toEqual([2, 1]);
    const processSpans = spans.getFinishedSpans().filter((s) => s.name === `${T} process`);
    expect(processSpans.length).toBeGreaterThanOrEqual(3);
    expect(processSpans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    expect(seenTraces).toHaveLength(2);
  });

  it('retries a retryable error with backoff, then succeeds without skipping the message', async () => {
    await producer.publish(T, [
      { key: 'u-1', message: note('retry-1') },
      { key: 'u-1', message: note('retry-2') },
    ]);
    let failures = 0;
    const attempts: number[] = [];
    running = await runConsumer({
      kafka,
      serde,
      groupId: uniqueGroupId('retry'),
      topics: [T],
      logger,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      handler: async (m, em) => {
        if (!m.value.title.startsWith('retry')) return;
        attempts.push(Date.now());
        await effect(em, m);
        // The effect above is rolled back with the failed transaction.
        if (m.value.title === 'retry-1' && failures++ < 4)
          throw new InfrastructureError('db blip', { retryable: true, code: '40001' });
      },
    });
    await waitFor(async () => (await effects('retry')).length === 2);
    // Infrastructure errors retry past maxAttempts (3): five attempts of retry-1, in order before retry-2.
    expect(failures).toBe(5);
    expect(attempts).toHaveLength(6);
    expect(await effects('retry')).toEqual(['retry-1', 'retry-2']);
  });

  it('sends poison to the DLQ with error headers and moves on; redrive puts it back', async () => {
    const before = Number(await highWatermark());
    // Not wire format at all, then a message the handler rejects, then a good one.
    const plain = raw.producer();
    await plain.connect();
    await plain.send({
      topic,
      messages: [
        {
          key: 'bad-bytes',
          value: Buffer.from('{"not":"protobuf"}'),
          headers: { 'event-id': 'e-bytes', 'tenant-id': 'ten-1' },
        },
      ],
    });
    await plain.disconnect();
    await producer.publish(T, [
      { key: 'u-1', message: note('poison-reject'), headers: { 'event-id': 'e-reject' } },
      { key: 'u-1', message: note('poison-after') },
    ]);
    const dlq = await collect([`${topic}.dlq`]);
    let rejecting = true;
    const groupId = uniqueGroupId('poison');
    running = await runConsumer({
      kafka,
      serde,
      groupId,
      topics: [T],
      logger,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      fromBeginning: true,
      handler: async (m, em) => {
        if (!m.value.title.startsWith('poison')) return;
        if (m.value.title === 'poison-reject' && rejecting) throw new Error('template missing');
        await effect(em, m);
      },
    });
    const dead = await dlq.waitForCount(2);
    await waitFor(async () => (await effects('poison')).includes('poison-after'));
    await dlq.stop();
    const byKey = new Map(dead.map((d) => [d.key, d]));
    expect(byKey.get('bad-bytes')?.headers).toMatchObject({
      'event-id': 'e-bytes',
      'tenant-id': 'ten-1',
      'error-code': 'bad_magic_byte',
      'error-attempts': '1',
      'original-topic': topic,
      'original-partition': '0',
      'original-offset': String(before),
    });
    expect(byKey.get('bad-bytes')?.value?.toString()).toBe('{"not":"protobuf"}');
    expect(byKey.get('u-1')?.headers).toMatchObject({
      'event-id': 'e-reject',
      'error-code': 'Error',
      'error-message': 'template missing',
      'error-attempts': '1',
      'original-offset': String(before + 1),
    });
    expect(byKey.get('u-1')?.headers['failed-at']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await effects('poison')).toEqual(['poison-after']);

    const listed = await listDlq(kafka, `${topic}.dlq`, { limit: 10 });
    expect(listed.map((e) => [e.key, e.errorCode, e.originalOffset])).toEqual([
      ['bad-bytes', 'bad_magic_byte', String(before)],
      ['u-1', 'Error', String(before + 1)],
    ]);

    // The operator fixed the cause; redrive republishes both to the original topic, once.
    rejecting = false;
    const again = await collect([topic]);
    try {
      expect(await redrive(kafka, `${topic}.dlq`, { limit: 10 })).toEqual({
        redriven: 2,
        skipped: 0,
        parked: 0,
      });
      await waitFor(async () => (await effects('poison')).includes('poison-reject'));
    } finally {
      await again.stop();
    }
    const back = again.received.filter((r) => Number(r.offset) >= before + 3);
    expect(back.map((r) => r.headers['event-id'])).toEqual(['e-bytes', 'e-reject']);
    expect(
      back.every((r) =>
        Object.keys(r.headers).every(
          (h) => !h.startsWith('error-') && !h.startsWith('original-') && h !== 'failed-at',
        ),
      ),
    ).toBe(true);
    // The undecodable one is dead-lettered again; a second redrive moves only that new copy.
    await waitFor(async () => (await listDlq(kafka, `${topic}.dlq`)).length === 3);
    expect(await redrive(kafka, `${topic}.dlq`, { limit: 10 })).toEqual({
      redriven: 1,
      skipped: 0,
      parked: 0,
    });
  });

  it('dead-letters an application-retryable error after maxAttempts', async () => {
    await producer.publish(T, [
      { key: 'u-1', message: note('limited-1'), headers: { 'event-id': 'e-limited' } },
      { key: 'u-1', message: note('limited-2') },
    ]);
    let calls = 0;
    running = await runConsumer({
      kafka,
      serde,
      groupId: uniqueGroupId('limited'),
      topics: [T],
      logger,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      handler: async (m, em) => {
        if (!m.value.title.startsWith('limited')) return;
        if (m.value.title === 'limited-1') {
          calls++;
          throw Object.assign(new Error('employee not yet known'), { retryable: true, code: 'not_ready' });
        }
        await effect(em, m);
      },
    });
    await waitFor(async () => (await effects('limited')).length === 1);
    expect(calls).toBe(3);
    const entry = (await listDlq(kafka, `${topic}.dlq`)).find((e) => e.headers['event-id'] === 'e-limited');
    expect([entry?.errorCode, entry?.attempts]).toEqual(['not_ready', 3]);
  });

  it('stop() lets the in-flight handler finish and commits its offset', async () => {
    await producer.publish(T, [{ key: 'u-1', message: note('stop-1') }]);
    const groupId = uniqueGroupId('stop');
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    running = await runConsumer({
      kafka,
      serde,
      groupId,
      topics: [T],
      logger,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      handler: async (m, em) => {
        if (m.value.title !== 'stop-1') return;
        entered();
        await new Promise((r) => setTimeout(r, 1_000));
        await effect(em, m);
      },
    });
    await inHandler;
    await running.stop();
    running = undefined;
    expect(await effects('stop')).toEqual(['stop-1']);
    expect(await committedOffset(groupId)).toBe(await highWatermark());
  });

  it('batchHandler: one transaction per batch, duplicates dropped, a poison message isolated', async () => {
    const ids = Array.from({ length: 300 }, () => randomUUID());
    await producer.publish(
      T,
      ids.map((id, i) => ({
        key: `u-${i % 7}`,
        message: note(`batch-${String(i).padStart(3, '0')}`),
        headers: { 'event-id': id },
      })),
    );
    // Redelivered copies of the first 50.
    await producer.publish(
      T,
      ids.slice(0, 50).map((id, i) => ({
        key: `u-${i % 7}`,
        message: note(`batch-${String(i).padStart(3, '0')}`),
        headers: { 'event-id': id },
      })),
    );
    const sizes: number[] = [];
    running = await runConsumer({
      kafka,
      serde,
      groupId: uniqueGroupId('batch'),
      topics: [T],
      logger,
      retry,
      ds: db.ds,
      schema: SCHEMA,
      maxBatchSize: 100,
      batchHandler: async (ms, em) => {
        const mine = ms.filter((m) => m.value.title.startsWith('batch-'));
        if (mine.some((m) => m.value.title === 'batch-150')) {
          if (ms.length > 1) sizes.push(-ms.length);
          throw new Error('bad row');
        }
        sizes.push(ms.length);
        if (mine.length === 0) return;
        await em.query(
          `INSERT INTO ${SCHEMA}.effects (event_id, title) SELECT unnest($1::text[]), unnest($2::text[])`,
          [mine.map((m) => m.eventId), mine.map((m) => m.value.title)],
        );
      },
    });
    await waitFor(async () => (await effects('batch-')).length === 299, { timeoutMs: 30_000 });
    const titles = await effects('batch-');
    expect(new Set(titles).size).toBe(299);
    expect(titles).not.toContain('batch-150');
    expect(sizes.some((s) => s > 1)).toBe(true);
    expect(sizes.some((s) => s < 0)).toBe(true);
    const entry = (await listDlq(kafka, `${topic}.dlq`)).find((e) => e.headers['event-id'] === ids[150]);
    expect(entry?.errorMessage).toBe('bad row');
  });
});
