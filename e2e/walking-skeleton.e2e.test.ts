import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createSerde } from '@scorecard/contracts';
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
// → compute (fact, binding evaluation, scoring, score event through its outbox) → reporting
// (ClickHouse) → gateway read. The scorecard config (KPI, KRA, binding, template version) is
// published on the registry topic in the registry's shapes and keys (services/registry/README.md),
// so the test does not depend on its API.

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

/** Publishes config entities on `scorecard.registry.changed.v1` as the registry would. */
async function publishRegistry(
  entities: { type: string; id: string; key?: string; state: Record<string, unknown> }[],
) {
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: TOPIC_PREFIX });
  const producer = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    const topic = 'scorecard.registry.changed.v1';
    const messages = await Promise.all(
      entities.map(async (e, i) => ({
        key: e.key ?? `${e.type}:${e.id}`,
        headers: { 'event-id': `e2e-registry-${e.type}-${e.id}`, 'tenant-id': 'acme' },
        value: await serde.encode(topic, {
          tenantId: 'acme',
          entityType: e.type,
          entityId: e.id,
          version: 1,
          change: 1,
          changedBy: 'e2e',
          changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          stateJson: JSON.stringify({ id: e.id, ...e.state }),
        }),
      })),
    );
    await producer.send({ topic: `${TOPIC_PREFIX}${topic}`, messages });
  } finally {
    await producer.disconnect();
  }
}

const supportScorecard = [
  {
    type: 'kpi',
    id: 'kpi-closed',
    state: {
      slug: 'tickets_closed',
      name: 'Tickets closed',
      category: 'productivity',
      direction: 'higher_is_better',
      target: 1,
      scoring_method: 'linear',
      weight_default: 1,
      evaluation_frequency: 'monthly',
    },
  },
  { type: 'kra', id: 'kra-output', state: { name: 'Output' } },
  {
    type: 'binding',
    id: 'bnd-closed',
    state: {
      kpi_id: 'kpi-closed',
      source: { domain: 'ticketing', entity: 'ticket' },
      filter: [{ field: 'status', op: 'eq', value: 'closed' }],
      time_field: 'closed_at',
      aggregation: { fn: 'count' },
      ownership: { rule: 'assigned_to' },
    },
  },
  {
    type: 'template_version',
    id: 'tpl-support',
    key: 'template_version:tpl-support:1',
    state: {
      template_id: 'tpl-support',
      version: 1,
      name: 'Support',
      scope: { role_group: 'support' },
      effective_from: '2026-01-01T00:00:00.000Z',
      kras: [{ kra_id: 'kra-output', weight: 100, kpis: [{ kpi_id: 'kpi-closed' }] }],
      guardrails: [],
      published_at: '2026-01-01T00:00:00.000Z',
      published_by: 'e2e',
    },
  },
];

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
  it('carries a ticket from the ingest API to a scored report, in one trace', async () => {
    const admin = await token(['admin']);
    const hr = await token(['hr']);
    await publishRegistry(supportScorecard);
    const staff = await ingest(admin, {
      events: [
        {
          source: 'hr',
          entity: 'employee',
          id: 'emp-ada',
          op: 'upsert',
          occurred_at: '2025-01-01T00:00:00Z',
          version: 1,
          data: { name: 'Ada', role_group: 'support', status: 'active', hired_at: '2025-01-01T00:00:00Z' },
        },
      ],
    });
    expect(staff.status).toBe(202);
    const period = await fetch(`${gateway}/api/v1/performance/periods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
      body: JSON.stringify({ frequency: 'monthly', start: '2026-11-01' }),
    });
    expect([200, 201]).toContain(period.status);
    expect(await period.json()).toMatchObject({
      id: 'monthly:2026-11',
      start: '2026-11-01T00:00:00.000Z',
      status: 'open',
    });
    const results = () =>
      fetch(`${gateway}/api/v1/performance/results?period_id=monthly:2026-11&employee_id=emp-ada`, {
        headers: { authorization: `Bearer ${hr}` },
      });
    // Config, person and period have reached compute: Ada has a scorecard with no data yet.
    const empty = await waitFor(
      async () => {
        const r = await results();
        return r.status === 200 ? ((await r.json()) as { total_score: number | null }) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: "Ada's provisional scorecard" },
    );
    expect(empty.total_score).toBeNull();

    const res = await ingest(admin, { events: [ticket('T-100')] });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const traceId = res.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const trend = await waitFor(
      async () => {
        const r = await fetch(`${gateway}/api/v1/reports/trends?employee_id=emp-ada`, {
          headers: { authorization: `Bearer ${hr}` },
        });
        const body = (await r.json()) as {
          points: { period_id: string; score: number | null }[];
        };
        return r.status === 200 && body.points[0]?.score === 100 ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: 'the score to reach reporting' },
    );
    expect(trend.points).toHaveLength(1);
    expect(trend.points[0]).toMatchObject({ period_id: 'monthly:2026-11', score: 100 });

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
