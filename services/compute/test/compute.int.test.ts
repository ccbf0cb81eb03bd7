import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { freshDatabase, waitFor, type FreshDatabase } from '@scorecard/testkit';
import { createLogger } from '@scorecard/telemetry';
import { openPeriod } from '../src/app/open-period';
import { recomputeDirty } from '../src/app/recompute-dirty';
import { recordFacts } from '../src/app/record-source-events';
import { executeRun, PeriodClosedError } from '../src/app/run-compute';
import { claimRun, getRun, requestRun } from '../src/adapters/postgres/runs-store';
import { finalizePeriod, getPeriod } from '../src/adapters/postgres/periods-store';
import { readResult } from '../src/adapters/postgres/results-store';
import { readEvidence } from '../src/app/read-evidence';
import { evaluateActuals, planValidBindings, queryOn } from '../src/app/evaluate-actuals';
import { prepareScores, writeScores } from '../src/app/score-people';
import { loadTenantConfig } from '../src/adapters/postgres/config-store';
import { peopleByIds } from '../src/adapters/postgres/people-store';
import { employee, fact, kpi, openComputeDb, record, seedConfig, ticketBinding } from './fixtures';

const logger = createLogger({ service: 'compute-test', level: 'silent' });
const now = () => new Date('2026-11-20T00:00:00Z');
const PERIOD = 'monthly:2026-11';
let db: FreshDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await freshDatabase();
  ds = await openComputeDb(db.url);
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

/** KPIs: tickets closed (guarded by CSAT p90), team tickets, CSAT p90, and a manual KPI. */
async function seedTenant(tenantId: string) {
  await seedConfig(ds, tenantId, [
    kpi('k-closed', { target: 2 }),
    kpi('k-team', { target: 4 }),
    kpi('k-csat', { target: 5 }),
    kpi('k-manual', { automation_status: 'manual' }),
    ticketBinding('b-closed', 'k-closed'),
    ticketBinding('b-team', 'k-team', { ownership: { rule: 'team' } }),
    ticketBinding('b-csat', 'k-csat', { aggregation: { fn: 'percentile', field: 'csat', p: 0.9 } }),
    { type: 'kra', id: 'kra-output', state: { name: 'Output' } },
    { type: 'kra', id: 'kra-quality', state: { name: 'Quality' } },
    {
      type: 'template',
      id: 'tpl-support',
      state: {
        name: 'Support',
        scope: { role_group: 'support' },
        effective_from: '2026-01-01',
        kras: [
          {
            kra_id: 'kra-output',
            weight: 60,
            kpis: [
              { kpi_id: 'k-closed', weight: 2 },
              { kpi_id: 'k-team', weight: 1 },
            ],
          },
          { kra_id: 'kra-quality', weight: 40, kpis: [{ kpi_id: 'k-csat' }, { kpi_id: 'k-manual' }] },
        ],
        guardrails: [{ primary_kpi_ids: ['k-closed'], guardrail_kpi_ids: ['k-csat'], min_score: 95 }],
      },
    },
  ]);
  await record(ds, [
    employee(tenantId, 'mia', { role_group: 'lead', team_id: 't0' }),
    employee(tenantId, 'ada', { role_group: 'support', team_id: 't1', manager_id: 'mia' }),
    employee(tenantId, 'bob', { role_group: 'support', team_id: 't1', manager_id: 'mia' }),
    employee(tenantId, 'cy', { role_group: 'support', team_id: 't2', manager_id: 'mia' }),
  ]);
  await inTransaction(ds, (em) => openPeriod(em, tenantId, 'monthly', '2026-11-01', 'UTC'));
}

/** Ada's tickets; T1 is reassigned to bob a week after ada closed it. */
function adaTickets(tenantId: string) {
  const closed = (id: string, at: string, csat: number, extra: Record<string, unknown> = {}) =>
    fact(tenantId, id, 2, at, {
      status: 'closed',
      closed_at: at,
      assigned_to: 'ada',
      team_id: 't1',
      csat,
      ...extra,
    });
  return [
    fact(tenantId, 'T1', 1, '2026-11-02T08:00:00Z', { status: 'open', assigned_to: 'ada', team_id: 't1' }),
    closed('T1', '2026-11-03T09:00:00Z', 5),
    fact(tenantId, 'T1', 3, '2026-11-10T09:00:00Z', {
      status: 'closed',
      closed_at: '2026-11-03T09:00:00Z',
      assigned_to: 'bob',
      team_id: 't1',
      csat: 5,
    }),
    closed('T2', '2026-11-04T09:00:00Z', 4),
    closed('T3', '2026-11-05T09:00:00Z', 3),
    closed('T4', '2026-11-06T09:00:00Z', 2),
    closed('T5', '2026-11-07T09:00:00Z', 1),
    // Outside the period (half-open end) and not closed: no credit.
    closed('T6', '2026-12-01T00:00:00Z', 5),
    fact(tenantId, 'T7', 1, '2026-11-08T00:00:00Z', { status: 'open', assigned_to: 'ada', team_id: 't1' }),
  ];
}

async function computeAll(tenantId: string) {
  const run = await inTransaction(ds, (em) => requestRun(em, tenantId, PERIOD, null, 'api'));
  const claimed = await inTransaction(ds, (em) => claimRun(em, 60_000));
  expect(claimed?.id).toBe(run.id);
  await executeRun(ds, claimed!, { chunkSize: 100, now, logger });
}

const kpiOf = (r: Awaited<ReturnType<typeof readResult>>, id: string) =>
  r?.kras.flatMap((k) => k.kpis).find((k) => k.kpi_id === id);

describe('compute: bindings, ownership and scoring', () => {
  beforeAll(async () => {
    await seedTenant('acme');
    await record(ds, adaTickets('acme'));
    await computeAll('acme');
  });

  it('credits the owner at closing time: a reassignment after close does not move credit', async () => {
    const ada = await readResult(ds.manager, 'acme', PERIOD, 'ada');
    const bob = await readResult(ds.manager, 'acme', PERIOD, 'bob');
    expect(kpiOf(ada, 'k-closed')).toMatchObject({
      actual_value: 5,
      evidence_count: 5,
      evidence_ids: ['T1', 'T2', 'T3', 'T4', 'T5'],
    });
    expect(kpiOf(bob, 'k-closed')).toMatchObject({
      actual_value: null,
      status: 'no_data',
      score: null,
      evidence_count: 0,
    });
  });

  it('evidence: the record ids and their source per KPI, for the person, their managers and HR only', async () => {
    const read = (caller: { roles: string[]; employeeId?: string }, employeeId: string) =>
      readEvidence(ds.manager, { tenantId: 'acme', ...caller }, PERIOD, employeeId);
    const own = await read({ roles: ['employee'], employeeId: 'ada' }, 'ada');
    expect(own.code).toBe('ok');
    const kpis = own.code === 'ok' ? own.kpis : [];
    expect(kpis.find((k) => k.kpi_id === 'k-closed')).toEqual({
      kra_id: 'kra-output',
      kpi_id: 'k-closed',
      evidence_ids: ['T1', 'T2', 'T3', 'T4', 'T5'],
      evidence_count: 5,
      source: { domain: 'ticketing', entity: 'ticket' },
    });
    // A KPI without a binding has no source and no records.
    expect(kpis.find((k) => k.kpi_id === 'k-manual')).toMatchObject({ evidence_count: 0, source: null });
    expect((await read({ roles: ['employee'], employeeId: 'bob' }, 'ada')).code).toBe('forbidden');
    expect((await read({ roles: ['manager'], employeeId: 'mia' }, 'ada')).code).toBe('ok');
    expect((await read({ roles: ['manager'], employeeId: 'cy' }, 'ada')).code).toBe('forbidden');
    expect((await read({ roles: ['hr'] }, 'ada')).code).toBe('ok');
    expect((await read({ roles: ['hr'] }, 'nobody')).code).toBe('not_found');
  });

  it('team rule: every member of the owning team at the time gets the team value', async () => {
    const ada = await readResult(ds.manager, 'acme', PERIOD, 'ada');
    const bob = await readResult(ds.manager, 'acme', PERIOD, 'bob');
    const cy = await readResult(ds.manager, 'acme', PERIOD, 'cy');
    expect(kpiOf(ada, 'k-team')).toMatchObject({ actual_value: 5, evidence_count: 5 });
    expect(kpiOf(bob, 'k-team')).toMatchObject({ actual_value: 5, evidence_count: 5 });
    expect(kpiOf(cy, 'k-team')).toMatchObject({ actual_value: null, status: 'no_data' });
  });

  it('percentile binding: p90 of CSAT by percentile_cont', async () => {
    const ada = await readResult(ds.manager, 'acme', PERIOD, 'ada');
    // percentile_cont(0.9) over 1..5 = 4 + 0.6 × (5 − 4)
    expect(kpiOf(ada, 'k-csat')?.actual_value).toBeCloseTo(4.6, 10);
    expect(kpiOf(ada, 'k-csat')?.score).toBeCloseTo(92, 10);
  });

  it('guardrail: CSAT under min_score caps tickets closed, and the explanation says so', async () => {
    const closed = kpiOf(await readResult(ds.manager, 'acme', PERIOD, 'ada'), 'k-closed');
    expect(closed?.score).toBeCloseTo(92, 10);
    const explanation = closed?.explanation as {
      caps: { kind: string; cap: number; reason: string }[];
      steps: { step: string }[];
    };
    const guardrail = explanation.caps.filter((c) => c.kind === 'guardrail');
    expect(guardrail).toHaveLength(1);
    expect(guardrail[0]?.cap).toBeCloseTo(92, 10);
    expect(guardrail[0]?.reason).toContain('k-csat');
    expect(explanation.steps.map((s) => s.step)).toContain('guardrail_cap');
  });

  it('no data renormalizes: KPIs and KRAs without data leave the roll-up with their weight', async () => {
    const bob = await readResult(ds.manager, 'acme', PERIOD, 'bob');
    // bob: k-team 5/4 → 100 (cap 1); k-closed no data; quality KRA has no data at all.
    expect(bob?.kras.map((k) => [k.kra_id, k.score])).toEqual([
      ['kra-output', 100],
      ['kra-quality', null],
    ]);
    expect(bob?.total_score).toBe(100);
    expect(bob?.rating_band).toBe('Outstanding');
    expect(bob?.template).toEqual({ id: 'tpl-support', version: 1 });
  });

  it('the scope picks the template: the lead has none, no staff KPIs, and is unscored with the reason', async () => {
    expect(await readResult(ds.manager, 'acme', PERIOD, 'mia')).toMatchObject({
      status: 'unscored',
      reason: 'no_kpis_assigned',
      template: null,
      total_score: null,
      kras: [],
    });
  });

  it('a new fact in the open period marks its owner dirty and the incremental path republishes', async () => {
    await inTransaction(ds, (em) => em.query(`DELETE FROM dirty_scores`));
    const events = async () =>
      (
        await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox WHERE topic = 'scorecard.score.computed.v1'`,
        )
      )[0]?.n;
    const before = await events();
    await record(ds, [
      fact('acme', 'T8', 2, '2026-11-09T00:00:00Z', {
        status: 'closed',
        closed_at: '2026-11-09T00:00:00Z',
        assigned_to: 'cy',
        team_id: 't2',
        csat: 5,
      }),
    ]);
    const dirty = await ds.query<{ employee_id: string }[]>(
      `SELECT employee_id FROM dirty_scores ORDER BY 1`,
    );
    expect(dirty.map((d) => d.employee_id)).toEqual(['cy']);
    expect(await recomputeDirty(ds, { limit: 100, now })).toBe(1);
    expect(kpiOf(await readResult(ds.manager, 'acme', PERIOD, 'cy'), 'k-closed')).toMatchObject({
      actual_value: 1,
      evidence_ids: ['T8'],
    });
    expect(await events()).toBe((before ?? 0) + 1);
  });
});

describe('compute: idempotence', () => {
  const snapshot = (tenantId: string) =>
    ds.query<{ employee_id: string }[]>(
      `SELECT employee_id, kra_id, kpi_id, actual_value, raw, score, weight, weighted_score, score_status, evidence_ids, evidence_count, explanation
       FROM kpi_results WHERE tenant_id = $1 ORDER BY employee_id, kra_id, kpi_id`,
      [tenantId],
    );

  it('duplicated, replayed and out-of-order events give the same facts and identical results', async () => {
    await seedTenant('replay');
    const events = adaTickets('replay');
    // Newest versions first, each event twice, then the whole batch replayed.
    const shuffled = [...events].reverse().flatMap((e) => [e, { ...e, eventId: `${e.eventId}-again` }]);
    await record(ds, shuffled);
    await record(ds, events);
    await computeAll('replay');
    const facts = (tenantId: string) =>
      ds.query(
        `SELECT entity_id, version, valid_from, valid_to, is_latest FROM source_facts WHERE tenant_id = $1 AND source = 'ticketing' AND entity_id <> 'T8' ORDER BY 1, 2`,
        [tenantId],
      );
    expect(await facts('replay')).toEqual(await facts('acme'));
    const acme = (await snapshot('acme')).filter((r) => r.employee_id !== 'cy');
    const replay = (await snapshot('replay')).filter((r) => r.employee_id !== 'cy');
    expect(replay).toEqual(acme);
  });

  it('recomputing with the same inputs rewrites nothing', async () => {
    const before = await ds.query<unknown[]>(
      `SELECT employee_id, computed_at, inputs_hash FROM performance_results WHERE tenant_id = 'replay' ORDER BY 1`,
    );
    await computeAll('replay');
    const after = await ds.query<unknown[]>(
      `SELECT employee_id, computed_at, inputs_hash FROM performance_results WHERE tenant_id = 'replay' ORDER BY 1`,
    );
    expect(after).toEqual(before);
  });

  it('a chunk scored before another writer replaced a result is scored again, not written stale', async () => {
    const tenantId = 'replay';
    const period = (await getPeriod(ds.manager, tenantId, PERIOD))!;
    const config = await loadTenantConfig(ds.manager, tenantId);
    const people = await peopleByIds(ds.manager, tenantId, ['ada', 'bob']);
    const { plan } = planValidBindings(config.bindings.values());
    const actuals = await evaluateActuals(queryOn(ds), tenantId, period, plan);
    const ctx = { tenantId, period, config, actuals, runId: null, now };
    const results = () =>
      ds.query<{ employee_id: string; total_score: number; inputs_hash: string }[]>(
        `SELECT employee_id, total_score, inputs_hash FROM performance_results WHERE tenant_id = $1 ORDER BY 1`,
        [tenantId],
      );
    const before = await results();
    // Inputs unchanged: nothing to write when prepared.
    const prepared = await prepareScores(ds.manager, ctx, people);
    expect(prepared.changed).toEqual([]);
    // Meanwhile another writer replaces ada's result.
    await ds.query(
      `UPDATE performance_results SET total_score = 1, inputs_hash = 'other' WHERE tenant_id = $1 AND employee_id = 'ada'`,
      [tenantId],
    );
    const changed = await inTransaction(ds, (em) => writeScores(em, ctx, prepared));
    expect(changed).toBe(1);
    expect(await results()).toEqual(before);
  });
});

describe('compute: runs', () => {
  it('a run killed midway resumes after its last chunk and finishes with correct results', async () => {
    const tenantId = 'big';
    await seedTenant(tenantId);
    const people = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    await record(
      ds,
      people.map((p) => employee(tenantId, p, { role_group: 'support', team_id: `team-${p}` })),
    );
    // Person i closed i % 4 tickets. With the four people of seedTenant: 34 to score.
    await record(
      ds,
      people.flatMap((p, i) =>
        Array.from({ length: i % 4 }, (_, j) =>
          fact(tenantId, `${p}-T${j}`, 1, '2026-11-10T00:00:00Z', {
            status: 'closed',
            closed_at: '2026-11-10T00:00:00Z',
            assigned_to: p,
            csat: 5,
          }),
        ),
      ),
    );
    const { id } = await inTransaction(ds, (em) => requestRun(em, tenantId, PERIOD, null, 'cli'));
    const first = await inTransaction(ds, (em) => claimRun(em, 60_000));
    const crash = new Error('killed');
    await expect(
      executeRun(ds, first!, {
        chunkSize: 7,
        now,
        logger,
        afterChunk: (done) => {
          if (done >= 14) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await getRun(ds.manager, tenantId, id)).toMatchObject({ status: 'running', done: 14, total: 34 });
    // Nobody else may take it while its heartbeat is fresh; once stale, a worker resumes it.
    expect(await inTransaction(ds, (em) => claimRun(em, 60_000))).toBeNull();
    const resumed = await inTransaction(ds, (em) => claimRun(em, 0));
    expect(resumed).toMatchObject({ id, cursor: expect.any(String) as string, attempts: 2 });
    await executeRun(ds, resumed!, { chunkSize: 7, now, logger });
    expect(await getRun(ds.manager, tenantId, id)).toMatchObject({
      status: 'succeeded',
      done: 34,
      total: 34,
    });
    const rows = await ds.query<{ employee_id: string; actual_value: number | null }[]>(
      `SELECT employee_id, actual_value FROM kpi_results WHERE tenant_id = $1 AND kpi_id = 'k-closed' AND employee_id LIKE 'p%' ORDER BY 1`,
      [tenantId],
    );
    expect(rows).toEqual(
      people.map((p, i) => ({ employee_id: p, actual_value: i % 4 === 0 ? null : i % 4 })),
    );
  });

  it('a finalized period refuses changes in the database and runs refuse it', async () => {
    const tenantId = 'acme';
    const period = await getPeriod(ds.manager, tenantId, PERIOD);
    await inTransaction(ds, (em) => finalizePeriod(em, tenantId, period!, '2026-12-05T00:00:00Z'));
    await expect(ds.query(`UPDATE kpi_results SET score = 0 WHERE tenant_id = 'acme'`)).rejects.toMatchObject(
      { code: '55S01' },
    );
    await expect(ds.query(`DELETE FROM performance_results WHERE tenant_id = 'acme'`)).rejects.toMatchObject({
      code: '55S01',
    });
    await expect(
      ds.query(`UPDATE periods SET status = 'open' WHERE tenant_id = 'acme'`),
    ).rejects.toMatchObject({ code: '55S01' });
    // Closed to new rows too: a copy of a stored row under another person is refused, while the
    // same copy into an open period goes in (so the refusal is about the period, not the row).
    const copyInto = (table: string, periodId: string) =>
      ds.query(
        `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || jsonb_build_object('employee_id', 'intruder', 'period_id', $2::text))).*
           FROM ${table} t WHERE tenant_id = 'acme' AND period_id = $1 LIMIT 1`,
        [PERIOD, periodId],
      );
    for (const table of ['performance_results', 'kra_results', 'kpi_results', 'scorecard_instances'])
      await expect(copyInto(table, PERIOD)).rejects.toMatchObject({ code: '55S01' });
    await ds.query(`INSERT INTO periods (tenant_id, id, frequency, starts_at, ends_at, timezone, status)
                    VALUES ('acme', 'monthly:2099-01', 'monthly', '2099-01-01', '2099-02-01', 'UTC', 'open')`);
    await copyInto('performance_results', 'monthly:2099-01');
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM performance_results WHERE employee_id = 'intruder'`),
    ).toEqual([{ n: 1 }]);
    const run = {
      id: '00000000-0000-0000-0000-000000000000',
      tenant_id: tenantId,
      period_id: PERIOD,
      employee_id: null,
      cursor: null,
      changed: 0,
    };
    await expect(executeRun(ds, run as never, { chunkSize: 10, now, logger })).rejects.toBeInstanceOf(
      PeriodClosedError,
    );
  });
});

describe('compute: periods opened by work data', () => {
  it('work in one of the last periods opens it and marks people dirty; older work and HR records do not', async () => {
    const tenantId = 'backfill';
    const backfill = { frequencies: ['monthly'] as const, lookback: 2, defaultTimezone: 'UTC', now };
    const closedAt = (at: string) => ({ status: 'closed', closed_at: at, assigned_to: 'ada' });
    await inTransaction(ds, (em) =>
      recordFacts(
        em,
        [
          employee(tenantId, 'ada', { role_group: 'support' }),
          fact(tenantId, 'T-sep', 1, '2026-09-10T00:00:00Z', closedAt('2026-09-10T00:00:00Z')),
          fact(tenantId, 'T-oct', 1, '2026-10-10T00:00:00Z', closedAt('2026-10-10T00:00:00Z')),
          fact(tenantId, 'T-aug', 1, '2026-08-10T00:00:00Z', closedAt('2026-08-10T00:00:00Z')),
        ],
        backfill,
      ),
    );
    const periods = await ds.query<{ id: string }[]>(
      `SELECT id FROM periods WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );
    expect(periods.map((p) => p.id)).toEqual(['monthly:2026-09', 'monthly:2026-10']);
    const dirty = await ds.query<{ period_id: string; employee_id: string }[]>(
      `SELECT period_id, employee_id FROM dirty_scores WHERE tenant_id = $1 ORDER BY period_id`,
      [tenantId],
    );
    expect(dirty).toEqual([
      { period_id: 'monthly:2026-09', employee_id: 'ada' },
      { period_id: 'monthly:2026-10', employee_id: 'ada' },
    ]);
  });
});

describe('compute: a new person and a new period recorded at the same time', () => {
  /** Resolves once `other` has finished or waits on a lock in Postgres, whichever comes first. */
  async function finishedOrBlocked(other: Promise<unknown>): Promise<'finished' | 'blocked'> {
    let finished = false;
    other.then(
      () => (finished = true),
      () => (finished = true),
    );
    return waitFor(
      async () => {
        if (finished) return 'finished' as const;
        const [row] = await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (row?.n ?? 0) > 0 ? ('blocked' as const) : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 20, message: 'the other transaction to finish or wait' },
    );
  }
  type Step = (em: EntityManager, tenantId: string) => Promise<unknown>;
  const createPeriod: Step = (em, t) => openPeriod(em, t, 'monthly', '2026-11-01', 'UTC');
  const recordPerson: Step = (em, t) => recordFacts(em, [employee(t, 'ada', { role_group: 'support' })]);

  // Each case holds the first transaction open until the second has run as far as it can; neither
  // sees the other's uncommitted row, so without the per-tenant lock nobody marks ada dirty.
  it.each<[string, string, Step, Step]>([
    ['the period is created first', 'race-period-first', createPeriod, recordPerson],
    ['the person is recorded first', 'race-person-first', recordPerson, createPeriod],
  ])('%s: ada is still marked dirty for the new period', async (_, tenantId, first, second) => {
    let later: Promise<unknown> | undefined;
    await inTransaction(ds, async (em) => {
      await first(em, tenantId);
      later = inTransaction(ds, (em2) => second(em2, tenantId));
      expect(await finishedOrBlocked(later)).toBe('blocked');
    });
    await later;
    const dirty = await ds.query<{ period_id: string; employee_id: string }[]>(
      `SELECT period_id, employee_id FROM dirty_scores WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(dirty).toEqual([{ period_id: 'monthly:2026-11', employee_id: 'ada' }]);
  });
});

describe('compute: team credit follows membership over time', () => {
  const tenantId = 'movers';
  const hr = { source: 'hr', entity: 'employee' };
  const moveAt = '2026-11-05T12:00:00Z';
  // Moves from t2 to t1 halfway through the month (a second HR version at the move).
  const mover = (id: string) => [
    employee(tenantId, id, { role_group: 'support', team_id: 't2', manager_id: 'mia' }),
    fact(
      tenantId,
      id,
      2,
      moveAt,
      { status: 'active', role_group: 'support', team_id: 't1', manager_id: 'mia' },
      hr,
    ),
  ];
  const closed = (id: string, at: string, team: string) =>
    fact(tenantId, id, 1, at, {
      status: 'closed',
      closed_at: at,
      assigned_to: 'ada',
      team_id: team,
      csat: 4,
    });

  beforeAll(async () => {
    await seedTenant(tenantId);
    await record(ds, [
      ...mover('cy'),
      ...mover('dan'),
      employee(tenantId, 'eve', { role_group: 'support', team_id: 't2', manager_id: 'mia' }),
      // Joined t1 on the 5th (their first HR version, valid from -infinity); left t1 on the 5th.
      employee(tenantId, 'fay', { role_group: 'support', team_id: 't1', hired_at: moveAt }),
      employee(tenantId, 'gus', {
        role_group: 'support',
        team_id: 't1',
        status: 'exited',
        exited_at: moveAt,
      }),
      closed('A1', '2026-11-03T09:00:00Z', 't1'),
      closed('A2', '2026-11-04T09:00:00Z', 't1'),
      closed('B1', '2026-11-04T10:00:00Z', 't2'),
      closed('A3', '2026-11-06T09:00:00Z', 't1'),
      closed('A4', '2026-11-07T09:00:00Z', 't1'),
    ]);
    await computeAll(tenantId);
  });

  it.each([
    // t1 all month: every t1 ticket.
    ['ada', 4, ['A1', 'A2', 'A3', 'A4']],
    // t2 until the move, then t1: the t2 ticket before it, the t1 tickets after it.
    ['cy', 3, ['A3', 'A4', 'B1']],
    ['dan', 3, ['A3', 'A4', 'B1']],
    // t2 all month.
    ['eve', 1, ['B1']],
    // t1 from hiring / until exit only.
    ['fay', 2, ['A3', 'A4']],
    ['gus', 2, ['A1', 'A2']],
  ])('%s gets the records of the teams they were in at each record’s time', async (who, n, ids) => {
    const r = await readResult(ds.manager, tenantId, PERIOD, who);
    expect(kpiOf(r, 'k-team')).toMatchObject({ actual_value: n, evidence_count: n, evidence_ids: ids });
  });
});
