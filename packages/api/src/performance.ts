import { z } from 'zod';
import { BINDING_SETTINGS, type BindingSetting } from '@scorecard/bindings';
import { fieldSpec } from '@scorecard/contracts';
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
/** One binding setting's value: a number in its range, or a non-empty list of its field's values. */
function settingValue(s: BindingSetting): z.ZodTypeAny {
  if (s.type === 'number')
    return z.number().min(s.min).max(s.max).describe(`${s.description} (${s.unit}, default ${s.default})`);
  const values = fieldSpec(s.of.domain, s.of.entity, s.of.field)?.values ?? [];
  return z
    .array(z.enum(values as [string, ...string[]]))
    .min(1)
    .describe(`${s.description} (default ${s.default.join(', ')})`);
}

const bindingSettings = Object.fromEntries(
  Object.entries(BINDING_SETTINGS).map(([name, s]) => [name, settingValue(s)]),
) as Record<keyof typeof BINDING_SETTINGS, z.ZodTypeAny>;

/**
 * The tenant's time zone and the definition choices of its KPI bindings (each optional; only the
 * ones sent change). compute also checks the time zone against the IANA database.
 */
export const settingsBody = z
  .object({
    timezone: z.string().min(1).describe('an IANA time zone').optional(),
    ...Object.fromEntries(Object.entries(bindingSettings).map(([n, v]) => [n, v.optional()])),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one setting' });

const settings = z.object({ timezone: z.string(), ...bindingSettings });
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
    summary: 'The tenant’s time zone and binding settings (defaults where not set)',
    tag,
    ok: { schema: settings },
  },
  {
    method: 'POST',
    path: '/api/v1/performance/settings',
    summary: 'Set the tenant’s time zone and/or binding settings (rescores open periods)',
    tag,
    body: settingsBody,
    ok: { schema: settings },
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
