import type { EntityManager } from 'typeorm';

export interface UnscoredRow {
  employee_id: string;
  period_id: string;
  period_start: Date;
  period_end: Date;
  reason: string;
  computed_at: Date;
}

/** Records (or refreshes) that a person has nothing scoreable in a period; an older result changes nothing. */
export async function recordUnscored(
  em: EntityManager,
  u: {
    tenantId: string;
    employeeId: string;
    period: { id: string; start: string; end: string };
    reason: string;
    computedAt: string;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO unscored_results AS u (tenant_id, employee_id, period_id, period_start, period_end, reason, computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, period_id, employee_id) DO UPDATE SET reason = EXCLUDED.reason, computed_at = EXCLUDED.computed_at
     WHERE u.computed_at <= EXCLUDED.computed_at`,
    [u.tenantId, u.employeeId, u.period.id, u.period.start, u.period.end, u.reason, u.computedAt],
  );
}

export async function clearUnscored(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  periodId: string,
): Promise<void> {
  await em.query(
    `DELETE FROM unscored_results WHERE tenant_id = $1 AND employee_id = $2 AND period_id = $3`,
    [tenantId, employeeId, periodId],
  );
}

/** The unscored queue within a scope (null = the whole tenant), newest period first. */
export async function unscoredResults(
  em: EntityManager,
  tenantId: string,
  employeeIds: readonly string[] | null,
  periodId: string | null,
): Promise<UnscoredRow[]> {
  return em.query<UnscoredRow[]>(
    `SELECT employee_id, period_id, period_start, period_end, reason, computed_at FROM unscored_results
      WHERE tenant_id = $1 AND ($2::text[] IS NULL OR employee_id = ANY($2)) AND ($3::text IS NULL OR period_id = $3)
      ORDER BY period_start DESC, employee_id LIMIT 10000`,
    [tenantId, employeeIds, periodId],
  );
}
