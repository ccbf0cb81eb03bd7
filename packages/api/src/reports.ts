import { z } from 'zod';
import { id } from './common';
import type { ApiOperation } from './operation';

const day = z.string().date('must be a date (YYYY-MM-DD)');

export const heatmapParams = z
  .object({
    rows: z.enum(['department', 'role_group']),
    cols: z.enum(['kpi', 'kra', 'period']),
    period_from: day.optional(),
    period_to: day.optional(),
  })
  .strict()
  .refine((p) => !p.period_from || !p.period_to || p.period_from < p.period_to, {
    path: ['period_to'],
    message: 'must be after period_from',
  });

export const trendsParams = z
  .object({ employee_id: id.optional(), department_id: id.optional(), kpi_id: id.optional() })
  .strict()
  .refine((p) => (p.employee_id === undefined) !== (p.department_id === undefined), {
    path: ['employee_id'],
    message: 'give exactly one of employee_id and department_id',
  });

export const leaderboardParams = z
  .object({
    period_id: id,
    kpi_id: id.optional(),
    department_id: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict();

export const distributionParams = z.object({ period_id: id, department_id: id.optional() }).strict();

export const bonusParams = z
  .object({ period_id: id, format: z.enum(['json', 'csv']).default('json') })
  .strict();

export const anomalyParams = z
  .object({ period_id: id, threshold: z.coerce.number().positive().max(10).default(3) })
  .strict();

const tag = 'reports';

export const reportOperations: readonly ApiOperation[] = [
  {
    method: 'GET',
    path: '/api/v1/reports/heatmap',
    summary: 'Average scores by department or role group × KPI, KRA or period',
    tag,
    query: heatmapParams,
  },
  {
    method: 'GET',
    path: '/api/v1/reports/trends',
    summary: 'Score trend of a person or a department',
    tag,
    query: trendsParams,
  },
  {
    method: 'GET',
    path: '/api/v1/reports/leaderboard',
    summary: 'Top scores of a period',
    tag,
    query: leaderboardParams,
  },
  {
    method: 'GET',
    path: '/api/v1/reports/distribution',
    summary: 'Distribution of overall scores and rating bands',
    tag,
    query: distributionParams,
  },
  {
    method: 'GET',
    path: '/api/v1/reports/bonus-eligibility',
    summary: 'Bonus eligibility of a period (JSON, or CSV with format=csv)',
    tag,
    query: bonusParams,
    ok: { csv: true },
  },
  {
    method: 'GET',
    path: '/api/v1/reports/anomalies',
    summary: 'Scores that moved unusually between periods',
    tag,
    query: anomalyParams,
  },
];
