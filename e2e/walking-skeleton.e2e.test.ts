import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { startOtlpReceiver } from './otlp-receiver';

// One ticket event through the real pipeline: gateway → ingest → Kafka (Protobuf via the registry)
// → compute (fact + score event through its outbox) → reporting (ClickHouse) → gateway read.

const TOPIC_PREFIX = uniqueTopicPrefix();
let db: FreshDatabase;
let services: RunningServices;
let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
let chdbDir: string;
let gateway: string;

const ticket = (id: string, over: Record<string, unknown> = {}) => ({
  source: 'ticketing',
  entity: 'ticket',
  id,
  op: 'upsert',
  occurred_at: '2026-11-03T09:30:00Z',
  version: 3,
  data: {
    status: 'closed',
    priority: 'high',
    created_at: '2026-11-02T08:00:00Z',
    closed_at: '2026-11-03T09:30:00Z',
    assigned_to: 'emp-ada',
    closed_by: 'emp-ada',
    ...over,
  },
});

async function token(roles: string[], employeeId?: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sub: `user-${roles[0]}`,
      roles,
      tenant_id: 'acme',
      ...(employeeId ? { employee_id: employeeId } : {}),
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const ingest = async (tok: string, body: unknown) =>
  fetch(`${gateway}/api/v1/ingest/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
    body: JSON.stringify(body),
  });

async function sourceTopicEnd(): Promise<number> {
  const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(`${TOPIC_PREFIX}scorecard.source.ticketing.v1`);
    return offsets.reduce((sum, o) => sum + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  otlp = await startOtlpReceiver();
  chdbDir = mkdtempSync(join(tmpdir(), 'scorecard-e2e-chdb-'));
  services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX,
      CHDB_PATH: chdbDir,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      LOG_LEVEL: 'warn',
    },
    ports: 'free',
    logDir: join(tmpdir(), `scorecard-e2e-logs-${TOPIC_PREFIX}`),
  });
  gateway = services.urls.gateway;
});

afterAll(async () => {
  await services?.stop();
  await otlp?.close();
  await db?.drop();
  if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
});

describe('walking skeleton', () => {
  it('carries a ticket from the ingest API to a report, in one trace', async () => {
    const admin = await token(['admin']);
    const res = await ingest(admin, { events: [ticket('T-100')] });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const traceId = res.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const hr = await token(['hr']);
    const trend = await waitFor(
      async () => {
        const r = await fetch(`${gateway}/api/v1/reports/trends?employee_id=emp-ada`, {
          headers: { authorization: `Bearer ${hr}` },
        });
        const body = (await r.json()) as {
          points: { period_id: string; score: number | null }[];
        };
        return r.status === 200 && body.points.length > 0 ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: 'the score to reach reporting' },
    );
    expect(trend.points).toHaveLength(1);
    expect(trend.points[0]).toMatchObject({ period_id: 'monthly:2026-11', score: 1 });

    // The same trace id crossed HTTP and two Kafka hops.
    const services = await waitFor(
      () => {
        const seen = new Set(otlp.spans.filter((s) => s.traceId === traceId).map((s) => s.service));
        return ['gateway', 'ingest', 'compute', 'reporting'].every((s) => seen.has(s)) ? seen : undefined;
      },
      { timeoutMs: 20_000, message: `spans of trace ${traceId} from all four services` },
    );
    expect([...services].sort()).toEqual(
      expect.arrayContaining(['compute', 'gateway', 'ingest', 'reporting']),
    );
  });

  it('reports a repeated event as a duplicate and publishes it once', async () => {
    const admin = await token(['admin']);
    const before = await sourceTopicEnd();
    const res = await ingest(admin, { events: [ticket('T-100')] });
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(await sourceTopicEnd()).toBe(before);
  });

  it('rejects a malformed batch with a problem naming the field, publishing nothing', async () => {
    const admin = await token(['admin']);
    const before = await sourceTopicEnd();
    const res = await ingest(admin, {
      events: [ticket('T-200'), ticket('T-201', { closed_at: 'last tuesday' })],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { status: number; errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['events[1].data.closed_at']);
    expect(await sourceTopicEnd()).toBe(before);
  });

  it('keeps another tenant out of the data', async () => {
    const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'intruder', roles: ['hr'], tenant_id: 'globex' }),
    });
    const { token: other } = (await res.json()) as { token: string };
    const r = await fetch(`${gateway}/api/v1/reports/trends?employee_id=emp-ada`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { points: unknown[] }).points).toEqual([]);
  });
});
