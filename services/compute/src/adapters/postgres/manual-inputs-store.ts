import type { EntityManager } from 'typeorm';

export interface ManualInput {
  tenantId: string;
  periodId: string;
  employeeId: string;
  kind: 'manual_score' | 'effort_rating';
  kpiId: string;
  value: number;
  reason: string | null;
  recordedAt: string;
}

/** Keeps the newest entry per (person, period, kind, KPI); an older one arriving late is ignored. */
export async function storeManualInput(em: EntityManager, m: ManualInput): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `INSERT INTO manual_inputs AS m (tenant_id, period_id, employee_id, kind, kpi_id, value, reason, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, period_id, employee_id, kind, kpi_id) DO UPDATE SET
       value = EXCLUDED.value, reason = EXCLUDED.reason, recorded_at = EXCLUDED.recorded_at
     WHERE EXCLUDED.recorded_at > m.recorded_at
     RETURNING 1`,
    [m.tenantId, m.periodId, m.employeeId, m.kind, m.kpiId, m.value, m.reason, m.recordedAt],
  );
  return rows.length > 0;
}

export interface PersonManualInputs {
  manualScores: Map<string, { value: number; reason: string | null }>;
  effortRatings: Map<string, number>;
}

export async function manualInputsFor(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeIds: readonly string[],
): Promise<Map<string, PersonManualInputs>> {
  const rows = await em.query<
    { employee_id: string; kind: string; kpi_id: string; value: number; reason: string | null }[]
  >(
    `SELECT employee_id, kind, kpi_id, value, reason FROM manual_inputs
     WHERE tenant_id = $1 AND period_id = $2 AND employee_id = ANY($3::text[]) ORDER BY employee_id, kind, kpi_id`,
    [tenantId, periodId, employeeIds],
  );
  const out = new Map<string, PersonManualInputs>();
  for (const r of rows) {
    let p = out.get(r.employee_id);
    if (!p) {
      p = { manualScores: new Map(), effortRatings: new Map() };
      out.set(r.employee_id, p);
    }
    if (r.kind === 'manual_score') p.manualScores.set(r.kpi_id, { value: r.value, reason: r.reason });
    else p.effortRatings.set(r.kpi_id, r.value);
  }
  return out;
}
