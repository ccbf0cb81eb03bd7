import type { EntityManager } from 'typeorm';
import { getPeriod } from '../adapters/postgres/periods-store';
import { requestRun, type RunTrigger } from '../adapters/postgres/runs-store';

export type RequestComputeOutcome =
  { code: 'queued'; runId: string } | { code: 'unknown_period' } | { code: 'period_finalized' };

/** Queues a recompute of an open period (one person or everyone); idempotent while it is pending. */
export async function requestCompute(
  em: EntityManager,
  tenantId: string,
  periodId: string,
  employeeId: string | null,
  trigger: RunTrigger,
): Promise<RequestComputeOutcome> {
  const period = await getPeriod(em, tenantId, periodId);
  if (!period) return { code: 'unknown_period' };
  if (period.status !== 'open') return { code: 'period_finalized' };
  const run = await requestRun(em, tenantId, periodId, employeeId, trigger);
  return { code: 'queued', runId: run.id };
}
