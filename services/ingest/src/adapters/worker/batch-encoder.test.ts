import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { ingestBatchSchema } from '@scorecard/api';
import { sourceDomains, sourceTopic } from '@scorecard/contracts';
import { createServiceApp, parseWith, readIdentity } from '@scorecard/http';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import type { EncodedSourcePublisher } from '../../app/accept-events';
import { RAW_BODY_PATHS, ingestRoutes } from '../http/routes';
import { inThreadBatchEncoder, workerBatchEncoder, type BatchEncoder } from './batch-encoder';

// Event batches are parsed, validated and encoded in a worker thread: the answers to bad bodies
// must be exactly those of the express.json + zod route they replaced, and a worker that dies
// fails only its own requests.

const logger = createLogger({ service: 'ingest-test', level: 'silent' });
const schemaIds = () => Promise.resolve(Object.fromEntries(sourceDomains.map((d) => [sourceTopic(d), 7])));
const workerFile = (name: string) => join(__dirname, '..', '..', '..', ...name.split('/'));
const EVENTS = '/api/v1/ingest/events';
const LIMIT = '4kb';

// Every status below is a 4xx/5xx answered before the claim: the database and broker are never reached.
const unreachable = undefined as unknown as DataSource;
const noBroker: EncodedSourcePublisher = {
  publish: () => Promise.reject(new Error('not in this test')),
  sendEncoded: () => Promise.reject(new Error('not in this test')),
};

async function serve(routes: (app: Express) => void, rawBodyPaths: readonly string[]) {
  const { app } = createServiceApp({
    service: 'ingest',
    logger,
    metrics: createMetrics('ingest'),
    readiness: [],
    bodyLimit: LIMIT,
    rawBodyPaths,
    routes,
  });
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let encoder: BatchEncoder;
let crashing: BatchEncoder;
let before: Awaited<ReturnType<typeof serve>>;
let after: Awaited<ReturnType<typeof serve>>;
let afterCrashing: Awaited<ReturnType<typeof serve>>;

const routesWith = (enc: BatchEncoder) =>
  ingestRoutes({
    ds: unreachable,
    publisher: noBroker,
    encoder: enc,
    logger,
    webhooks: { zendeskSecrets: {}, freshdeskSecrets: {}, replayWindowSeconds: 300 },
  });

beforeAll(async () => {
  encoder = workerBatchEncoder({
    file: workerFile('src/workers/encode-batch.ts'),
    size: 2,
    schemaIds,
    logger,
  });
  crashing = workerBatchEncoder({
    file: workerFile('test/crashing-encode-batch.ts'),
    size: 1,
    schemaIds,
    logger,
  });
  // The route as it was: express.json parses, rejectNul checks, then identity and zod.
  before = await serve((app) => {
    app.post(EVENTS, (req, res) => {
      readIdentity(req);
      parseWith(ingestBatchSchema, req.body);
      res.status(202).end();
    });
  }, []);
  after = await serve(routesWith(encoder), RAW_BODY_PATHS);
  afterCrashing = await serve(routesWith(crashing), RAW_BODY_PATHS);
});
afterAll(async () => {
  for (const s of [before, after, afterCrashing]) await new Promise((r) => s?.server.close(r));
  await encoder?.close();
  await crashing?.close();
});

const identity = { 'x-scorecard-tenant': 'acme', 'x-scorecard-subject': 'u', 'x-scorecard-roles': 'admin' };
const event = (i: number, extra: Record<string, unknown> = {}) => ({
  source: 'noc',
  entity: 'incident',
  id: `INC-${i}`,
  op: 'upsert',
  occurred_at: '2026-11-02T10:00:00Z',
  version: 1,
  data: { severity: 'major', status: 'open', started_at: '2026-11-02T09:50:00Z' },
  ...extra,
});
const json = (v: unknown) => JSON.stringify(v);

async function answer(base: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${EVENTS}`, { method: 'POST', headers, body });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  delete parsed.request_id;
  return { status: res.status, type: res.headers.get('content-type'), body: parsed };
}

const cases: [string, string, Record<string, string>][] = [
  ['malformed JSON', '{"events": [', { 'content-type': 'application/json', ...identity }],
  ['a JSON string at the top', '"events"', { 'content-type': 'application/json', ...identity }],
  ['an empty body', '', { 'content-type': 'application/json', ...identity }],
  ['no events', json({}), { 'content-type': 'application/json', ...identity }],
  ['not JSON by content type', json({ events: [event(0)] }), { 'content-type': 'text/plain', ...identity }],
  [
    'bad fields at events[1] and events[2]',
    json({ events: [event(0), event(1, { occurred_at: 'yesterday' }), event(2, { op: 'merge' })] }),
    { 'content-type': 'application/json', ...identity },
  ],
  [
    'a NUL in a data value',
    json({ events: [event(0), event(1, { data: { severity: 'ma\u0000jor', status: 'open' } })] }),
    { 'content-type': 'application/json', ...identity },
  ],
  [
    'too large',
    json({ events: Array.from({ length: 40 }, (_, i) => event(i)) }),
    { 'content-type': 'application/json', ...identity },
  ],
  ['no identity, malformed JSON', '{', { 'content-type': 'application/json' }],
  [
    'no identity, NUL',
    json({ events: [event(0, { id: 'a\u0000' })] }),
    { 'content-type': 'application/json' },
  ],
  [
    'no identity, invalid batch',
    json({ events: [event(0, { op: 'x' })] }),
    { 'content-type': 'application/json' },
  ],
];

it.each(cases)('answers %s exactly as the express.json route did', async (_name, body, headers) => {
  const was = await answer(before.base, body, headers);
  const is = await answer(after.base, body, headers);
  expect(was.status).toBeGreaterThanOrEqual(400);
  expect(is).toEqual(was);
});

it('names events[i].field from the worker', async () => {
  const res = await answer(after.base, json({ events: [event(0), event(1, { occurred_at: 'yesterday' })] }), {
    'content-type': 'application/json',
    ...identity,
  });
  expect(res.status).toBe(400);
  expect(res.type).toContain('application/problem+json');
  expect(res.body.errors).toEqual([
    { path: 'events[1].occurred_at', message: 'must be an ISO-8601 timestamp' },
  ]);
});

it('encodes in the worker exactly what it encodes in-thread', async () => {
  const request = {
    body: Buffer.from(
      json({ events: [event(0), event(1), event(0), event(2, { op: 'delete', data: undefined })] }),
    ),
    tenantId: 'acme',
    ingestedAt: '2026-11-21T05:00:00.000Z',
  };
  const inWorker = await encoder.encode(request);
  const inThread = await inThreadBatchEncoder(schemaIds).encode(request);
  // Compared as plain data: what crossed the thread boundary was built in another realm.
  const plain = (r: typeof inWorker) =>
    r.kind === 'encoded'
      ? { ...r, ends: Array.from(r.ends), values: Buffer.from(r.values).toString('base64') }
      : r;
  expect(inWorker.kind).toBe('encoded');
  expect(JSON.parse(JSON.stringify(plain(inWorker)))).toEqual(JSON.parse(JSON.stringify(plain(inThread))));
  if (inWorker.kind !== 'encoded') return;
  expect(inWorker.total).toBe(4);
  expect(inWorker.ids).toEqual(['INC-0', 'INC-1', 'INC-2']);
  expect(inWorker.values.byteLength).toBe(inWorker.ends[2]);
});

it('fails a request whose worker dies with a 500, and keeps serving on a new worker', async () => {
  const crash = await answer(afterCrashing.base, json({ events: [event(0, { id: 'crash' })] }), {
    'content-type': 'application/json',
    ...identity,
  });
  expect(crash.status).toBe(500);
  expect(crash.type).toContain('application/problem+json');
  expect(crash.body.code).toBe('internal');
  // The replacement worker answers the next batch (a 400 naming the field: no database needed).
  const next = await answer(afterCrashing.base, json({ events: [event(0, { op: 'x' })] }), {
    'content-type': 'application/json',
    ...identity,
  });
  expect(next.status).toBe(400);
  expect(next.body.errors).toEqual([{ path: 'events[0].op', message: expect.any(String) as string }]);
});

// The care and learning sources: a valid event of each entity next to one bad field of each, so the
// 400 names every bad index and field (and nothing is accepted).
const careEvents: [string, string, Record<string, unknown>, Record<string, unknown>, string, string][] = [
  [
    'care',
    'shift',
    { worker_id: 'e1', status: 'completed', scheduled_start: '2026-10-01T08:00:00Z', late_notice: false },
    { status: 'late' },
    'status',
    'must be one of scheduled, completed, missed, cancelled_by_worker, cancelled_by_provider',
  ],
  [
    'care',
    'incident',
    { reported_by: 'e1', staff_involved: 'e1,e2', reportable: true, priority: 'p1' },
    { reportable: 'yes' },
    'reportable',
    'Expected boolean, received string',
  ],
  [
    'care',
    'progress_note',
    { author_id: 'e1', due_at: '2026-10-01T20:00:00Z', audit_result: 'pass', goal_linked: true },
    { submitted_at: 'tonight' },
    'submitted_at',
    'must be an ISO-8601 timestamp',
  ],
  [
    'care',
    'feedback',
    { kind: 'survey', about_staff_id: 'e1', rating: 5 },
    { rating: 0 },
    'rating',
    'Number must be greater than or equal to 1',
  ],
  [
    'care',
    'medication',
    { administered_by: 'e1', outcome: 'given' },
    { outcome: 'skipped' },
    'outcome',
    'must be one of given, missed, refused, error',
  ],
  [
    'learning',
    'training_record',
    { employee_id: 'e1', module: 'manual-handling', mandatory: true },
    { mandatory: 1 },
    'mandatory',
    'Expected boolean, received number',
  ],
  [
    'hr',
    'supervision',
    { supervisor_id: 'm1', supervisee_id: 'e1', held_at: '2026-10-01T10:00:00Z', kind: 'supervision' },
    { kind: 'chat' },
    'kind',
    'must be one of supervision, catch_up, probation_review',
  ],
];

it('names events[i].data.field for the care and learning sources', async () => {
  const events = careEvents.flatMap(([source, entity, good, bad], i) => [
    event(2 * i, { source, entity, data: good }),
    event(2 * i + 1, { source, entity, data: bad }),
  ]);
  const res = await answer(after.base, json({ events }), { 'content-type': 'application/json', ...identity });
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual(
    careEvents.map(([, , , , field, message], i) => ({
      path: `events[${2 * i + 1}].data.${field}`,
      message,
    })),
  );
});

it('accepts a batch of valid care and learning events up to the claim', async () => {
  const request = {
    body: Buffer.from(
      json({
        events: careEvents.map(([source, entity, good], i) => event(i, { source, entity, data: good })),
      }),
    ),
    tenantId: 'acme',
    ingestedAt: '2026-11-21T05:00:00.000Z',
  };
  const encoded = await encoder.encode(request);
  expect(encoded.kind).toBe('encoded');
  if (encoded.kind === 'encoded') expect(encoded.total).toBe(careEvents.length);
});

it('lists the care and learning sources in the catalog', async () => {
  const res = await fetch(`${after.base}/api/v1/ingest/catalog`, { headers: identity });
  const doc = (await res.json()) as {
    sources: { source: string; topic: string; entities: { entity: string }[] }[];
  };
  const entities = (source: string) =>
    doc.sources.find((s) => s.source === source)?.entities.map((e) => e.entity);
  expect(entities('care')).toEqual(['shift', 'incident', 'progress_note', 'feedback', 'medication']);
  expect(entities('learning')).toEqual(['training_record']);
  expect(entities('hr')).toContain('supervision');
  expect(doc.sources.find((s) => s.source === 'care')?.topic).toBe('scorecard.source.care.v1');
});
