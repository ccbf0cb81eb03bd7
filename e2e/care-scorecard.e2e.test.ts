import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { call, devToken } from './support/gateway-client';

// A care provider's first month, with nothing configured by hand: the registry installs the seeded
// library for the fresh tenant; the tenant sends only HR employees, contracts with the support
// workers' contract template and October's rostered shifts. After a compute every support worker
// has a scorecard whose attendance-reliability actual is the share of rostered shifts worked as
// rostered (completed, clocked in within the 5-minute grace), with the five universal KPIs on it,
// and every active person has a result — scored, or unscored with the reason.

const TENANT = 'e2e-care';
const PERIOD = 'monthly:2026-10';
const UNIVERSAL = [
  'code-of-conduct-culture',
  'attendance-reliability',
  'whs-safety-compliance',
  'communication-responsiveness',
  'documentation-quality',
];

interface Kpi {
  kpi_id: string;
  actual_value: number | null;
  target_value: number;
  score: number | null;
  status: string;
  evidence_ids: string[];
  evidence_count: number;
  explanation: { origin?: { kpi: string; contract_template_id: string | null } };
}
interface Results {
  status: string;
  reason?: string;
  template: { id: string; version: number } | null;
  total_score: number | null;
  kras: { kra_id: string; kpis: Kpi[] }[];
}

let db: FreshDatabase;
let services: RunningServices;
let chdbDir: string;
/** The gateway's URL. */
let gateway: string;
let hr: string;
let admin: string;

const WORKERS = ['sw-1', 'sw-2', 'sw-3', 'sw-4'];
const PEOPLE = ['tl-1', ...WORKERS];

let version = 1;
const event = (source: string, entity: string, id: string, data: Record<string, unknown>) => ({
  source,
  entity,
  id,
  op: 'upsert',
  occurred_at: '2026-10-01T00:00:00Z',
  version: version++,
  data,
});
const person = (id: string, roleGroup: string) =>
  event('hr', 'employee', id, {
    name: `Person ${id}`,
    email: `${id}@care.example`,
    department_id: 'community-care',
    role: roleGroup === 'team_leaders' ? 'Team Leader' : 'Support Worker',
    role_group: roleGroup,
    // The leader is in no rostered team, so team-credited KPIs give them no data either.
    team_id: id === 'tl-1' ? 'team-leads' : 'team-north',
    ...(id === 'tl-1' ? {} : { manager_id: 'tl-1' }),
    hired_at: '2026-06-01T00:00:00Z',
    status: 'active',
  });
const contract = (employeeId: string) =>
  event('hr', 'contract', `c-${employeeId}`, {
    employee_id: employeeId,
    contract_template_id: 'ct-support_workers',
    kind: 'new',
    starts_at: '2026-07-01T00:00:00Z',
    status: 'active',
  });
/** A shift on a day at 09:00 UTC, clocked in `late` minutes after the start. */
let shiftSeq = 0;
const shift = (workerId: string, day: string, status: string, late = 0) => {
  const start = new Date(`${day}T09:00:00Z`);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
  return event('care', 'shift', `sh-${++shiftSeq}`, {
    worker_id: workerId,
    client_id: `client-${shiftSeq}`,
    team_id: 'team-north',
    scheduled_start: at(0),
    scheduled_end: at(180),
    ...(status === 'completed' ? { actual_start: at(late), actual_end: at(180) } : {}),
    status,
    late_notice: status === 'cancelled_by_worker',
    service_type: 'personal_care',
  });
};

// Rostered = completed | missed | cancelled_by_worker (the seeded default); worked as rostered =
// completed and clocked in no later than 5 minutes after the start.
const SHIFTS = [
  // sw-1: 3 of 4 on time (one 20 minutes late) → 75
  shift('sw-1', '2026-10-02', 'completed'),
  shift('sw-1', '2026-10-03', 'completed', 3),
  shift('sw-1', '2026-10-06', 'completed', 20),
  shift('sw-1', '2026-10-07', 'completed', 5),
  // sw-2: 2 of 4 rostered (a no-show, a worker cancellation; the provider's cancellation is not rostered) → 50
  shift('sw-2', '2026-10-02', 'completed'),
  shift('sw-2', '2026-10-08', 'completed', 1),
  shift('sw-2', '2026-10-09', 'missed'),
  shift('sw-2', '2026-10-13', 'cancelled_by_worker'),
  shift('sw-2', '2026-10-14', 'cancelled_by_provider'),
  // sw-3: 1 of 1 → 100; a September shift is outside the period
  shift('sw-3', '2026-10-20', 'completed', 4),
  shift('sw-3', '2026-09-30', 'missed'),
];
const EXPECTED: Record<string, { actual: number; rostered: number }> = {
  'sw-1': { actual: 75, rostered: 4 },
  'sw-2': { actual: 50, rostered: 4 },
  'sw-3': { actual: 100, rostered: 1 },
};

const results = (employeeId: string) =>
  call<Results>(gateway, 'GET', `/api/v1/performance/results?period_id=${PERIOD}&employee_id=${employeeId}`, {
    token: hr,
  });
const attendance = (r: Results) =>
  r.kras.flatMap((k) => k.kpis).find((k) => k.kpi_id === 'attendance-reliability');

beforeAll(async () => {
  db = await freshDatabase();
  chdbDir = mkdtempSync(join(tmpdir(), 'scorecard-care-chdb-'));
  const topicPrefix = uniqueTopicPrefix();
  services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX: topicPrefix,
      CHDB_PATH: chdbDir,
      SEED_TENANTS: TENANT,
      LOG_LEVEL: 'warn',
    },
    ports: 'free',
    // Six services compiling at once on a busy machine can take minutes.
    readyTimeoutMs: 300_000,
    logDir: join(tmpdir(), `scorecard-care-logs-${topicPrefix}`),
  });
  gateway = services.urls.gateway;
  const claims = (roles: string[]) => ({ sub: `user-${roles[0]}`, roles, tenant_id: TENANT });
  hr = await devToken(gateway, claims(['hr']));
  admin = await devToken(gateway, claims(['admin']));
}, 900_000);

afterAll(async () => {
  await services?.stop();
  await db?.drop();
  if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
});

// Each step waits on the pipeline; on a loaded machine that takes minutes, not seconds.
jest.setTimeout(300_000);

describe('a care provider from HR, contracts and shifts to scorecards', () => {
  it('the seeded library reaches the tenant', async () => {
    // The seeded attendance binding compiles in compute once the registry's events arrived.
    await waitFor(
      async () =>
        (await call(gateway, 'GET', '/api/v1/hr/templates/ct-support_workers/kpis', { token: hr })).status ===
          200 &&
        (
          await call(gateway, 'POST', '/api/v1/admin/bindings/attendance-reliability/preview', {
            token: admin,
            json: { employee_id: 'nobody', period_id: PERIOD },
          })
        ).status === 200,
      { timeoutMs: 60_000, intervalMs: 500, message: 'the seeded library in compute' },
    );
  });

  it('HR employees and contracts assign the contract template’s KPIs to each support worker', async () => {
    const people = [person('tl-1', 'team_leaders'), ...WORKERS.map((id) => person(id, 'support_workers'))];
    expect(
      (
        await call(gateway, 'POST', '/api/v1/ingest/events', {
          token: admin,
          json: { events: people },
        })
      ).status,
    ).toBe(202);
    const contracts = WORKERS.map(contract);
    expect(
      (
        await call(gateway, 'POST', '/api/v1/ingest/events', {
          token: admin,
          json: { events: contracts },
        })
      ).status,
    ).toBe(202);
    for (const id of WORKERS) {
      const kpis = await waitFor(
        async () => {
          const r = await call<{ items: { kpi_id: string; source: string }[] }>(
            gateway,
            'GET',
            `/api/v1/hr/staff/${id}/kpis`,
            { token: hr },
          );
          return r.status === 200 && r.body.items.length > 0 ? r.body.items : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, message: `${id}'s staff KPIs` },
      );
      expect(kpis.map((k) => k.kpi_id)).toEqual(expect.arrayContaining(UNIVERSAL));
      expect(new Set(kpis.map((k) => k.source))).toEqual(new Set(['template']));
    }
  });

  it('after a compute, each support worker’s attendance is the share of rostered shifts worked as rostered', async () => {
    expect(
      (
        await call(gateway, 'POST', '/api/v1/ingest/events', {
          token: admin,
          json: { events: SHIFTS },
        })
      ).status,
    ).toBe(202);
    const period = await call(gateway, 'POST', '/api/v1/performance/periods', {
      token: hr,
      json: { frequency: 'monthly', start: '2026-10-01' },
    });
    expect([200, 201]).toContain(period.status);
    const run = await call<{ run_id: string }>(
      gateway,
      'POST',
      `/api/v1/performance/compute?period_id=${PERIOD}`,
      {
        token: hr,
      },
    );
    expect(run.status).toBe(202);
    await waitFor(
      async () =>
        (
          await call<{ status: string }>(gateway, 'GET', `/api/v1/performance/runs/${run.body.run_id}`, {
            token: hr,
          })
        ).body.status === 'succeeded',
      { timeoutMs: 60_000, intervalMs: 500, message: 'the compute run' },
    );
    for (const [id, expected] of Object.entries(EXPECTED)) {
      // Facts and staff KPIs that arrive after the run are scored by the incremental path.
      const r = await waitFor(
        async () => {
          const got = await results(id);
          const a = got.status === 200 ? attendance(got.body) : undefined;
          // …and the contract's staff KPIs, which reach compute from review.
          return a?.actual_value === expected.actual &&
            a.evidence_count === expected.rostered &&
            a.explanation.origin?.contract_template_id
            ? got.body
            : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, message: `${id}'s attendance of ${expected.actual}` },
      );
      expect(r.status).toBe('provisional');
      expect(r.template).toEqual({ id: 'support-workers', version: 1 });
      const kpis = r.kras.flatMap((k) => k.kpis);
      expect(kpis.map((k) => k.kpi_id)).toEqual(expect.arrayContaining(UNIVERSAL));
      const a = attendance(r) as Kpi;
      // Target 98 on the 0–100 scale, linear: 75 → 76.53…, 50 → 51.02…, 100 → 100 (cap).
      expect(a.target_value).toBe(98);
      expect(a.score).toBeCloseTo(Math.min(100, (100 * expected.actual) / 98), 8);
      expect(a.evidence_ids).toHaveLength(expected.rostered);
      expect(a.explanation.origin).toMatchObject({
        kpi: 'template',
        contract_template_id: 'ct-support_workers',
      });
      expect(r.total_score).not.toBeNull();
    }
  });

  it('nobody active is missing from results: people with nothing to score are unscored with the reason', async () => {
    for (const id of PEOPLE) {
      const r = await results(id);
      expect(r.status).toBe(200);
      expect(['provisional', 'unscored']).toContain(r.body.status);
    }
    // sw-4 has the support workers' KPIs but no shifts (nor any other record); the team leader has
    // a template and no records.
    for (const id of ['sw-4', 'tl-1'])
      expect((await results(id)).body).toMatchObject({
        status: 'unscored',
        reason: 'no_data',
        total_score: null,
      });
    const queue = await waitFor(
      async () => {
        const r = await call<{ items: { employee_id: string; reason: string }[] }>(
          gateway,
          'GET',
          `/api/v1/review/exceptions?type=unscored&period_id=${PERIOD}`,
          { token: hr },
        );
        return r.body.items?.length === 2 ? r.body.items : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: 'the unscored queue' },
    );
    expect(queue.map((q) => [q.employee_id, q.reason])).toEqual([
      ['sw-4', 'no_data'],
      ['tl-1', 'no_data'],
    ]);
  });
});
