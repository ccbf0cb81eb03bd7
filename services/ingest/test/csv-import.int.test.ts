import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createServiceApp, identityHeaders } from '@scorecard/http';
import { createMetrics } from '@scorecard/telemetry';
import { freshDatabase, uniqueTopicPrefix, waitFor, type FreshDatabase } from '@scorecard/testkit';
import { RAW_BODY_PATHS, ingestRoutes } from '../src/adapters/http/routes';
import { inThreadBatchEncoder, sourceSchemaIds } from '../src/adapters/worker/batch-encoder';
import { ingestDeps, silentLogger, watchSourceTopic } from './harness';

// CSV imports through the real HTTP app, Postgres claims and Kafka (with the schema registry).

const prefix = uniqueTopicPrefix();
let db: FreshDatabase;
let deps: Awaited<ReturnType<typeof ingestDeps>>;
let server: Server;
let base: string;
let tickets: Awaited<ReturnType<typeof watchSourceTopic>>;
let shifts: Awaited<ReturnType<typeof watchSourceTopic>>;

beforeAll(async () => {
  db = await freshDatabase();
  deps = await ingestDeps(db.url, prefix);
  tickets = await watchSourceTopic(prefix, 'ticketing');
  shifts = await watchSourceTopic(prefix, 'care');
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
      webhooks: { zendeskSecrets: {}, freshdeskSecrets: {}, replayWindowSeconds: 300 },
    }),
  });
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await tickets?.stop();
  await shifts?.stop();
  await deps?.close();
  await db?.drop();
});

const identity = identityHeaders({ subject: 'hr-1', tenantId: 'acme', roles: ['hr'] });
const post = async (path: string, csv: string, contentType = 'text/csv') => {
  const res = await fetch(`${base}/api/v1/ingest/imports/${path}`, {
    method: 'POST',
    headers: { ...identity, 'content-type': contentType },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const claimed = async (tenant: string) =>
  Number(
    (
      await deps.ds.query<{ n: string }[]>('SELECT count(*) AS n FROM accepted_events WHERE tenant_id = $1', [
        tenant,
      ])
    )[0]?.n,
  );

const TICKET_MAP =
  'map=Ticket%3Did&map=Opened%3Dcreated_at&map=Status%3Dstatus&map=Agent%3Dassigned_to&map=CSAT%3Dcsat&timezone=Australia%2FSydney&date_order=dmy';
const GOOD = [
  'Ticket,Opened,Status,Agent,CSAT',
  'T-1,05/10/2026 09:00,Open,e1,',
  'T-2,05/10/2026 9:30 pm,In Progress,e2,4',
  'T-3,06/10/2026,Closed,e1,5',
].join('\n');
const BAD = `${GOOD}\nT-4,07/10/2026,Closed,e2,7\nT-5,someday,Closed,e2,3\n`;

it('a dry run reports bad rows by line and field, and neither claims nor publishes anything', async () => {
  const res = await post(`ticketing/ticket?${TICKET_MAP}&dry_run=true`, BAD);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    source: 'ticketing',
    entity: 'ticket',
    dry_run: true,
    rows: 5,
    valid: 3,
    invalid: 2,
    accepted: 0,
    would_accept: 3,
    duplicates: 0,
    errors: [
      { line: 5, field: 'csat', column: 'CSAT', message: 'Number must be less than or equal to 5 (got "7")' },
      { line: 6, field: 'created_at', column: 'Opened', message: 'is not a date or time (got "someday")' },
    ],
  });
  expect(await claimed('acme')).toBe(0);
});

it('refuses a file with a bad row whole (400 naming lines[n].field), and imports the rest with skip_invalid', async () => {
  const refused = await post(`ticketing/ticket?${TICKET_MAP}`, BAD);
  expect(refused.status).toBe(400);
  expect(refused.body['errors']).toEqual([
    { path: 'lines[5].csat', message: 'Number must be less than or equal to 5 (got "7") (column "CSAT")' },
    { path: 'lines[6].created_at', message: 'is not a date or time (got "someday") (column "Opened")' },
  ]);
  expect(refused.body['detail']).toContain('2 of 5 rows are invalid; nothing was imported');
  expect(await claimed('acme')).toBe(0);

  const skipped = await post(`ticketing/ticket?${TICKET_MAP}&skip_invalid=true`, BAD);
  expect(skipped.status).toBe(202);
  expect(skipped.body).toMatchObject({ rows: 5, valid: 3, invalid: 2, accepted: 3, duplicates: 0 });
  const seen = await waitFor(() => (tickets.seen.length >= 3 ? tickets.seen : undefined), {
    timeoutMs: 20_000,
    message: 'three ticket events',
  });
  const t2 = seen.find((s) => s.key === 'T-2');
  // 9:30 pm in Sydney (AEDT, UTC+11 from 4 October 2026) is 10:30 UTC; "In Progress" is the catalog's in_progress.
  expect(t2?.data).toMatchObject({
    created_at: '2026-10-05T10:30:00.000Z',
    status: 'in_progress',
    assigned_to: 'e2',
    csat: 4,
  });
  expect(t2?.headers['tenant-id']).toBe('acme');
  expect(seen.map((s) => s.key).sort()).toEqual(['T-1', 'T-2', 'T-3']);
}, 40_000);

it('re-importing the same file is all duplicates, and a dry run says so', async () => {
  const again = await post(`ticketing/ticket?${TICKET_MAP}`, GOOD);
  expect(again.body).toMatchObject({ rows: 3, accepted: 0, duplicates: 3 });
  const dry = await post(`ticketing/ticket?${TICKET_MAP}&dry_run=true`, GOOD);
  expect(dry.body).toMatchObject({ would_accept: 0, duplicates: 3 });
  // A row whose content changed is a new version of the same ticket.
  const changed = await post(
    `ticketing/ticket?${TICKET_MAP}`,
    GOOD.replace('T-1,05/10/2026 09:00,Open', 'T-1,05/10/2026 09:00,Closed'),
  );
  expect(changed.body).toMatchObject({ accepted: 1, duplicates: 2 });
  expect(await claimed('acme')).toBe(4);
});

it('imports a ShiftCare timesheet export with its preset onto the care topic, in batches of 5,000', async () => {
  const header = 'shift_id,staff_id,client_id,start_at,finish_at,clockin_at,clockout_at,shift_type,status';
  const lines = Array.from({ length: 5_002 }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `S-${i},w${i % 40},c${i % 90},${day}/10/2026 09:00,${day}/10/2026 13:00,${day}/10/2026 09:0${i % 10},${day}/10/2026 13:00,personal care,Approved`;
  });
  const res = await post(
    'care/shift?preset=shiftcare-timesheets&timezone=Australia%2FSydney',
    [header, ...lines].join('\r\n'),
  );
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({
    rows: 5_002,
    valid: 5_002,
    invalid: 0,
    accepted: 5_002,
    duplicates: 0,
    errors: [],
  });
  const s7 = await waitFor(() => shifts.seen.find((s) => s.key === 'S-5001'), {
    timeoutMs: 30_000,
    message: 'the last shift',
  });
  // Row 5001 (line 5003): day 18, clock-in 09:01 Sydney time = 22:01 UTC the day before.
  expect(s7.data).toEqual({
    worker_id: 'w1',
    client_id: 'c51',
    scheduled_start: '2026-10-17T22:00:00.000Z',
    scheduled_end: '2026-10-18T02:00:00.000Z',
    actual_start: '2026-10-17T22:01:00.000Z',
    actual_end: '2026-10-18T02:00:00.000Z',
    service_type: 'personal care',
    status: 'completed',
  });
  await waitFor(() => (shifts.seen.length >= 5_002 ? true : undefined), {
    timeoutMs: 30_000,
    message: 'all shifts',
  });
  expect(new Set(shifts.seen.map((s) => s.key)).size).toBe(5_002);
}, 90_000);

it('answers a bad request with a 4xx naming what is wrong', async () => {
  const unknownField = await post(
    'ticketing/ticket?map=Ticket%3Did&map=CSAT%3Dcsatt',
    'Ticket,CSAT\nT-9,4\n',
  );
  expect(unknownField.status).toBe(400);
  const [unknown] = unknownField.body['errors'] as { path: string; message: string }[];
  expect(unknown?.path).toBe('map.CSAT');
  expect(unknown?.message).toContain('unknown field "csatt" of ticketing/ticket; its fields: id, occurred_at');
  expect((await post('care/nothing?map=a%3Did', 'a\n1\n')).status).toBe(404);
  expect((await post('care/incident?preset=shiftcare-timesheets', 'a\n1\n')).body['errors']).toEqual([
    { path: 'preset', message: 'shiftcare-timesheets imports care/shift, not care/incident' },
  ]);
  expect((await post(`ticketing/ticket?${TICKET_MAP}`, GOOD, 'application/json')).status).toBe(415);
  expect((await post(`ticketing/ticket?map=Ticket%3Did&timezone=Mars%2FBase`, GOOD)).body['errors']).toEqual([
    { path: 'timezone', message: '"Mars/Base" is not an IANA time zone' },
  ]);
  const presets = (await (
    await fetch(`${base}/api/v1/ingest/imports/presets`, { headers: identity })
  ).json()) as {
    presets: { name: string; columns: Record<string, string> }[];
  };
  expect(presets.presets.find((p) => p.name === 'alayacare-visits')?.columns).toMatchObject({
    alayacare_visit_id: 'id',
    first_clock_in_time: 'actual_start',
  });
});
