import type { EntityManager } from 'typeorm';
import type { StaffKpi } from '../../domain/assemble-scorecard';

export interface StaffKpiChange extends StaffKpi {
  tenantId: string;
  employeeId: string;
  contractId: string | null;
  status: 'active' | 'inactive';
  changedAt: string;
}

/** Keeps an assignment's newest state; an older one arriving late is ignored. Returns whether it changed. */
export async function storeStaffKpi(em: EntityManager, s: StaffKpiChange): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `INSERT INTO staff_kpis AS s (tenant_id, employee_id, staff_kpi_id, kpi_id, source, contract_id, contract_template_id,
        custom_target, weight, status, active_from, active_to, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (tenant_id, employee_id, staff_kpi_id) DO UPDATE SET
       kpi_id = EXCLUDED.kpi_id, source = EXCLUDED.source, contract_id = EXCLUDED.contract_id,
       contract_template_id = EXCLUDED.contract_template_id, custom_target = EXCLUDED.custom_target,
       weight = EXCLUDED.weight, status = EXCLUDED.status, active_from = EXCLUDED.active_from,
       active_to = EXCLUDED.active_to, changed_at = EXCLUDED.changed_at
     WHERE EXCLUDED.changed_at >= s.changed_at
       AND (s.kpi_id, s.source, s.contract_template_id, s.custom_target, s.weight, s.status, s.active_from, s.active_to)
           IS DISTINCT FROM (EXCLUDED.kpi_id, EXCLUDED.source, EXCLUDED.contract_template_id, EXCLUDED.custom_target,
                             EXCLUDED.weight, EXCLUDED.status, EXCLUDED.active_from, EXCLUDED.active_to)
     RETURNING 1`,
    [
      s.tenantId,
      s.employeeId,
      s.staff_kpi_id,
      s.kpi_id,
      s.source,
      s.contractId,
      s.contract_template_id,
      s.custom_target,
      s.weight,
      s.status,
      s.active_from,
      s.active_to,
      s.changedAt,
    ],
  );
  return rows.length > 0;
}

/** Each person's staff KPI assignments, current and past (the domain picks those active in a period). */
export async function staffKpisOf(
  em: EntityManager,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<Map<string, StaffKpi[]>> {
  const rows = await em.query<
    (StaffKpi & { employee_id: string; active_from: Date; active_to: Date | null })[]
  >(
    `SELECT employee_id, staff_kpi_id, kpi_id, source, contract_template_id, custom_target, weight, active_from, active_to
       FROM staff_kpis
      WHERE tenant_id = $1 AND employee_id = ANY($2::text[])
      ORDER BY employee_id, kpi_id, staff_kpi_id`,
    [tenantId, employeeIds],
  );
  const out = new Map<string, StaffKpi[]>();
  for (const { employee_id, ...r } of rows)
    out.set(employee_id, [
      ...(out.get(employee_id) ?? []),
      {
        ...r,
        active_from: new Date(r.active_from).toISOString(),
        active_to: r.active_to === null ? null : new Date(r.active_to).toISOString(),
      },
    ]);
  return out;
}
