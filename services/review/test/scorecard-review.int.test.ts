/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- HTTP bodies are untyped JSON, asserted field by field */
import { LearningRecommendation_Kind, ReviewChanged_Change } from '@scorecard/contracts';
import { kafkaBrokers } from '@scorecard/testkit';
import { computed, employee, kpiState, registry, TENANT, who } from './fixtures';
import { startReview, type ReviewHarness } from './harness';
import { decodePayrollWithPython, ensurePythonClient } from './python-client';

// Org: m2 → m1 → {e1, e2}; another team: mx → ex. HR and exec see the whole tenant.
const m1 = who('m1', ['manager'], 'm1');
const m2 = who('m2', ['manager'], 'm2');
const mx = who('mx', ['manager'], 'mx');
const e1 = who('e1', ['employee'], 'e1');
const hr = who('hr-1', ['hr']);
const P1 = { id: 'p-2025-03', start: '2025-03-01T00:00:00.000Z', end: '2025-04-01T00:00:00.000Z' };

let h: ReviewHarness;
let card: string;

beforeAll(async () => {
  ensurePythonClient();
  h = await startReview();
  await employee(h, 'm2');
  await employee(h, 'm1', { manager: 'm2' });
  await employee(h, 'e1', { manager: 'm1' });
  await employee(h, 'e2', { manager: 'm1' });
  await employee(h, 'mx');
  await employee(h, 'ex', { manager: 'mx' });
  await registry(h, 'kpi', 'k-csat', kpiState('csat', { scoring_method: 'capped', params: { cap: 1.2 } }));
  await registry(h, 'kpi', 'k-fcr', kpiState('fcr'));
  await registry(h, 'bonus_policy', 'bp-1', {
    name: 'standard',
    bands: [
      { from: 0, to: 60, factor: 0.5 },
      { from: 60, factor: 1.1 },
    ],
    gates: { overall_min: 50, kpi_min: 40 },
  });
  await registry(h, 'trigger_rule', 'tr-growing', {
    kind: 'training',
    scope: { kpi_slug: 'fcr' },
    condition: { type: 'growing' },
    periods: 1,
  });
  await registry(h, 'trigger_rule', 'tr-pip', { kind: 'pip', overall_below: 50, periods: 1 });
  await h.waitFor(
    async () =>
      (await h.sql(`SELECT 1 FROM manager_closure WHERE manager_id = 'm2' AND employee_id = 'e2'`)).length ===
        1 &&
      (await h.sql(`SELECT 1 FROM people WHERE employee_id = 'ex' AND manager_id = 'mx'`)).length === 1,
    { timeoutMs: 30_000, message: 'HR people and closure' },
  );
  await h.waitFor(async () => (await h.sql(`SELECT 1 FROM registry_entities`)).length === 5, {
    timeoutMs: 30_000,
    message: 'registry read model',
  });
  await computed(
    h,
    'e1',
    P1,
    [
      { id: 'k-csat', slug: 'csat', score: 90 },
      { id: 'k-fcr', slug: 'fcr', score: 30 },
    ],
    60,
  );
  await computed(
    h,
    'e2',
    P1,
    [
      { id: 'k-csat', slug: 'csat', score: 80 },
      { id: 'k-fcr', slug: 'fcr', score: 80 },
    ],
    80,
  );
  await computed(
    h,
    'ex',
    P1,
    [
      { id: 'k-csat', slug: 'csat', score: 40 },
      { id: 'k-fcr', slug: 'fcr', score: 30 },
    ],
    35,
  );
  await h.waitFor(async () => (await h.sql(`SELECT 1 FROM scorecards`)).length === 3, {
    timeoutMs: 30_000,
    message: 'three scorecards',
  });
  const [row] = await h.sql<{ id: string }>(`SELECT id FROM scorecards WHERE employee_id = 'e1'`);
  card = (row as { id: string }).id;
}, 180_000);
afterAll(() => h?.stop());

describe('scorecard instances and manager scope', () => {
  it('builds a draft instance from the score event with the effective roll-up', async () => {
    const res = await h.call('GET', `/review/scorecards/${card}`, m1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      result_status: 'provisional',
      total_score: 60,
      employee_id: 'e1',
    });
    expect(res.body.kras[0].kpis.map((k: { label: string }) => k.label)).toEqual(['exceeding', 'growing']);
  });

  it('lists direct and indirect reports only', async () => {
    const ids = async (w: typeof m1) =>
      (await h.call('GET', `/review/scorecards?period_id=${P1.id}`, w)).body.items
        .map((i: { employee_id: string }) => i.employee_id)
        .sort();
    expect(await ids(m1)).toEqual(['e1', 'e2']);
    expect(await ids(m2)).toEqual(['e1', 'e2']);
    expect(await ids(mx)).toEqual(['ex']);
    expect(await ids(hr)).toEqual(['e1', 'e2', 'ex']);
  });

  it('a manager of another team gets 404 for the scorecard and cannot act on it', async () => {
    expect((await h.call('GET', `/review/scorecards/${card}`, mx)).status).toBe(404);
    expect(
      (
        await h.call('POST', `/review/scorecards/${card}/overrides`, mx, {
          entity_type: 'overall',
          new_score: 99,
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await h.call('POST', `/review/scorecards/${card}/approve`, mx)).status).toBe(404);
    expect((await h.call('GET', `/review/scorecards/${card}`, m2)).status).toBe(200);
  });
});

describe('people directory', () => {
  it("lists the tenant for HR, a manager's line for managers, oneself otherwise; filters managers and names", async () => {
    const ids = async (w: typeof m1, query = '') =>
      (await h.call('GET', `/review/people${query}`, w)).body.items
        .map((p: { employee_id: string }) => p.employee_id)
        .sort();
    expect(await ids(hr)).toEqual(['e1', 'e2', 'ex', 'm1', 'm2', 'mx']);
    expect(await ids(m2)).toEqual(['e1', 'e2', 'm1', 'm2']);
    expect(await ids(e1)).toEqual(['e1']);
    expect(await ids(who('admin-1', ['admin']))).toEqual([]);
    expect(await ids(hr, '?managers=true')).toEqual(['m1', 'm2', 'mx']);
    expect(await ids(hr, '?q=e')).toEqual(['e1', 'e2', 'ex']);
    const m1Row = (await h.call('GET', '/review/people?q=m1', hr)).body.items[0];
    expect(m1Row).toMatchObject({ employee_id: 'm1', manager_id: 'm2', direct_reports: 2 });
    expect((await h.call('GET', '/review/people?limit=0', hr)).status).toBe(400);
  });
});

describe('overrides', () => {
  it('requires a reason and a value within 0..100 × cap', async () => {
    const noReason = await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
      entity_type: 'kpi',
      entity_id: 'k-csat',
      new_score: 95,
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const tooHigh = await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
      entity_type: 'kpi',
      entity_id: 'k-csat',
      new_score: 120.5,
      reason: 'stretch',
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.errors[0]).toMatchObject({ path: 'new_score', message: 'must be between 0 and 120' });
    const negative = await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
      entity_type: 'overall',
      new_score: -1,
      reason: 'x',
    });
    expect(negative.status).toBe(400);
    expect(
      (
        await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
          entity_type: 'kpi',
          entity_id: 'nope',
          new_score: 1,
          reason: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('the employee cannot override their own scorecard', async () => {
    expect(
      (
        await h.call('POST', `/review/scorecards/${card}/overrides`, e1, {
          entity_type: 'overall',
          new_score: 100,
          reason: 'me',
        })
      ).status,
    ).toBe(403);
  });

  it('a KPI override becomes the effective value and the roll-up is recomputed', async () => {
    const res = await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
      entity_type: 'kpi',
      entity_id: 'k-csat',
      new_score: 120,
      reason: 'Outage tickets were misrouted',
    });
    expect(res.status).toBe(201);
    // KRA = (120 + 30) / 2 = 75 → overall 75 (one KRA)
    expect(res.body).toMatchObject({
      total_score: 75,
      rating_band: 'Exceeds',
      override: { old_score: 90, new_score: 120 },
    });
    const view = (await h.call('GET', `/review/scorecards/${card}`, m1)).body;
    expect(view.kras[0].kpis[0]).toMatchObject({
      score: 120,
      computed_score: 90,
      status: 'overridden',
      override: { computed: 90, value: 120, reason: 'Outage tickets were misrouted' },
    });
    expect(view.overrides).toHaveLength(1);
    const audit = await h.call('GET', `/audit?entity=scorecard:${card}`, hr);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'm1',
      action: 'scorecard.override',
      reason: 'Outage tickets were misrouted',
    });
    await h.waitFor(
      () =>
        h
          .received('scorecard.review.changed.v1')
          .some((m) => m.value.change === ReviewChanged_Change.OVERRIDE_ADDED && m.value.totalScore === 75),
      { message: 'OVERRIDE_ADDED event' },
    );
  });
});

describe('workflow', () => {
  it('draft → in_review → disputed (wrong attribution) → in_review → approved, recording who and when', async () => {
    expect((await h.call('POST', `/review/scorecards/${card}/submit`, e1)).status).toBe(403);
    expect((await h.call('POST', `/review/scorecards/${card}/approve`, m1)).status).toBe(409);
    const submitted = await h.call('POST', `/review/scorecards/${card}/submit`, m1);
    expect(submitted.body).toMatchObject({ status: 'in_review', previous_status: 'draft', changed_by: 'm1' });
    expect((await h.call('POST', `/review/scorecards/${card}/dispute`, m1, { reason: 'x' })).status).toBe(
      403,
    );
    const missingRecord = await h.call('POST', `/review/scorecards/${card}/dispute`, e1, {
      reason: 'Not my ticket',
      kind: 'wrong_attribution',
      kpi_id: 'k-fcr',
    });
    expect(missingRecord.status).toBe(400);
    const disputed = await h.call('POST', `/review/scorecards/${card}/dispute`, e1, {
      reason: 'Ticket T-9 was reassigned to me after it was closed',
      kind: 'wrong_attribution',
      kpi_id: 'k-fcr',
      record: { source: 'ticketing', entity: 'ticket', id: 'T-9' },
    });
    expect(disputed.body).toMatchObject({ status: 'disputed', changed_by: 'e1' });
    const queue = await h.call('GET', '/review/exceptions?type=dispute', m1);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        employee_id: 'e1',
        kind: 'wrong_attribution',
        kpi_id: 'k-fcr',
        record: { source: 'ticketing', entity: 'ticket', id: 'T-9' },
      }),
    ]);
    expect((await h.call('GET', '/review/exceptions?type=dispute', mx)).body.items).toEqual([]);
    // The employee's own view carries the instance id, its step and the dispute as raised.
    const mine = async () => (await h.call('GET', `/me/scorecards/${P1.id}`, e1)).body;
    expect(await mine()).toMatchObject({
      id: card,
      review_status: 'disputed',
      disputes: [
        {
          kind: 'wrong_attribution',
          kpi_id: 'k-fcr',
          record: { source: 'ticketing', entity: 'ticket', id: 'T-9' },
          status: 'open',
          resolution: null,
        },
      ],
    });
    expect(
      (
        await h.call('POST', `/review/scorecards/${card}/resolve`, m1, {
          resolution: 'T-9 removed from the count',
        })
      ).body,
    ).toMatchObject({ status: 'in_review', resolved_disputes: 1 });
    expect(await mine()).toMatchObject({
      review_status: 'in_review',
      disputes: [{ status: 'resolved', resolution: 'T-9 removed from the count' }],
    });
    expect((await h.call('POST', `/review/scorecards/${card}/approve`, m1)).body).toMatchObject({
      status: 'approved',
      changed_by: 'm1',
    });
    const [row] = await h.sql<{ status: string; status_changed_by: string; status_changed_at: Date }>(
      `SELECT status, status_changed_by, status_changed_at FROM scorecards WHERE id = $1`,
      [card],
    );
    expect(row).toMatchObject({ status: 'approved', status_changed_by: 'm1' });
    const actions = (await h.call('GET', `/audit?entity=scorecard:${card}`, hr)).body.items.map(
      (a: { action: string; actor: string }) => `${a.action}:${a.actor}`,
    );
    expect(actions).toEqual([
      'scorecard.override:m1',
      'scorecard.submit:m1',
      'scorecard.dispute:e1',
      'scorecard.resolve:m1',
      'scorecard.approve:m1',
    ]);
    expect((await h.call('GET', '/audit', m1)).status).toBe(403);
  });

  it('queues low performers and growing KPIs for the reviewer', async () => {
    expect(
      (await h.call('GET', '/review/exceptions?type=low_performer', mx)).body.items.map(
        (i: { employee_id: string }) => i.employee_id,
      ),
    ).toEqual(['ex']);
    expect((await h.call('GET', '/review/exceptions?type=growing', m1)).body.items).toEqual([
      expect.objectContaining({ employee_id: 'e1', kpis: [{ kpi_id: 'k-fcr', score: 30 }] }),
    ]);
    expect((await h.call('GET', '/review/exceptions?type=bogus', m1)).status).toBe(400);
  });
});

describe('person-centric scorecards', () => {
  const P2 = {
    id: 'p-2025-04',
    start: '2025-04-01T00:00:00.000Z',
    end: '2025-05-01T00:00:00.000Z',
    frequency: 'monthly',
  };
  const result = (employeeId: string, over: Record<string, unknown>) =>
    h.publish(
      'scorecard.score.computed.v1',
      employeeId,
      {
        tenantId: TENANT,
        employeeId,
        period: P2,
        status: 1,
        ratingBand: '',
        kras: [],
        computedAt: new Date().toISOString(),
        runId: 'run-p2',
        inputsHash: `h-${Math.random()}`,
        ...over,
      },
      TENANT,
    );
  const unscored = async (caller: typeof hr) =>
    (await h.call('GET', `/review/exceptions?type=unscored&period_id=${P2.id}`, caller)).body.items;

  it('an unscored result goes to the unscored queue with its reason, not into a scorecard', async () => {
    await result('e2', { status: 3, unscoredReason: 'no_kpis_assigned' });
    await h.waitFor(async () => (await unscored(hr)).length === 1, { message: 'unscored queue' });
    expect(await unscored(m1)).toEqual([
      expect.objectContaining({ employee_id: 'e2', period_id: P2.id, reason: 'no_kpis_assigned' }),
    ]);
    expect(await unscored(mx)).toEqual([]);
    const cards = await h.call('GET', `/review/scorecards?period_id=${P2.id}`, hr);
    expect(cards.body.items).toEqual([]);
  });

  it('a scorecard without a template, of category KRAs, leaves the queue and is reviewable', async () => {
    await result('e2', {
      totalScore: 80,
      kras: [
        {
          kraId: 'category:culture',
          name: 'Culture',
          score: 80,
          weight: 100,
          kpis: [
            {
              kpiId: 'k-csat',
              slug: 'csat',
              actual: 8,
              target: 10,
              score: 80,
              weight: 1,
              status: 'scored',
              label: '',
              evidenceCount: 0,
              explanationJson: '',
            },
          ],
        },
      ],
    });
    await h.waitFor(async () => (await unscored(hr)).length === 0, { message: 'queue cleared' });
    const list = await h.call('GET', `/review/scorecards?period_id=${P2.id}`, m1);
    expect(list.body.items).toEqual([
      expect.objectContaining({ employee_id: 'e2', template: null, total_score: 80 }),
    ]);
    const id = list.body.items[0].id as string;
    const one = await h.call('GET', `/review/scorecards/${id}`, m1);
    expect(one.body).toMatchObject({
      template: null,
      total_score: 80,
      kras: [{ kra_id: 'category:culture', name: 'Culture' }],
    });
    const override = await h.call('POST', `/review/scorecards/${id}/overrides`, m1, {
      entity_type: 'kra',
      entity_id: 'category:culture',
      new_score: 70,
      reason: 'Observed conduct this month',
    });
    expect(override.status).toBe(201);
    expect(override.body.total_score).toBe(70);
  });
});

describe('finalization', () => {
  it('only HR or exec finalize', async () => {
    expect((await h.call('POST', `/review/periods/${P1.id}/finalize`, m1)).status).toBe(403);
  });

  it('locks the period and emits bonus, learning, notification and period events', async () => {
    const res = await h.call('POST', `/review/periods/${P1.id}/finalize`, hr);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scorecard_count: 3, eligible: 1, not_eligible: 2, training: 2, pip: 1 });
    expect((await h.call('POST', `/review/periods/${P1.id}/finalize`, hr)).status).toBe(409);

    const bonus = await h.waitFor(
      () => {
        const got = h.received('scorecard.payroll.bonus.v1');
        return got.length >= 3 ? got : null;
      },
      { timeoutMs: 30_000, message: 'three payroll messages' },
    );
    const byPerson = Object.fromEntries(bonus.map((b) => [b.key, b.value]));
    expect(byPerson['e2']).toMatchObject({ eligible: true, factor: 1.1, totalScore: 80, failedGates: [] });
    expect(byPerson['e1']).toMatchObject({ eligible: false, factor: 0, totalScore: 75 });
    expect(byPerson['e1']?.failedGates.map((g: { gate: string }) => g.gate)).toEqual(['kpi_min']);
    expect(byPerson['e1']?.failedGates[0]?.detail).toContain('k-fcr');
    expect(byPerson['ex']?.failedGates.map((g: { gate: string }) => g.gate)).toEqual([
      'overall_min',
      'kpi_min',
    ]);
    expect(byPerson['e1']?.policy).toMatchObject({ id: 'bp-1' });

    const learning = await h.waitFor(
      () => {
        const got = h.received('scorecard.learning.recommendation.v1');
        return got.length >= 3 ? got : null;
      },
      { message: 'learning recommendations' },
    );
    const training = learning.find((l) => l.key === 'e1');
    expect(training?.value).toMatchObject({
      kind: 1,
      kpi: { id: 'k-fcr', slug: 'fcr' },
      coachingTips: ['Practise fcr with a buddy'],
      triggerRuleId: 'tr-growing',
    });
    expect(
      learning.find((l) => l.key === 'ex' && l.value.kind === LearningRecommendation_Kind.PIP)?.value,
    ).toMatchObject({
      triggerRuleId: 'tr-pip',
      latestScore: 35,
    });

    await h.waitFor(
      () =>
        h
          .received('scorecard.period.finalized.v1')
          .some((m) => m.value.scorecardCount === 3 && m.value.finalizedBy === 'hr-1'),
      { message: 'period.finalized' },
    );
    await h.waitFor(
      () =>
        h
          .received('scorecard.notification.v1')
          .some((m) => m.key === 'e1' && m.value.kind === 'period_finalized'),
      { message: 'notification' },
    );
  });

  it('a finalized period rejects overrides, notes and transitions with 409', async () => {
    expect(
      (
        await h.call('POST', `/review/scorecards/${card}/overrides`, m1, {
          entity_type: 'overall',
          new_score: 80,
          reason: 'late fix',
        })
      ).status,
    ).toBe(409);
    expect((await h.call('POST', `/review/scorecards/${card}/notes`, m1, { note: 'late' })).status).toBe(409);
    expect((await h.call('POST', `/review/scorecards/${card}/dispute`, e1, { reason: 'late' })).status).toBe(
      409,
    );
    expect((await h.call('GET', `/review/scorecards/${card}`, m1)).body).toMatchObject({
      status: 'final',
      result_status: 'final',
      total_score: 75,
    });
  });

  it('the database itself rejects changing finalized results, instances and overrides', async () => {
    await expect(h.sql(`UPDATE scorecards SET total_score = 99 WHERE id = $1`, [card])).rejects.toMatchObject(
      { driverError: { code: '55S01' } },
    );
    await expect(h.sql(`DELETE FROM scorecards WHERE id = $1`, [card])).rejects.toMatchObject({
      driverError: { code: '55S01' },
    });
    await expect(
      h.sql(`UPDATE overrides SET new_score = 1 WHERE scorecard_id = $1`, [card]),
    ).rejects.toMatchObject({ driverError: { code: '55S01' } });
    await expect(
      h.sql(
        `INSERT INTO overrides (id, tenant_id, scorecard_id, period_id, entity_type, new_score, reason, reviewer) VALUES (gen_random_uuid(), $1, $2, $3, 'overall', 1, 'sql', 'x')`,
        [TENANT, card, P1.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: '55S01' } });
    await expect(h.sql(`UPDATE audit_log SET actor = 'x'`)).rejects.toMatchObject({
      driverError: { code: '55S01' },
    });
  });

  it('a late score event for a finalized period changes nothing', async () => {
    await computed(h, 'e2', P1, [{ id: 'k-csat', slug: 'csat', score: 10 }], 10);
    await computed(
      h,
      'e2',
      { id: 'p-2025-04', start: '2025-04-01T00:00:00.000Z', end: '2025-05-01T00:00:00.000Z' },
      [{ id: 'k-csat', slug: 'csat', score: 70 }],
      70,
    );
    await h.waitFor(
      async () => (await h.sql(`SELECT 1 FROM scorecards WHERE period_id = 'p-2025-04'`)).length === 1,
      { message: 'next period scorecard' },
    );
    const [row] = await h.sql<{ total_score: number }>(
      `SELECT total_score FROM scorecards WHERE employee_id = 'e2' AND period_id = $1`,
      [P1.id],
    );
    expect(row?.total_score).toBe(80);
  });

  it('a client other than ours (confluent-kafka Python + schema registry) decodes the payroll topic', () => {
    const decoded = decodePayrollWithPython(
      kafkaBrokers().join(','),
      `${h.prefix}scorecard.payroll.bonus.v1`,
      h.registryUrl,
      3,
    );
    expect(decoded).toHaveLength(3);
    const e2 = decoded.find((d) => d['_key'] === 'e2');
    expect(e2).toMatchObject({
      employee_id: 'e2',
      eligible: true,
      factor: 1.1,
      total_score: 80,
      tenant_id: TENANT,
      period: { id: P1.id, frequency: 'monthly' },
      _writer_has_message: true,
    });
    const e1d = decoded.find((d) => d['_key'] === 'e1');
    expect(e1d).toMatchObject({ eligible: false, failed_gates: [{ gate: 'kpi_min' }] });
  });
});
