import type { EntityManager } from 'typeorm';
import { personEntriesSql, type JournalView } from './journal-store';
import type { ScorecardRow } from './scorecard-store';
import type { StaffKpiRow } from './staff-kpi-store';

export type DashboardKpi = Pick<
  StaffKpiRow,
  'kpi_id' | 'current_score' | 'score_trend' | 'current_effort_score' | 'next_evaluation_due'
> & {
  /** The KPI's definition as the registry last sent it; null when the registry copy lacks it. */
  definition: Record<string, unknown> | null;
};

export type ScorecardSummary = Pick<ScorecardRow, 'period_id' | 'period_start' | 'status' | 'total_score'>;

export interface DashboardRows {
  /** Active assignments, oldest first, each with its KPI definition. */
  kpis: DashboardKpi[];
  /** Newest periods first, without the computed/result documents (a few KB each, TOASTed). */
  scorecards: ScorecardSummary[];
  /** Newest first, only entries the person may see (see personEntriesSql). */
  journal: JournalView[];
}

// JSON carries timestamps as text; the rows elsewhere carry Dates (sent as ISO strings in ms).
const date = (v: unknown): Date | null => (v === null ? null : new Date(v as string));

/**
 * Everything the employee dashboard shows, in one statement: one round trip and one plan instead of
 * three, which at a few hundred requests a second is most of what the read costs. Each part is an
 * ordered json_agg of its rows.
 */
export async function dashboardRows(
  em: EntityManager,
  q: { tenantId: string; staffId: string; scorecards: number; journal: number },
): Promise<DashboardRows> {
  const [row] = await em.query<
    { kpis: DashboardKpi[]; scorecards: ScorecardSummary[]; journal: JournalView[] }[]
  >(
    `SELECT
       (SELECT coalesce(json_agg(k ORDER BY k.assigned_at, k.kpi_id), '[]') FROM (
          SELECT k.kpi_id, k.current_score, k.score_trend, k.current_effort_score, k.next_evaluation_due,
                 k.assigned_at, r.state AS definition
            FROM staff_kpis k
            LEFT JOIN registry_entities r
              ON r.tenant_id = k.tenant_id AND r.entity_type = 'kpi' AND r.entity_id = k.kpi_id
           WHERE k.tenant_id = $1 AND k.staff_id = $2 AND k.status = 'active') k) AS kpis,
       (SELECT coalesce(json_agg(s ORDER BY s.period_start DESC), '[]') FROM (
          SELECT period_id, period_start, status, total_score FROM scorecards
           WHERE tenant_id = $1 AND employee_id = $2 ORDER BY period_start DESC LIMIT $5) s) AS scorecards,
       (SELECT coalesce(json_agg(j ORDER BY j.created_at DESC, j.id), '[]') FROM (
          ${personEntriesSql({ visibleToStaff: true })}) j) AS journal`,
    [q.tenantId, q.staffId, null, q.journal, q.scorecards],
  );
  if (row === undefined) throw new Error('the dashboard query returned no row');
  return {
    kpis: row.kpis.map((k) => ({ ...k, next_evaluation_due: date(k.next_evaluation_due) })),
    scorecards: row.scorecards.map((s) => ({ ...s, period_start: date(s.period_start) as Date })),
    journal: row.journal.map((j) => ({ ...j, created_at: date(j.created_at) as Date })),
  };
}
