import { Kafka, logLevel } from 'kafkajs';
import { listDlq, createKafka } from '@scorecard/kafka';
import {
  freshDatabase,
  kafkaBrokers,
  uniqueGroupId,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { startCdcConsumer, type RunningCdcConsumer } from '../src/adapters/kafka/cdc-consumer';
import { transactionalAccept } from '../src/adapters/postgres/transactional-accept';
import { parseConnectorSpecs } from '../src/domain/connector-spec';
import { createTopicsRetrying, ingestDeps, silentLogger, watchSourceTopic } from './harness';

// Real Debezium-format JSON (PostgreSQL connector) produced to the local Kafka → canonical events.

const prefix = uniqueTopicPrefix();
const changeTopic = `${prefix}erp.public.tickets`;
let db: FreshDatabase;
let deps: Awaited<ReturnType<typeof ingestDeps>>;
let cdc: RunningCdcConsumer;
let watch: Awaited<ReturnType<typeof watchSourceTopic>>;

const source = (lsn: number) => ({
  version: '2.7.3.Final',
  connector: 'postgresql',
  name: 'erp',
  ts_ms: 1772445600000 + lsn,
  snapshot: 'false',
  db: 'erp',
  schema: 'public',
  table: 'tickets',
  txId: 771,
  lsn,
});
const ticketRow = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  status: 'open',
  priority: 'high',
  assigned_employee_id: 42,
  opening_date: 1772445600000000,
  resolution_date: null,
  feedback_rating: null,
  is_deleted: false,
  updated_at: 1772445600000000,
  ...over,
});
const envelope = (op: string, before: unknown, after: unknown, lsn: number) => ({
  before,
  after,
  source: source(lsn),
  op,
  ts_ms: 1772445601000 + lsn,
  transaction: null,
});
// What the JsonConverter writes with schemas.enable=true (abridged schema).
const wrapped = (payload: unknown) => ({
  schema: { type: 'struct', name: 'erp.public.tickets.Envelope', optional: false, fields: [] },
  payload,
});

beforeAll(async () => {
  db = await freshDatabase();
  deps = await ingestDeps(db.url, prefix);
  await createTopicsRetrying([changeTopic], 1);
  watch = await watchSourceTopic(prefix, 'ticketing');
  cdc = await startCdcConsumer({
    brokers: kafkaBrokers(),
    groupId: uniqueGroupId('cdc'),
    topics: parseConnectorSpecs(`${changeTopic}=dotmac_insights.tickets@acme`, 'default'),
    accept: transactionalAccept(deps.ds, deps.publisher),
    logger: silentLogger,
    dlqPartitions: 1,
    replicationFactor: 1,
  });
  await cdc.joined;
});
afterAll(async () => {
  await cdc?.stop();
  await watch?.stop();
  await deps?.close();
  await db?.drop();
});

it('maps c/u/d/r changes, wrapped or bare, skips tombstones and dead-letters the poison row', async () => {
  const producer = new Kafka({
    clientId: 'debezium',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  }).producer();
  await producer.connect();
  const key = (id: number) => JSON.stringify({ id });
  const messages = [
    { key: key(1), value: JSON.stringify(envelope('r', null, ticketRow(1), 100)) },
    { key: key(2), value: JSON.stringify(wrapped(envelope('c', null, ticketRow(2), 101))) },
    {
      key: key(1),
      value: JSON.stringify(
        envelope(
          'u',
          ticketRow(1),
          ticketRow(1, { status: 'resolved', resolution_date: 1772452800000000, feedback_rating: 5 }),
          102,
        ),
      ),
    },
    // Poison: a status no vocabulary knows.
    {
      key: key(3),
      value: JSON.stringify(envelope('c', null, ticketRow(3, { status: 'exploded' }), 103)),
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    },
    { key: key(2), value: JSON.stringify(wrapped(envelope('d', ticketRow(2), null, 104))) },
    { key: key(2), value: null },
    { key: key(4), value: JSON.stringify(envelope('c', null, ticketRow(4), 105)) },
    // A redelivered change (same LSN) is a duplicate, not a second fact.
    { key: key(4), value: JSON.stringify(envelope('c', null, ticketRow(4), 105)) },
  ];
  await producer.send({ topic: changeTopic, acks: -1, messages });
  await producer.disconnect();

  await waitFor(() => watch.seen.length >= 5 && watch.seen.some((s) => s.key === '4'), {
    timeoutMs: 30_000,
    message: 'canonical ticket events',
  });
  const summary = watch.seen.map((s) => [s.key, s.message.op, s.message.version, s.data.status ?? null]);
  expect(summary).toEqual(
    expect.arrayContaining([
      ['1', 1, '100', 'open'],
      ['2', 1, '101', 'open'],
      ['1', 1, '102', 'resolved'],
      ['2', 2, '104', null],
      ['4', 1, '105', 'open'],
    ]),
  );
  expect(watch.seen).toHaveLength(5);
  const resolved = watch.seen.find((s) => s.message.version === '102');
  expect(resolved?.message.tenantId).toBe('acme');
  expect(resolved?.data).toMatchObject({
    assigned_to: '42',
    resolved_at: '2026-03-02T12:00:00.000Z',
    csat: 5,
    created_at: '2026-03-02T10:00:00.000Z',
  });

  const dlq = await waitFor(
    async () => {
      const entries = await listDlq(
        createKafka({ brokers: kafkaBrokers(), clientId: 'dlq-list', logger: silentLogger }),
        `${changeTopic}.dlq`,
      );
      return entries.length > 0 ? entries : undefined;
    },
    { timeoutMs: 20_000, message: 'the DLQ entry' },
  );
  expect(dlq).toHaveLength(1);
  expect(dlq[0]).toMatchObject({
    key: key(3),
    errorCode: 'invalid_field',
    originalTopic: changeTopic,
    originalPartition: 0,
    originalOffset: '3',
    attempts: 1,
  });
  expect(dlq[0]?.errorMessage).toContain('data.status');
  expect(dlq[0]?.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
});
