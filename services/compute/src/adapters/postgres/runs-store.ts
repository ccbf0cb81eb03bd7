import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { returningRows } from './returning';

export type RunTrigger = 'api' | 'scheduler' | 'cli';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ComputeRun {
  id: string;
  tenant_id: string;
  period_id: string;
  employee_id: string | null;
  trigger: RunTrigger;
  status: RunStatus;
  done: number;
  total: number | null;
  changed: number;
  cursor: string | null;
  error: string | null;
  attempts: number;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/**
 * Queues a run unless one for the same target is queued or running (then that one is returned):
 * repeated requests are idempotent.
 */
export async function requestRun(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeId: string | null,
  trigger: RunTrigger,
): Promise<{ id: string; created: boolean }> {
  const rows = await em.query<{ id: string }[]>(
    `INSERT INTO compute_runs (id, tenant_id, period_id, employee_id, trigger) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, period_id, coalesce(employee_id, '')) WHERE status IN ('queued', 'running') DO NOTHING
     RETURNING id`,
    [randomUUID(), tenantId, periodId, employeeId, trigger],
  );
  if (rows[0]) return { id: rows[0].id, created: true };
  const active = await em.query<{ id: string }[]>(
    `SELECT id FROM compute_runs WHERE tenant_id = $1 AND period_id = $2 AND coalesce(employee_id, '') = coalesce($3, '')
     AND status IN ('queued', 'running')`,
    [tenantId, periodId, employeeId],
  );
  if (!active[0]) return requestRun(em, tenantId, periodId, employeeId, trigger);
  return { id: active[0].id, created: false };
}

export async function getRun(em: EntityManager, tenantId: string, id: string): Promise<ComputeRun | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await em.query<ComputeRun[]>(`SELECT * FROM compute_runs WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/**
 * Claims the oldest queued run, or a running one whose worker stopped heartbeating (it crashed or
 * was killed): that run resumes after its cursor. SKIP LOCKED lets replicas claim different runs.
 */
export async function claimRun(em: EntityManager, staleAfterMs: number): Promise<ComputeRun | null> {
  const result = await em.query<ComputeRun[] | [ComputeRun[], number]>(
    `UPDATE compute_runs SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), attempts = attempts + 1
     WHERE id = (
       SELECT id FROM compute_runs
       WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1::float8 / 1000))
       ORDER BY requested_at FOR UPDATE SKIP LOCKED LIMIT 1
     ) RETURNING *`,
    [staleAfterMs],
  );
  return returningRows(result)[0] ?? null;
}

export async function recordProgress(
  em: EntityManager,
  id: string,
  p: { done: number; total: number; changed: number; cursor: string | null },
): Promise<void> {
  await em.query(
    `UPDATE compute_runs SET done = $2, total = $3, changed = $4, cursor = $5, heartbeat_at = now() WHERE id = $1`,
    [id, p.done, p.total, p.changed, p.cursor],
  );
}

export async function finishRun(
  em: EntityManager,
  id: string,
  status: 'succeeded' | 'failed',
  error: string | null,
): Promise<void> {
  await em.query(
    `UPDATE compute_runs SET status = $2, error = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
    [id, status, error],
  );
}
