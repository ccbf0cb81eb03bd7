import type { DataSource } from 'typeorm';
import { buildSourceEvent, createSerde, ingestEventSchema, sourceTopic } from '@scorecard/contracts';
import {
  createKafka,
  createProducer,
  runConsumer,
  type Producer,
  type RunningConsumer,
} from '@scorecard/kafka';
import { createLogger } from '@scorecard/telemetry';
import {
  createTopics,
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { recordSourceEvents } from '../src/app/record-source-events';
import { openComputeDb } from './fixtures';

// Care and learning events as ingest publishes them (validated by the catalog, built into their
// topic's envelope, encoded through the registry) reach compute's fact tables over Kafka, linked to
// every person they name — each id of an incident's comma-separated staff list too.

const logger = createLogger({ service: 'compute-care-sources-test', level: 'silent' });
const TENANT = 'care-sources';
const SOURCES = [sourceTopic('care'), sourceTopic('learning'), sourceTopic('hr')];
let db: FreshDatabase;
let ds: DataSource;
let producer: Producer;
let consumer: RunningConsumer;

beforeAll(async () => {
  db = await freshDatabase();
  ds = await openComputeDb(db.url);
  const prefix = uniqueTopicPrefix();
  await createTopics(
    kafkaBrokers(),
    SOURCES.flatMap((t) => [`${prefix}${t}`, `${prefix}${t}.dlq`]),
  );
  const kafka = createKafka({
    brokers: kafkaBrokers(),
    clientId: 'compute-test',
    logger,
    topicPrefix: prefix,
  });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: prefix });
  producer = await createProducer(kafka, { serde, service: 'ingest-test' });
  // As compute's main wires it (its `sources` are every catalog domain).
  consumer = await runConsumer({
    kafka,
    serde,
    logger,
    ds,
    schema: 'compute',
    groupId: `${prefix}compute.facts`,
    topics: SOURCES,
    batchHandler: (msgs, em) => recordSourceEvents(msgs, em),
  });
  await consumer.joined;
});
afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await ds?.destroy();
  await db?.drop();
});

/** What ingest does with one event of `POST /api/v1/ingest/events`. */
const publish = (events: Record<string, unknown>[]) =>
  producer.publishAll(
    events.map((e, i) =>
      buildSourceEvent({
        tenantId: TENANT,
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ingestedAt: '2026-10-31T00:00:00Z',
        event: ingestEventSchema.parse(e),
      }),
    ),
  );

const event = (source: string, entity: string, id: string, data: Record<string, unknown>) => ({
  source,
  entity,
  id,
  op: 'upsert',
  occurred_at: '2026-10-02T09:00:00Z',
  version: 1,
  data,
});

it('stores care, learning and supervision records as facts linked to each person they name', async () => {
  const shift = {
    worker_id: 'sw-1',
    client_id: 'client-7',
    team_id: 'team-care-1',
    scheduled_start: '2026-10-02T07:00:00Z',
    scheduled_end: '2026-10-02T15:00:00Z',
    actual_start: '2026-10-02T07:06:00Z',
    actual_end: '2026-10-02T15:02:00Z',
    status: 'completed',
    late_notice: false,
    service_type: 'personal_care',
    roster_code: 'AM-7', // not canonical: travels in `extra`
  };
  await publish([
    event('care', 'shift', 'SH-1', shift),
    event('care', 'incident', 'CI-1', {
      occurred_at: '2026-10-02T10:00:00Z',
      reported_at: '2026-10-02T11:30:00Z',
      reported_by: 'sw-1',
      staff_involved: 'sw-1, sw-2,nurse-3',
      category: 'fall',
      reportable: true,
      priority: 'p1',
      status: 'open',
    }),
    event('learning', 'training_record', 'TR-1', {
      employee_id: 'sw-2',
      module: 'manual-handling',
      mandatory: true,
      due_at: '2026-10-15T00:00:00Z',
      completed_at: '2026-10-10T00:00:00Z',
      expires_at: '2027-10-10T00:00:00Z',
    }),
    event('hr', 'supervision', 'SUP-1', {
      supervisor_id: 'lead-1',
      supervisee_id: 'sw-1',
      held_at: '2026-10-03T10:00:00Z',
      kind: 'supervision',
    }),
  ]);
  const facts = () =>
    ds.query<{ source: string; entity: string; entity_id: string; data: Record<string, unknown> }[]>(
      `SELECT source, entity, entity_id, data FROM source_facts WHERE tenant_id = $1 ORDER BY entity_id`,
      [TENANT],
    );
  await waitFor(async () => (await facts()).length === 4, { timeoutMs: 30_000 });
  const stored = await facts();
  expect(stored.map((f) => `${f.source}/${f.entity}/${f.entity_id}`)).toEqual([
    'care/incident/CI-1',
    'care/shift/SH-1',
    'hr/supervision/SUP-1',
    'learning/training_record/TR-1',
  ]);
  expect(stored.find((f) => f.entity_id === 'SH-1')?.data).toEqual(shift);
  const links = await ds.query<{ entity_id: string; kind: string; ref_id: string }[]>(
    `SELECT entity_id, kind, ref_id FROM fact_links WHERE tenant_id = $1 ORDER BY entity_id, kind, ref_id`,
    [TENANT],
  );
  expect(links.map((l) => `${l.entity_id} ${l.kind} ${l.ref_id}`)).toEqual([
    'CI-1 person nurse-3',
    'CI-1 person sw-1',
    'CI-1 person sw-2',
    'SH-1 person sw-1',
    'SH-1 team team-care-1',
    'SUP-1 person lead-1',
    'SUP-1 person sw-1',
    'TR-1 person sw-2',
  ]);
});
