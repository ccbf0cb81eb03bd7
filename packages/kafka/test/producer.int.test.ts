import { ScoreComputed_Status } from '@scorecard/contracts';
import { SpanKind, withSpan } from '@scorecard/telemetry';
import type { Producer } from '../src';
import { createProducer, ensureTopics } from '../src';
import { collect, recordSpans, testKafka } from './harness';

const spans = recordSpans();
const { kafka, serde } = testKafka();
let producer: Producer;

beforeAll(async () => {
  producer = await createProducer(kafka, { serde, service: 'compute' });
});
afterAll(() => producer.disconnect());

describe('producer', () => {
  it('creates topics with their DLQs', async () => {
    const created = await ensureTopics(kafka, ['scorecard.score.computed.v1'], {
      partitions: 3,
      replicationFactor: 1,
    });
    expect(created.sort()).toEqual(
      [
        kafka.topic('scorecard.score.computed.v1'),
        `${kafka.topic('scorecard.score.computed.v1')}.dlq`,
      ].sort(),
    );
    expect(
      await ensureTopics(kafka, ['scorecard.score.computed.v1'], { partitions: 3, replicationFactor: 1 }),
    ).toEqual([]);
  });

  it('publishes encoded values with the standard headers, continuing the active trace', async () => {
    const topic = kafka.topic('scorecard.score.computed.v1');
    const reader = await collect([topic]);
    const { ids, traceId } = await withSpan(
      'POST /compute',
      {},
      async (span) => ({
        traceId: span.spanContext().traceId,
        ids: await producer.publish('scorecard.score.computed.v1', [
          {
            key: 'emp-1',
            message: {
              tenantId: 'ten-1',
              employeeId: 'emp-1',
              status: ScoreComputed_Status.PROVISIONAL,
              totalScore: 71.5,
            },
          },
          {
            key: 'emp-2',
            message: { tenantId: 'ten-1', employeeId: 'emp-2', status: ScoreComputed_Status.FINAL },
            headers: { 'event-id': 'given-id' },
          },
        ]),
      }),
      SpanKind.SERVER,
    );
    expect(ids[1]).toBe('given-id');
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);

    const got = await reader.waitForCount(2);
    await reader.stop();
    const byKey = new Map(got.map((r) => [r.key, r]));
    const first = byKey.get('emp-1');
    expect(first?.headers).toMatchObject({ 'event-id': ids[0], producer: 'compute', 'tenant-id': 'ten-1' });
    expect(new Date(first?.headers['occurred-at'] ?? '').toISOString()).toBe(first?.headers['occurred-at']);
    expect(first?.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(byKey.get('emp-2')?.headers['event-id']).toBe('given-id');

    const decoded = await serde.decode('scorecard.score.computed.v1', first?.value ?? Buffer.alloc(0));
    expect(decoded).toMatchObject({ tenantId: 'ten-1', employeeId: 'emp-1', totalScore: 71.5 });

    // The message's traceparent names the producer span, a child of the request span.
    const publishSpan = spans.getFinishedSpans().find((s) => s.name === `${topic} publish`);
    expect(publishSpan?.spanContext().traceId).toBe(traceId);
    expect(first?.headers.traceparent).toContain(publishSpan?.spanContext().spanId);
  });

  it('publishes messages of several topics in one call, each decodable from its own topic', async () => {
    await ensureTopics(kafka, ['scorecard.notification.v1'], { partitions: 1, replicationFactor: 1 });
    const scores = kafka.topic('scorecard.score.computed.v1');
    const notes = kafka.topic('scorecard.notification.v1');
    const reader = await collect([scores, notes]);
    const ids = await producer.publishAll([
      {
        topic: 'scorecard.score.computed.v1',
        key: 'emp-9',
        message: { tenantId: 't', employeeId: 'emp-9', totalScore: 12 },
      },
      {
        topic: 'scorecard.notification.v1',
        key: 'user-9',
        message: { tenantId: 't' },
        headers: { 'event-id': 'n-1' },
      },
    ]);
    expect(ids[1]).toBe('n-1');
    const got = await reader.waitForCount(4); // emp-1 and emp-2 from the test above, and these two
    await reader.stop();
    const note = got.find((r) => r.topic === notes);
    const score = got.find((r) => r.topic === scores && r.key === 'emp-9');
    expect(note?.headers['event-id']).toBe('n-1');
    expect(await serde.decode('scorecard.score.computed.v1', score?.value ?? Buffer.alloc(0))).toMatchObject({
      employeeId: 'emp-9',
      totalScore: 12,
    });
    expect(await serde.decode('scorecard.notification.v1', note?.value ?? Buffer.alloc(0))).toMatchObject({
      tenantId: 't',
    });
  });
});
