import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTenant, type Person } from '@scorecard/generator';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';

// The whole system on a generated tenant, with nothing published by hand: the registry installs
// its seed library for the tenant (SEED_TENANTS) and publishes it; ingest takes a month of
// generated ERP data; compute builds facts, scores everyone whose role group has a seeded
// template; review builds scorecard instances, takes a manager's override, finalizes the period
// and exports bonus decisions; reporting shows them. Everything is asserted through the gateway.
// Two months of data (August and September); September is the period under review.

const TENANT = 'e2e-full';
const PERIOD = 'monthly:2026-09';
// Deterministic: the same options give the same events, so the people picked below are stable
// (seed 4 also churns accounts, so the churn binding has records to count).
const tenant = generateTenant({ employees: 40, months: 2, seed: 4, start: '2026-08-01' });
const PERIODS = ['monthly:2026-08', PERIOD];
/** On every template (the coaching seed's universal KPIs), measured from care sources or the journal. */
const UNIVERSAL_KPIS = [
  'code-of-conduct-culture',
  'attendance-reliability',
  'whs-safety-compliance',
  'communication-responsiveness',
  'documentation-quality',
];
const ISP_GROUPS = [
  'helpdesk_agents',
  'field_technicians',
  'noc_engineers',
  'billing_officers',
  'account_managers',
];
const steady = (p: Person) => p.exitedMs === undefined && p.transfer === undefined;
const ispStaff = tenant.people.filter((p) => ISP_GROUPS.includes(p.roleGroup) && steady(p));
const agent = ispStaff.find((p) => p.roleGroup === 'helpdesk_agents') as Person;

const TOPIC_PREFIX = uniqueTopicPrefix();
let db: FreshDatabase;
let services: RunningServices;
let chdbDir: string;
let gateway: string;

async function token(roles: string[], employeeId?: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sub: `user-${roles[0]}-${employeeId ?? 'x'}`,
      roles,
      tenant_id: TENANT,
      ...(employeeId ? { employee_id: employeeId } : {}),
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

interface Reply<T> {
  status: number;
  body: T;
}

async function call<T = Record<string, unknown>>(
  tok: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tok}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: (isJson && text ? JSON.parse(text) : text) as T };
}

interface KpiResult {
  kpi_id: string;
  actual_value: number | null;
  score: number | null;
  status: string;
  label: string | null;
  evidence_ids: string[];
  evidence_count: number;
}
interface Results {
  employee_id: string;
  template: { id: string; version: number };
  total_score: number | null;
  kras: { kra_id: string; kpis: KpiResult[] }[];
}
interface ScorecardItem {
  id: string;
  employee_id: string;
  period_id: string;
  total_score: number | null;
}

beforeAll(async () => {
  db = await freshDatabase();
  chdbDir = mkdtempSync(join(tmpdir(), 'scorecard-e2e-full-chdb-'));
  services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX,
      CHDB_PATH: chdbDir,
      SEED_TENANTS: TENANT,
      LOG_LEVEL: 'warn',
    },
    ports: 'free',
    logDir: join(tmpdir(), `scorecard-e2e-full-logs-${TOPIC_PREFIX}`),
  });
  gateway = services.urls.gateway;
});

afterAll(async () => {
  await services?.stop();
  await db?.drop();
  if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
});

describe('full pipeline: registry seeds → ingest → compute → review → reporting', () => {
  let hr: string;
  let card: ScorecardItem;

  it('scores the generated people with the seeded templates, with actuals and evidence', async () => {
    const admin = await token(['admin']);
    hr = await token(['hr']);
    for (let i = 0; i < tenant.events.length; i += 5_000) {
      const res = await call(admin, 'POST', '/api/v1/ingest/events', {
        events: tenant.events.slice(i, i + 5_000),
      });
      expect(res.status).toBe(202);
    }
    for (const start of ['2026-08-01', '2026-09-01']) {
      const period = await call(hr, 'POST', '/api/v1/performance/periods', { frequency: 'monthly', start });
      expect([200, 201]).toContain(period.status);
    }

    const results = await waitFor(
      async () => {
        const r = await call<Results>(
          hr,
          'GET',
          `/api/v1/performance/results?period_id=${PERIOD}&employee_id=${agent.id}`,
        );
        const kpi = r.body.kras?.flatMap((k) => k.kpis).find((k) => k.kpi_id === 'tickets-resolved');
        return r.status === 200 && r.body.total_score !== null && kpi?.actual_value ? r.body : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, message: `${agent.id}'s provisional results` },
    );
    expect(results.template).toEqual({ id: 'helpdesk-agent', version: 1 });
    const resolved = results.kras.flatMap((k) => k.kpis).find((k) => k.kpi_id === 'tickets-resolved');
    expect(resolved?.evidence_count).toBeGreaterThan(0);
    expect(resolved?.evidence_ids.length).toBe(Math.min(resolved?.evidence_count ?? 0, 1_000));
    expect(resolved?.evidence_ids[0]).toMatch(/\S/);
    expect(['exceeding', 'meeting', 'growing']).toContain(resolved?.label);
  });

  it('every seeded ISP binding gives a non-trivial value on the generated data', async () => {
    // Every seeded ISP KPI sits in one of the five role-group templates; across the people of
    // those groups and the two months each must be measured (not no data) and not zero for
    // everyone. Poll until compute has caught up, then assert on what it shows.
    const measured = async () => {
      const values = new Map<string, number[]>();
      for (const periodId of PERIODS)
        for (const p of ispStaff) {
          const r = await call<Results>(
            hr,
            'GET',
            `/api/v1/performance/results?period_id=${periodId}&employee_id=${p.id}`,
          );
          for (const k of r.status === 200 ? r.body.kras.flatMap((kra) => kra.kpis) : [])
            if (!UNIVERSAL_KPIS.includes(k.kpi_id))
              values.set(k.kpi_id, [
                ...(values.get(k.kpi_id) ?? []),
                ...(k.actual_value === null ? [] : [k.actual_value]),
              ]);
        }
      return values;
    };
    const trivial = (values: Map<string, number[]>) =>
      [...values].filter(([, v]) => !v.some((x) => x !== 0 && Number.isFinite(x))).map(([kpi]) => kpi);
    const values = await waitFor(
      async () => {
        const v = await measured();
        return v.size === 24 && trivial(v).length === 0 ? v : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        message: 'a non-zero actual for each of the 24 seeded ISP KPIs',
      },
    ).catch(() => measured());
    expect(values.size).toBe(24);
    expect(trivial(values)).toEqual([]);
  });

  it('review holds the scorecard; a manager override recomputes the total', async () => {
    card = await waitFor(
      async () => {
        const r = await call<{ items: ScorecardItem[] }>(
          hr,
          'GET',
          `/api/v1/review/scorecards?period_id=${PERIOD}`,
        );
        return r.body.items?.find((s) => s.employee_id === agent.id && s.total_score !== null);
      },
      { timeoutMs: 30_000, intervalMs: 250, message: `${agent.id}'s review scorecard` },
    );
    const manager = await token(['manager'], agent.managerId);
    const before = await call<{ total_score: number; kras: { kpis: { kpi_id: string; score: number }[] }[] }>(
      manager,
      'GET',
      `/api/v1/review/scorecards/${card.id}`,
    );
    expect(before.status).toBe(200);
    const current = before.body.kras.flatMap((k) => k.kpis).find((k) => k.kpi_id === 'csat')?.score ?? 0;
    const newScore = current >= 50 ? 0 : 100;
    const override = await call<{ total_score: number }>(
      manager,
      'POST',
      `/api/v1/review/scorecards/${card.id}/overrides`,
      {
        entity_type: 'kpi',
        entity_id: 'csat',
        new_score: newScore,
        reason: 'customer feedback the survey missed',
      },
    );
    expect(override.status).toBe(201);
    expect(override.body.total_score).not.toBeCloseTo(before.body.total_score, 2);
    const after = await call<{ total_score: number }>(manager, 'GET', `/api/v1/review/scorecards/${card.id}`);
    expect(after.body.total_score).toBeCloseTo(override.body.total_score, 6);
  });

  it('HR finalizes the period; a later override is refused; bonus decisions reach the export', async () => {
    const finalize = await call(hr, 'POST', `/api/v1/review/periods/${PERIOD}/finalize`);
    expect(finalize.status).toBe(200);
    const late = await call(hr, 'POST', `/api/v1/review/scorecards/${card.id}/overrides`, {
      entity_type: 'overall',
      new_score: 90,
      reason: 'too late',
    });
    expect(late.status).toBe(409);

    const csv = await waitFor(
      async () => {
        const r = await call<string>(
          hr,
          'GET',
          `/api/v1/reports/bonus-eligibility?period_id=${PERIOD}&format=csv`,
        );
        return r.status === 200 && r.body.includes(`${agent.id},${PERIOD},`) ? r.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: `${agent.id}'s bonus decision in the export` },
    );
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(
      'employee_id,period_id,eligible,factor,total_score,rating_band,failed_gates,policy_id,policy_version,decided_at',
    );
    const row = rows.find((r) => r.startsWith(`${agent.id},`))?.split(',') ?? [];
    expect(['true', 'false']).toContain(row[2]);
    expect(row[7]).toBe('standard-bonus');

    // Compute locked its results on review's period.finalized.
    await waitFor(
      async () => {
        const r = await call<{ periods: { id: string; status: string }[] }>(
          hr,
          'GET',
          '/api/v1/performance/periods?status=finalized',
        );
        return r.body.periods?.some((p) => p.id === PERIOD);
      },
      { timeoutMs: 30_000, intervalMs: 250, message: 'compute to finalize the period' },
    );
  });

  it('an employee sees only their own dashboard, in growth language', async () => {
    const me = await token(['employee'], agent.id);
    const dashboard = await call<{
      employee_id: string;
      scorecards: { period_id: string; status: string }[];
    }>(me, 'GET', '/api/v1/me/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.employee_id).toBe(agent.id);
    expect(dashboard.body.scorecards).toContainEqual(
      expect.objectContaining({ period_id: PERIOD, status: 'final' }),
    );
    const mine = await call<{ areas: { kpis: { label: string | null }[] }[] }>(
      me,
      'GET',
      `/api/v1/me/scorecards/${PERIOD}`,
    );
    expect(mine.status).toBe(200);
    const labels = mine.body.areas.flatMap((k) => k.kpis.map((p) => p.label)).filter((l) => l !== null);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(['exceeding', 'meeting', 'growing']).toContain(l);

    const list = await call<{ items: ScorecardItem[] }>(me, 'GET', '/api/v1/review/scorecards');
    expect(new Set(list.body.items.map((s) => s.employee_id))).toEqual(new Set([agent.id]));
    const colleague = ispStaff.find((p) => p.id !== agent.id) as Person;
    const theirs = await call(me, 'GET', `/api/v1/reports/trends?employee_id=${colleague.id}`);
    expect(theirs.status).toBe(404);
  });
});
