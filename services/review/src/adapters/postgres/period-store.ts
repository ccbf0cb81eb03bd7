import type { EntityManager } from 'typeorm';
import { returnedRows } from './returning';

export async function isFinalized(em: EntityManager, tenantId: string, periodId: string): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `SELECT 1 FROM finalized_periods WHERE tenant_id = $1 AND period_id = $2`,
    [tenantId, periodId],
  );
  return rows.length > 0;
}

/** Takes the period lock; false when another finalization got there first. */
export async function lockPeriod(
  em: EntityManager,
  p: {
    tenantId: string;
    periodId: string;
    start: Date | null;
    end: Date | null;
    frequency: string | null;
    by: string;
    count: number;
  },
): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `INSERT INTO finalized_periods (tenant_id, period_id, period_start, period_end, frequency, finalized_by, scorecard_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
    [p.tenantId, p.periodId, p.start, p.end, p.frequency, p.by, p.count],
  );
  return rows.length > 0;
}

/** Freezes every scorecard of the period; the row trigger keeps them frozen from now on. */
export async function finalizeScorecards(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  by: string,
): Promise<{ id: string; employee_id: string; previous_status: string }[]> {
  const result: unknown = await em.query(
    `UPDATE scorecards s SET status = 'final', finalized_by = $3, finalized_at = now(), status_changed_by = $3,
        status_changed_at = now()
       FROM (SELECT id, status AS previous_status FROM scorecards WHERE tenant_id = $1 AND period_id = $2 FOR UPDATE) p
      WHERE s.id = p.id
      RETURNING s.id, s.employee_id, p.previous_status`,
    [tenantId, periodId, by],
  );
  return returnedRows(result);
}

export async function activePips(
  em: EntityManager,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<Set<string>> {
  const rows = await em.query<{ employee_id: string }[]>(
    `SELECT DISTINCT employee_id FROM improvement_plans WHERE tenant_id = $1 AND employee_id = ANY($2)`,
    [tenantId, employeeIds],
  );
  return new Set(rows.map((r) => r.employee_id));
}

export async function recordPip(
  em: EntityManager,
  p: { tenantId: string; employeeId: string; periodId: string; ruleId: string; reason: string },
): Promise<void> {
  await em.query(
    `INSERT INTO improvement_plans (tenant_id, employee_id, period_id, rule_id, reason) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [p.tenantId, p.employeeId, p.periodId, p.ruleId, p.reason],
  );
}

export async function enqueueWebhook(
  em: EntityManager,
  w: { tenantId: string; url: string; event: string; body: unknown },
): Promise<void> {
  await em.query(`INSERT INTO webhook_deliveries (tenant_id, url, event, body) VALUES ($1, $2, $3, $4)`, [
    w.tenantId,
    w.url,
    w.event,
    JSON.stringify(w.body),
  ]);
}
