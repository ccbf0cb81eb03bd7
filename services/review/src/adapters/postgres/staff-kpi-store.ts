import type { EntityManager } from 'typeorm';
import { returnedRows } from './returning';
import type { AssignStep, Assignment } from '../../domain/lifecycle';

export interface StaffKpiRow extends Assignment {
  id: string;
  staff_id: string;
  contract_id: string | null;
  weight: number | null;
  is_required: boolean;
  custom_target: number | null;
  current_score: number | null;
  previous_score: number | null;
  current_effort_score: number | null;
  score_trend: 'up' | 'down' | 'stable' | null;
  trend_percentage: number | null;
  current_period_id: string | null;
  last_evaluated_at: Date | null;
  next_evaluation_due: Date | null;
  assigned_at: Date;
  deactivated_at: Date | null;
  deactivation_reason: string | null;
}

export async function staffKpis(
  em: EntityManager,
  tenantId: string,
  staffId: string,
  opts: { activeOnly?: boolean; forUpdate?: boolean } = {},
): Promise<StaffKpiRow[]> {
  return em.query<StaffKpiRow[]>(
    `SELECT * FROM staff_kpis WHERE tenant_id = $1 AND staff_id = $2${opts.activeOnly === true ? ` AND status = 'active'` : ''}
      ORDER BY assigned_at, kpi_id${opts.forUpdate === true ? ' FOR UPDATE' : ''}`,
    [tenantId, staffId],
  );
}

/** Assigns, or reactivates an earlier assignment of the same KPI (its history stays on the row). */
export async function assignKpi(
  em: EntityManager,
  a: AssignStep & {
    id: string;
    tenantId: string;
    staffId: string;
    contractId: string | null;
    nextDue: Date | null;
  },
): Promise<StaffKpiRow> {
  const rows = await em.query<StaffKpiRow[]>(
    `INSERT INTO staff_kpis (id, tenant_id, staff_id, kpi_id, contract_id, source, role_group, status, weight,
        is_required, custom_target, next_evaluation_due)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10, $11)
     ON CONFLICT (tenant_id, staff_id, kpi_id) DO UPDATE SET
       status = 'active', source = EXCLUDED.source, role_group = EXCLUDED.role_group,
       contract_id = COALESCE(EXCLUDED.contract_id, staff_kpis.contract_id),
       weight = COALESCE(EXCLUDED.weight, staff_kpis.weight), is_required = EXCLUDED.is_required,
       custom_target = COALESCE(EXCLUDED.custom_target, staff_kpis.custom_target),
       next_evaluation_due = EXCLUDED.next_evaluation_due, deactivated_at = NULL, deactivation_reason = NULL
     RETURNING *`,
    [
      a.id,
      a.tenantId,
      a.staffId,
      a.kpi_id,
      a.contractId,
      a.source,
      a.role_group,
      a.weight,
      a.is_required,
      a.custom_target,
      a.nextDue,
    ],
  );
  return rows[0] as StaffKpiRow;
}

export async function deactivateKpi(
  em: EntityManager,
  q: { tenantId: string; staffId: string; kpiId: string; reason: string },
): Promise<StaffKpiRow | null> {
  const result: unknown = await em.query(
    `UPDATE staff_kpis SET status = 'inactive', deactivated_at = now(), deactivation_reason = $4
      WHERE tenant_id = $1 AND staff_id = $2 AND kpi_id = $3 AND status = 'active' RETURNING *`,
    [q.tenantId, q.staffId, q.kpiId, q.reason],
  );
  return returnedRows<StaffKpiRow>(result)[0] ?? null;
}

export async function saveEvaluation(
  em: EntityManager,
  id: string,
  e: Pick<
    StaffKpiRow,
    | 'current_score'
    | 'previous_score'
    | 'score_trend'
    | 'trend_percentage'
    | 'current_period_id'
    | 'last_evaluated_at'
    | 'next_evaluation_due'
  >,
): Promise<void> {
  await em.query(
    `UPDATE staff_kpis SET current_score = $2, previous_score = $3, score_trend = $4, trend_percentage = $5,
        current_period_id = $6, last_evaluated_at = $7, next_evaluation_due = $8 WHERE id = $1`,
    [
      id,
      e.current_score,
      e.previous_score,
      e.score_trend,
      e.trend_percentage,
      e.current_period_id,
      e.last_evaluated_at,
      e.next_evaluation_due,
    ],
  );
}

export async function saveEffort(em: EntityManager, id: string, effortScore: number): Promise<void> {
  await em.query(`UPDATE staff_kpis SET current_effort_score = $2 WHERE id = $1`, [id, effortScore]);
}

/** Active assignments whose evaluation is overdue (the sla_breach exception queue). */
export async function overdueKpis(
  em: EntityManager,
  tenantId: string,
  staffIds: readonly string[] | null,
  now: Date,
): Promise<StaffKpiRow[]> {
  return em.query<StaffKpiRow[]>(
    `SELECT * FROM staff_kpis WHERE tenant_id = $1 AND status = 'active' AND next_evaluation_due < $2
        AND ($3::text[] IS NULL OR staff_id = ANY($3)) ORDER BY next_evaluation_due`,
    [tenantId, now, staffIds],
  );
}
