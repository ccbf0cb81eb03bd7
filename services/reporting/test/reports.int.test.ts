import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createClickHouse, migrateClickHouse, type ClickHouseClient } from '@scorecard/clickhouse';
import { createServiceApp, identityHeaders } from '@scorecard/http';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { refreshGroupAggregates } from '../src/adapters/clickhouse/group-aggregates';
import { departmentTrend } from '../src/adapters/clickhouse/report-queries';
import { writePeople, type PersonRow } from '../src/adapters/clickhouse/people-store';
import { writeScores } from '../src/adapters/clickhouse/score-store';
import { writeBonusDecisions } from '../src/adapters/clickhouse/bonus-store';
import { writeOrgUnits } from '../src/adapters/clickhouse/names-store';
import { reportingRoutes } from '../src/adapters/http/routes';

// Real embedded ClickHouse (chdb): the SQL here is the SQL a ClickHouse server runs.

let dir: string;
let ch: ClickHouseClient;
let server: Server;
let base: string;

const T = 'acme';
const person = (id: string, department: string, manager: string, version = 1): PersonRow => ({
  tenant_id: T,
  employee_id: id,
  name: `Person ${id}`,
  department_id: department,
  role_group: department === 'support' ? 'helpdesk_agent' : 'field_technician',
  team_id: '',
  manager_id: manager,
  status: 'active',
  version,
});

const month = (m: number) => {
  const start = new Date(Date.UTC(2026, m - 1, 1)).toISOString();
  const end = new Date(Date.UTC(2026, m, 1)).toISOString();
  return { id: `monthly:2026-${String(m).padStart(2, '0')}`, start, end, frequency: 'monthly' };
};

/** A score event as compute publishes it (the generated message shape). */
function score(
  employee: string,
  m: number,
  total: number,
  csatActual: number,
  computedAt = `2026-${String(m).padStart(2, '0')}-28T00:00:00Z`,
) {
  return {
    score: {
      tenantId: T,
      employeeId: employee,
      period: month(m),
      template: { id: 'tpl-helpdesk', version: 2 },
      status: 1,
      totalScore: total,
      ratingBand: total >= 85 ? 'Outstanding' : total >= 70 ? 'Exceeds' : total >= 50 ? 'Meets' : 'Below',
      kras: [
        {
          kraId: 'customer',
          name: 'Customer',
          score: total,
          weight: 100,
          kpis: [
            {
              kpiId: 'csat',
              slug: 'csat',
              actual: csatActual,
              score: total,
              weight: 100,
              weightedScore: total,
              status: 'scored',
              label: 'meeting',
              evidenceCount: 3,
              explanationJson: '{}',
            },
          ],
        },
      ],
      computedAt,
      runId: 'r1',
      inputsHash: 'h',
    },
    traceId: '',
  } as unknown as Parameters<typeof writeScores>[1][number];
}

const get = async (path: string, roles: string[], employeeId?: string, tenantId = T) => {
  const res = await fetch(base + path, {
    headers: identityHeaders({ subject: 'u', tenantId, roles, ...(employeeId ? { employeeId } : {}) }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: res.headers.get('content-type')?.includes('json')
      ? ((await res.json()) as Record<string, unknown>)
      : await res.text(),
  };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reporting-int-'));
  ch = await createClickHouse({ chdbPath: dir, database: 'reports_test' });
  await migrateClickHouse(ch, {
    database: 'reports_test',
    dir: join(__dirname, '..', 'clickhouse-migrations'),
  });
  // support: 5 people under m1 (m1 under boss); field: 3 people under m2 — too small to show.
  await writePeople(ch, [
    person('m1', 'support', 'boss'),
    ...['s1', 's2', 's3', 's4'].map((id) => person(id, 'support', 'm1')),
    ...['f1', 'f2', 'f3'].map((id) => person(id, 'field', 'm2')),
  ]);
  // HR names the support department (twice: the newer name wins); field is never named.
  await writeOrgUnits(ch, [
    { tenant_id: T, id: 'support', name: 'Helpdesk', kind: 'department', status: 'active', version: 1 },
    {
      tenant_id: T,
      id: 'support',
      name: 'Customer Support',
      kind: 'department',
      status: 'active',
      version: 2,
    },
  ]);
  const scores = [];
  // Four months of steady CSAT for s1, then a collapse in month 5.
  for (let m = 1; m <= 4; m++) scores.push(score('s1', m, 80, 4.5 + (m % 2) * 0.1));
  scores.push(score('s1', 5, 40, 2.0));
  for (const [id, total] of [
    ['m1', 90],
    ['s2', 70],
    ['s3', 60],
    ['s4', 30],
    ['f1', 88],
    ['f2', 77],
    ['f3', 66],
  ] as const) {
    scores.push(score(id, 5, total, 4));
  }
  // A replayed, older event for s2 must not replace the newer one.
  scores.push(score('s2', 5, 10, 1, '2026-05-01T00:00:00Z'));
  await writeScores(ch, scores);
  await refreshGroupAggregates(ch, T, ['monthly:2026-05', 'monthly:2026-01']);
  await writeBonusDecisions(ch, [
    {
      tenantId: T,
      employeeId: 's1',
      period: month(5),
      eligible: false,
      factor: 0,
      totalScore: 40,
      ratingBand: 'Below',
      failedGates: [{ gate: 'overall_min', detail: '40 < 50' }],
      policy: { id: 'p1', version: 1 },
      decidedAt: '2026-06-02T00:00:00Z',
    },
    {
      tenantId: T,
      employeeId: 'm1',
      period: month(5),
      eligible: true,
      factor: 1.2,
      totalScore: 90,
      ratingBand: 'Outstanding',
      failedGates: [],
      policy: { id: 'p1', version: 1 },
      decidedAt: '2026-06-02T00:00:00Z',
    },
  ] as unknown as Parameters<typeof writeBonusDecisions>[1]);

  const { app } = createServiceApp({
    service: 'reporting',
    logger: createLogger({ service: 'reporting', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics: createMetrics('reporting'),
    readiness: [],
    routes: reportingRoutes({ clickhouse: ch }),
  });
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await ch?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reports over ClickHouse', () => {
  it('heatmap averages the latest scores per department and hides groups under four people', async () => {
    const r = await get(
      '/api/v1/reports/heatmap?rows=department&cols=kpi&period_from=2026-05-01&period_to=2026-06-01',
      ['hr'],
    );
    expect(r.status).toBe(200);
    const body = r.body as {
      cells: { row: string; col: string; avg_score: number; people: number }[];
      hidden_cells: number;
    };
    // support in May: m1 90, s1 40, s2 70 (the replayed 10 is older), s3 60, s4 30 → 58.
    expect(body.cells).toEqual([
      { row: 'support', row_name: 'Customer Support', col: 'csat', avg_score: 58, people: 5 },
    ]);
    expect(body.hidden_cells).toBe(1);
  });

  it('heatmap by period uses overall scores', async () => {
    const r = await get('/api/v1/reports/heatmap?rows=role_group&cols=period', ['exec']);
    const cells = (r.body as { cells: { row: string; col: string; avg_score: number }[] }).cells;
    expect(cells).toContainEqual({
      row: 'helpdesk_agent',
      row_name: null,
      col: 'monthly:2026-05',
      avg_score: 58,
      people: 5,
    });
    expect(cells.find((c) => c.col === 'monthly:2026-01')).toBeUndefined(); // one person in January: hidden
  });

  it('leaderboard ranks a manager’s reporting line only', async () => {
    const all = await get('/api/v1/reports/leaderboard?period_id=monthly:2026-05&limit=3', ['hr']);
    const top = (all.body as { entries: { employee_id: string; department_name: string | null }[] }).entries;
    expect(top.map((e) => [e.employee_id, e.department_name])).toEqual([
      ['m1', 'Customer Support'],
      ['f1', null],
      ['f2', null],
    ]);
    const team = await get('/api/v1/reports/leaderboard?period_id=monthly:2026-05', ['manager'], 'm1');
    expect((team.body as { entries: { employee_id: string; score: number }[] }).entries).toEqual([
      expect.objectContaining({ employee_id: 's2', score: 70, rank: 1 }),
      expect.objectContaining({ employee_id: 's3', score: 60, rank: 2 }),
      expect.objectContaining({ employee_id: 's1', score: 40, rank: 3 }),
      expect.objectContaining({ employee_id: 's4', score: 30, rank: 4 }),
    ]);
    const small = await get('/api/v1/reports/leaderboard?period_id=monthly:2026-05&department_id=field', [
      'hr',
    ]);
    expect(small.body).toMatchObject({ entries: [], hidden: true });
  });

  it('distribution counts rating bands and a histogram', async () => {
    const r = await get('/api/v1/reports/distribution?period_id=monthly:2026-05&department_id=support', [
      'hr',
    ]);
    expect(r.body).toMatchObject({
      people: 5,
      rating_bands: [
        { rating_band: 'Below', people: 2 },
        { rating_band: 'Exceeds', people: 1 },
        { rating_band: 'Meets', people: 1 },
        { rating_band: 'Outstanding', people: 1 },
      ],
    });
    expect((r.body as { histogram: { from: number; people: number }[] }).histogram).toEqual([
      { from: 30, to: 40, people: 1 },
      { from: 40, to: 50, people: 1 },
      { from: 60, to: 70, people: 1 },
      { from: 70, to: 80, people: 1 },
      { from: 90, to: 100, people: 1 },
    ]);
  });

  it('flags a KPI actual far from the person’s own history', async () => {
    const r = await get('/api/v1/reports/anomalies?period_id=monthly:2026-05', ['hr']);
    const flags = (
      r.body as {
        flags: { employee_id: string; kpi_id: string; actual: number; history: number; z_score: number }[];
      }
    ).flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ employee_id: 's1', kpi_id: 'csat', actual: 2, history: 4 });
    expect(flags[0]!.z_score).toBeLessThan(-3);
  });

  it('exports bonus eligibility as JSON and CSV', async () => {
    const json = await get('/api/v1/reports/bonus-eligibility?period_id=monthly:2026-05', ['hr']);
    expect(
      (json.body as { rows: { employee_id: string; eligible: boolean; failed_gates: string[] }[] }).rows,
    ).toEqual([
      expect.objectContaining({
        employee_id: 'm1',
        name: 'Person m1',
        eligible: true,
        factor: 1.2,
        failed_gates: [],
      }),
      expect.objectContaining({
        employee_id: 's1',
        name: 'Person s1',
        eligible: false,
        factor: 0,
        failed_gates: ['overall_min'],
      }),
    ]);
    const csv = await get('/api/v1/reports/bonus-eligibility?period_id=monthly:2026-05&format=csv', ['exec']);
    expect(csv.type).toContain('text/csv');
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).toBe(
      'employee_id,period_id,eligible,factor,total_score,rating_band,failed_gates,policy_id,policy_version,decided_at',
    );
    expect(lines[2]).toBe('s1,monthly:2026-05,false,0,40,Below,overall_min,p1,1,2026-06-02T00:00:00.000Z');
  });

  it('enforces who may read what', async () => {
    expect((await get('/api/v1/reports/heatmap?rows=department&cols=kpi', ['manager'], 'm1')).status).toBe(
      403,
    );
    expect(
      (await get('/api/v1/reports/bonus-eligibility?period_id=monthly:2026-05', ['employee'], 's1')).status,
    ).toBe(403);
    expect((await get('/api/v1/reports/trends?employee_id=s1', ['employee'], 's1')).status).toBe(200);
    expect((await get('/api/v1/reports/trends?employee_id=s2', ['employee'], 's1')).status).toBe(404);
    expect((await get('/api/v1/reports/trends?employee_id=s4', ['manager'], 'm1')).status).toBe(200);
    expect((await get('/api/v1/reports/trends?employee_id=f1', ['manager'], 'm1')).status).toBe(404);
    const other = await get('/api/v1/reports/trends?employee_id=s1', ['hr'], undefined, 'globex');
    expect((other.body as { points: unknown[] }).points).toEqual([]);
  });

  it('trends a department only where it has at least four people', async () => {
    const support = await get('/api/v1/reports/trends?department_id=support', ['hr']);
    expect((support.body as { points: unknown[] }).points).toEqual([
      { period_id: 'monthly:2026-05', period_start: '2026-05-01T00:00:00.000Z', score: 58, people: 5 },
    ]);
    const field = await get('/api/v1/reports/trends?department_id=field&kpi_id=csat', ['exec']);
    expect((field.body as { points: unknown[] }).points).toEqual([]);
    expect((await get('/api/v1/reports/trends?department_id=support', ['manager'], 'm1')).status).toBe(403);
  });

  it('a refresh never leaves a reader meanwhile without the period: old aggregates or new ones', async () => {
    const reads: number[] = [];
    let done = false;
    const refresh = refreshGroupAggregates(ch, T, ['monthly:2026-05']).finally(() => (done = true));
    while (!done) {
      const support = (await departmentTrend(ch, T, 'support')).find(
        (p) => p.period_id === 'monthly:2026-05',
      );
      reads.push(support?.score ?? Number.NaN);
    }
    await refresh;
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r !== 58)).toEqual([]);
    // And the refresh left one row per key, not the old ones beside the new.
    const [row] = await ch
      .query({
        query: `SELECT count() AS n FROM group_period_scores WHERE tenant_id = {t:String} AND period_id = 'monthly:2026-05'
                AND group_kind = 'department' AND group_id = 'support' AND col_kind = 'overall'`,
        query_params: { t: T },
        format: 'JSONEachRow',
      })
      .then((r) => r.json<{ n: number | string }>());
    expect(Number(row?.n)).toBe(1);
  });

  it('names the bad parameter', async () => {
    const r = await get('/api/v1/reports/heatmap?rows=planet&cols=kpi', ['hr']);
    expect(r.status).toBe(400);
    expect((r.body as { errors: { path: string }[] }).errors[0]?.path).toBe('rows');
  });

  it('shows a person their trend, oldest first, from the latest event per period', async () => {
    const r = await get('/api/v1/reports/trends?employee_id=s1&kpi_id=csat', ['employee'], 's1');
    const points = (r.body as { points: { period_id: string; actual: number }[] }).points;
    expect(points.map((p) => p.period_id)).toEqual([
      'monthly:2026-01',
      'monthly:2026-02',
      'monthly:2026-03',
      'monthly:2026-04',
      'monthly:2026-05',
    ]);
    expect(points[4]?.actual).toBe(2);
  });
});
