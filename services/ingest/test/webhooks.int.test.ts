import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createServiceApp } from '@scorecard/http';
import { createMetrics } from '@scorecard/telemetry';
import { freshDatabase, uniqueTopicPrefix, waitFor, type FreshDatabase } from '@scorecard/testkit';
import { RAW_BODY_PATHS, ingestRoutes } from '../src/adapters/http/routes';
import { inThreadBatchEncoder, sourceSchemaIds } from '../src/adapters/worker/batch-encoder';
import { zendeskSignature } from '../src/adapters/http/webhook-auth';
import { ingestDeps, silentLogger, watchSourceTopic } from './harness';

const prefix = uniqueTopicPrefix();
const zendeskSecret = 'zendesk-secret-of-acme-0123456789';
const freshdeskSecret = 'freshdesk-api-key-of-acme-0123';
let db: FreshDatabase;
let deps: Awaited<ReturnType<typeof ingestDeps>>;
let server: Server;
let base: string;
let watch: Awaited<ReturnType<typeof watchSourceTopic>>;

beforeAll(async () => {
  db = await freshDatabase();
  deps = await ingestDeps(db.url, prefix);
  watch = await watchSourceTopic(prefix, 'ticketing');
  const { app } = createServiceApp({
    service: 'ingest',
    logger: silentLogger,
    metrics: createMetrics('ingest'),
    readiness: [],
    rawBodyPaths: RAW_BODY_PATHS,
    routes: ingestRoutes({
      ds: deps.ds,
      publisher: deps.publisher,
      encoder: inThreadBatchEncoder(sourceSchemaIds(deps.serde)),
      logger: silentLogger,
      webhooks: {
        zendeskSecrets: { acme: zendeskSecret },
        freshdeskSecrets: { acme: freshdeskSecret },
        replayWindowSeconds: 300,
      },
    }),
  });
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await watch?.stop();
  await deps?.close();
  await db?.drop();
});

// Whitespace and key order as Zendesk sends them: the HMAC covers these exact bytes.
const zendeskBody = `{ "type": "zen:event-type:ticket.agent_assignment_changed", "time": "${new Date().toISOString()}",
  "detail": { "id": "35436", "status": "OPEN", "priority": "HIGH", "assignee_id": "235324", "group_id": "98738", "created_at": "2026-03-01T09:00:00Z" },
  "event": { "previous": "235323", "current": "235324" }, "zendesk_event_version": "2022-11-06" }`;

const postZendesk = (body: string, signature?: string, timestamp = new Date().toISOString()) =>
  fetch(`${base}/api/v1/ingest/webhooks/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature-timestamp': timestamp,
      ...(signature === undefined ? {} : { 'x-zendesk-webhook-signature': signature }),
    },
    body,
  });

it('accepts a signed Zendesk webhook once, as a canonical ticket event of the signing tenant', async () => {
  const ts = new Date().toISOString();
  const sig = zendeskSignature(zendeskSecret, ts, Buffer.from(zendeskBody));
  const first = await postZendesk(zendeskBody, sig, ts);
  expect(first.status).toBe(202);
  expect(await first.json()).toEqual({ accepted: 1, duplicates: 0 });
  // A replay inside the window is a duplicate, not a second fact.
  expect(await (await postZendesk(zendeskBody, sig, ts)).json()).toEqual({ accepted: 0, duplicates: 1 });

  const seen = await waitFor(() => watch.seen.find((s) => s.key === '35436'), {
    timeoutMs: 20_000,
    message: 'the ticket event',
  });
  expect(seen.message.tenantId).toBe('acme');
  expect(seen.data).toMatchObject({
    status: 'open',
    priority: 'high',
    assigned_to: '235324',
    previous_assigned_to: '235323',
    team_id: '98738',
  });
});

it.each([
  ['no signature', undefined],
  ['a bad signature', 'AAAA'],
])('refuses a Zendesk webhook with %s: 401 problem+json', async (_n, sig) => {
  const res = await postZendesk(zendeskBody, sig);
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
});

it('refuses a stale Zendesk webhook', async () => {
  const old = new Date(Date.now() - 3_600_000).toISOString();
  const res = await postZendesk(
    zendeskBody,
    zendeskSignature(zendeskSecret, old, Buffer.from(zendeskBody)),
    old,
  );
  expect(res.status).toBe(401);
});

it('maps a Freshdesk webhook; an unmappable one is a 400 naming the field', async () => {
  const post = (body: unknown) =>
    fetch(`${base}/api/v1/ingest/webhooks/freshdesk`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${freshdeskSecret}:X`).toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
  const ok = await post({
    freshdesk_webhook: {
      ticket_id: 901,
      ticket_status: 'Resolved',
      ticket_priority: 'Low',
      ticket_agent_id: 'emp-7',
      ticket_updated_at: '2026-03-02T10:00:00Z',
    },
  });
  expect(ok.status).toBe(202);
  const seen = await waitFor(() => watch.seen.find((s) => s.key === '901'), {
    timeoutMs: 20_000,
    message: 'the Freshdesk ticket',
  });
  expect(seen.data).toMatchObject({ status: 'resolved', priority: 'low', assigned_to: 'emp-7' });

  const bad = await post({
    ticket_id: 902,
    ticket_status: 'Exploded',
    ticket_updated_at: '2026-03-02T10:00:00Z',
  });
  expect(bad.status).toBe(400);
  const problem = (await bad.json()) as { errors: { path: string }[] };
  expect(problem.errors[0]?.path).toBe('data.status');
  expect((await post({ ticket_id: 903 })).status).toBe(400);
});
