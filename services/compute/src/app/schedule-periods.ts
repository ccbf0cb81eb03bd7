import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { nextPeriod, periodContaining, type Frequency } from '../domain/periods';
import {
  ensurePeriod,
  knownTenants,
  markPeopleDirty,
  tenantTimezone,
} from '../adapters/postgres/periods-store';
import { requestRun } from '../adapters/postgres/runs-store';

export interface SchedulerOptions {
  frequencies: readonly Frequency[];
  defaultTimezone: string;
  now: () => Date;
}

/**
 * One scheduler tick, run by one replica at a time (transaction-scoped advisory lock; the others
 * skip the tick): for every known tenant and scheduled frequency it creates the current and the
 * next period ahead of time, and queues a full run for each open period that has ended and has
 * not been fully computed since its end. Returns false when another replica holds the lock.
 */
export async function schedulePeriods(ds: DataSource, opts: SchedulerOptions): Promise<boolean> {
  return inTransaction(ds, async (em) => {
    const [lock] = await em.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('scorecard.compute.scheduler', 0)) AS locked`,
    );
    if (!lock?.locked) return false;
    const now = opts.now();
    for (const tenantId of await knownTenants(em)) {
      const timezone = await tenantTimezone(em, tenantId, opts.defaultTimezone);
      const created: string[] = [];
      for (const frequency of opts.frequencies) {
        const current = periodContaining(frequency, now, timezone);
        for (const p of [current, nextPeriod(current)])
          if ((await ensurePeriod(em, tenantId, p)).created) created.push(p.id);
      }
      if (created.length > 0) await markPeopleDirty(em, tenantId, created);
      const due = await em.query<{ id: string }[]>(
        `SELECT p.id FROM periods p
         WHERE p.tenant_id = $1 AND p.status = 'open' AND p.ends_at <= $2
           AND NOT EXISTS (SELECT 1 FROM compute_runs r WHERE r.tenant_id = p.tenant_id AND r.period_id = p.id
                           AND r.employee_id IS NULL AND (r.status IN ('queued', 'running') OR (r.status = 'succeeded' AND r.requested_at >= p.ends_at)))`,
        [tenantId, now.toISOString()],
      );
      for (const p of due) await requestRun(em, tenantId, p.id, null, 'scheduler');
    }
    return true;
  });
}

export function startScheduler(
  ds: DataSource,
  opts: SchedulerOptions & { intervalMs: number; onError: (err: unknown) => void },
) {
  const tick = () => schedulePeriods(ds, opts).catch(opts.onError);
  void tick();
  const timer = setInterval(() => void tick(), opts.intervalMs);
  return { stop: () => clearInterval(timer) };
}
