import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { SourceEventRecord } from '@scorecard/contracts';
import { createServiceApp } from '@scorecard/http';
import { createMetrics } from '@scorecard/telemetry';
import { freshDatabase, uniqueTopicPrefix, waitFor, type FreshDatabase } from '@scorecard/testkit';
import { RAW_BODY_PATHS, ingestRoutes } from '../src/adapters/http/routes';
import { sourceSchemaIds, workerBatchEncoder, type BatchEncoder } from '../src/adapters/worker/batch-encoder';
import type { EncodedRecord, EncodedSourcePublisher } from '../src/app/accept-events';
import { ingestDeps, silentLogger, watchSourceTopic } from './harness';

// The broker goes away in the middle of a batch: the first half of the records was acknowledged,
// then the producer's connection is gone (a real kafkajs "disconnected" error). The shared local
// broker can't be stopped under other tests, so the outage is the producer losing it.

const prefix = uniqueTopicPrefix();
let db: FreshDatabase;
let deps: Awaited<ReturnType<typeof ingestDeps>>;
let server: Server;
let base: string;
let watch: Awaited<ReturnType<typeof watchSourceTopic>>;
let encoder: BatchEncoder;
let brokerUp = true;

// The batch path publishes what the worker encoded (sendEncoded); `publish` for completeness.
const flaky: () => EncodedSourcePublisher = () => ({
  async publish(records: readonly SourceEventRecord[]) {
    if (brokerUp) return deps.publisher.publish(records);
    const half = Math.floor(records.length / 2);
    await deps.publisher.publish(records.slice(0, half));
    const gone = await ingestDeps(db.url, prefix);
    await gone.producer.disconnect();
    await gone.ds.destroy();
    await gone.publisher.publish(records.slice(half));
  },
  async sendEncoded(tenantId: string, records: readonly EncodedRecord[]) {
    if (brokerUp) return deps.publisher.sendEncoded(tenantId, records);
    const half = Math.floor(records.length / 2);
    await deps.publisher.sendEncoded(tenantId, records.slice(0, half));
    const gone = await ingestDeps(db.url, prefix);
    await gone.producer.disconnect();
    await gone.ds.destroy();
    await gone.publisher.sendEncoded(tenantId, records.slice(half));
  },
});

beforeAll(async () => {
  db = await freshDatabase();
  deps = await ingestDeps(db.url, prefix);
  watch = await watchSourceTopic(prefix, 'noc');
  // The batch is parsed, validated and encoded in a worker thread, as the service runs it.
  encoder = workerBatchEncoder({
    file: join(__dirname, '..', 'src', 'workers', 'encode-batch.ts'),
    size: 1,
    schemaIds: sourceSchemaIds(deps.serde),
    logger: silentLogger,
  });
  const { app } = createServiceApp({
    service: 'ingest',
    logger: silentLogger,
    metrics: createMetrics('ingest'),
    readiness: [],
    rawBodyPaths: RAW_BODY_PATHS,
    routes: ingestRoutes({
      ds: deps.ds,
      publisher: flaky(),
      encoder,
      logger: silentLogger,
      webhooks: { zendeskSecrets: {}, freshdeskSecrets: {}, replayWindowSeconds: 300 },
    }),
  });
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await watch?.stop();
  await encoder?.close();
  await deps?.close();
  await db?.drop();
});

const batch = {
  events: Array.from({ length: 40 }, (_, i) => ({
    source: 'noc',
    entity: 'incident',
    id: `INC-${i}`,
    op: 'upsert',
    occurred_at: '2026-11-02T10:00:00Z',
    version: 1,
    data: { severity: 'major', status: 'open', started_at: '2026-11-02T09:50:00Z' },
  })),
};
const post = () =>
  fetch(`${base}/api/v1/ingest/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-scorecard-tenant': 'acme',
      'x-scorecard-subject': 'u',
      'x-scorecard-roles': 'admin',
    },
    body: JSON.stringify(batch),
  });

it('answers 503 with nothing accepted; the retry after recovery succeeds and downstream sees each event once', async () => {
  brokerUp = false;
  const failed = await post();
  expect(failed.status).toBe(503);
  expect(failed.headers.get('content-type')).toContain('application/problem+json');
  const [kept] = await deps.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM accepted_events');
  expect(kept?.n).toBe(0);

  brokerUp = true;
  const retried = await post();
  expect(retried.status).toBe(202);
  expect(await retried.json()).toEqual({ accepted: 40, duplicates: 0 });
  expect(await (await post()).json()).toEqual({ accepted: 0, duplicates: 40 });

  // 20 records of the failed attempt reached the topic before the outage, under the same event ids.
  await waitFor(() => watch.seen.length >= 60, { timeoutMs: 20_000, message: 'all records' });
  const ids = new Map<string, Set<string>>();
  for (const s of watch.seen)
    ids.set(s.message.eventId, (ids.get(s.message.eventId) ?? new Set()).add(s.message.id));
  expect(ids.size).toBe(40);
  expect([...ids.values()].every((entities) => entities.size === 1)).toBe(true);
});
