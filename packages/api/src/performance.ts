import { z } from 'zod';
import { EVALUATION_FREQUENCIES, kpiPreviewSchema, scorecardPreviewSchema } from '@scorecard/scoring';
import { id } from './common';
import type { ApiOperation } from './operation';

/** A period is as long as a KPI's evaluation frequency. */
export const PERIOD_FREQUENCIES = EVALUATION_FREQUENCIES;

export const periodBody = z.object({ frequency: z.enum(PERIOD_FREQUENCIES), start: z.string().min(1) });
export const periodQuery = z.object({ status: z.enum(['open', 'finalized']).optional() });
export const computeQuery = z.object({
  period_id: id,
  employee_id: id.optional(),
  trigger: z.enum(['api', 'cli']).optional(),
});
/** Results and evidence of one person in one period; employee_id defaults to the caller's own. */
export const resultsQuery = z.object({ period_id: id, employee_id: id.optional() });
export const bindingPreviewBody = z.object({ employee_id: id, period_id: id });
/** compute also checks the name against the IANA database. */
export const settingsBody = z.object({ timezone: z.string().min(1).describe('an IANA time zone') });

const timezone = z.object({ timezone: z.string() });
const tag = 'performance';

export const performanceOperations: readonly ApiOperation[] = [
  {
    method: 'POST',
    path: '/api/v1/performance/score-preview',
    summary: 'What-if calculator: one KPI or a whole scorecard, the same code path as compute',
    tag,
    body: z.union([kpiPreviewSchema, scorecardPreviewSchema]),
  },
  {
    method: 'GET',
    path: '/api/v1/performance/periods',
    summary: 'Evaluation periods',
    tag,
    query: periodQuery,
    ok: { schema: z.object({ periods: z.array(z.record(z.unknown())) }) },
  },
  {
    method: 'POST',
    path: '/api/v1/performance/periods',
    summary: 'Open a period (200 when it already exists)',
    tag,
    body: periodBody,
    ok: { status: 201 },
  },
  {
    method: 'GET',
    path: '/api/v1/performance/settings',
    summary: 'The tenant’s time zone',
    tag,
    ok: { schema: timezone },
  },
  {
    method: 'POST',
    path: '/api/v1/performance/settings',
    summary: 'Set the tenant’s time zone',
    tag,
    body: settingsBody,
    ok: { schema: timezone },
  },
  {
    method: 'POST',
    path: '/api/v1/performance/compute',
    summary: 'Request a compute run for a period (and one person); idempotent',
    tag,
    query: computeQuery,
    ok: { status: 202, schema: z.object({ run_id: z.string() }) },
    errors: [409],
  },
  {
    method: 'GET',
    path: '/api/v1/performance/runs/{run_id}',
    summary: 'Progress of a compute run',
    tag,
    ok: {
      schema: z.object({
        run_id: z.string(),
        status: z.string(),
        progress: z.object({ done: z.number(), total: z.number() }),
        started_at: z.string().nullable(),
        finished_at: z.string().nullable(),
      }),
    },
  },
  {
    method: 'GET',
    path: '/api/v1/performance/results',
    summary: 'A person’s scored results for a period, with explanations',
    tag,
    query: resultsQuery,
  },
  {
    method: 'GET',
    path: '/api/v1/performance/evidence',
    summary: 'The evidence (record ids and their source) behind each KPI of a person’s period',
    tag,
    query: resultsQuery,
  },
  {
    method: 'POST',
    path: '/api/v1/admin/bindings/{id}/preview',
    summary: 'Evaluate a binding for one person and period: actual value, evidence and the SQL',
    tag: 'registry',
    body: bindingPreviewBody,
    errors: [422],
  },
];
