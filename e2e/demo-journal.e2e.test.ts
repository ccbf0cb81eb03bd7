import { generateTenant } from '@scorecard/generator';
import { waitFor } from '@scorecard/testkit';
import {
  demoJournalScores,
  gatewayJournalApi,
  monthsOf,
  recordDemoJournalScores,
} from '../packages/cli/src/commands/demo-journal';
import { call, devToken } from './support/gateway-client';
import { startScorecardSystem, type ScorecardSystem } from './support/scorecard-system';

// The demo's flow after streaming a generated tenant (`scorecard up`): line managers record the
// code-of-conduct rubric of the care workforce in the journal once review knows the people; a
// second run writes nothing; the score is the KPI's measured value on the person's scorecard.

const TENANT = 'e2e-demo-journal';
const PERIOD = 'monthly:2026-09';
const tenant = generateTenant({ employees: 24, months: 1, seed: 4, start: '2026-09-01' });
const scores = demoJournalScores(tenant.people, monthsOf(tenant.window), 42);

let sys: ScorecardSystem;
let hr: string;

beforeAll(async () => {
  // Seeding the library for the tenant can take a while on a busy machine.
  sys = await startScorecardSystem('demo-journal', [TENANT], { readyTimeoutMs: 240_000 });
  const admin = await devToken(sys.gateway, { sub: 'admin', roles: ['admin'], tenant_id: TENANT });
  hr = await devToken(sys.gateway, { sub: 'hr', roles: ['hr'], tenant_id: TENANT });
  const res = await call(sys.gateway, 'POST', '/api/v1/ingest/events', {
    token: admin,
    json: { events: tenant.events },
  });
  expect(res.status).toBe(202);
  const period = await call(sys.gateway, 'POST', '/api/v1/performance/periods', {
    token: hr,
    json: { frequency: 'monthly', start: '2026-09-01' },
  });
  expect([200, 201]).toContain(period.status);
}, 420_000);
afterAll(async () => {
  await sys?.stop();
});

it('records each score once, as the line manager, and scores the KPI with it', async () => {
  expect(scores.length).toBeGreaterThan(4);
  const api = gatewayJournalApi(sys.gateway, TENANT);
  const first = await recordDemoJournalScores(scores, api, { deadlineMs: Date.now() + 120_000 });
  expect(first).toEqual({ written: scores.length, present: 0, skipped: 0 });
  const again = await recordDemoJournalScores(scores, api, { deadlineMs: Date.now() + 10_000 });
  expect(again).toEqual({ written: 0, present: scores.length, skipped: 0 });

  const score = scores[0]!;
  const journal = await call<{ items: Record<string, unknown>[] }>(
    sys.gateway,
    'GET',
    `/api/v1/journal/${score.staffId}/entries?period_id=${PERIOD}`,
    { token: hr },
  );
  const recorded = journal.body.items.filter((e) => e.entry_type === 'score_recorded');
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({
    kpi_id: 'code-of-conduct-culture',
    period_id: PERIOD,
    score_after: score.body.score_after,
    author_id: score.managerId,
    pending_approval: false,
    effective: true,
  });

  // The contract's template put the KPI on the person's scorecard; the journal score is its actual.
  const compute = await call(sys.gateway, 'POST', `/api/v1/performance/compute?period_id=${PERIOD}`, {
    token: hr,
  });
  expect(compute.status).toBe(202);
  let last: unknown;
  await waitFor(
    async () => {
      const r = await call<{ kras?: { kpis: { kpi_id: string; actual_value: number | null }[] }[] }>(
        sys.gateway,
        'GET',
        `/api/v1/performance/results?period_id=${PERIOD}&employee_id=${score.staffId}`,
        { token: hr },
      );
      last = r.body;
      const kpi = r.body.kras?.flatMap((k) => k.kpis).find((k) => k.kpi_id === 'code-of-conduct-culture');
      return kpi?.actual_value === score.body.score_after || undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1_000, message: 'the journal score as the KPI actual' },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last result: ${JSON.stringify(last).slice(0, 3000)}`);
  });
}, 300_000);
