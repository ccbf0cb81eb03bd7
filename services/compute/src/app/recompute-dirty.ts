import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import type { Logger } from '@scorecard/telemetry';
import { loadTenantConfig } from '../adapters/postgres/config-store';
import { takeDirty, type DirtyScore } from '../adapters/postgres/dirty-store';
import { getPeriod } from '../adapters/postgres/periods-store';
import { peopleByIds } from '../adapters/postgres/people-store';
import { evaluateActuals, planValidBindings, queryIn } from './evaluate-actuals';
import { scorePeople } from './score-people';
import { startPollingWorker } from './polling-worker';

/**
 * The streaming path: takes a batch of dirty (employee, period) pairs and recomputes exactly
 * those people — bindings evaluated for them only, through their fact links — in one transaction
 * with taking the pairs. Pairs of a period that is no longer open are dropped. Returns how many
 * pairs were taken.
 */
export async function recomputeDirty(
  ds: DataSource,
  opts: { limit: number; now: () => Date },
): Promise<number> {
  return inTransaction(ds, async (em) => {
    const taken = await takeDirty(em, opts.limit);
    const byPeriod = new Map<string, DirtyScore[]>();
    for (const d of taken) {
      const key = JSON.stringify([d.tenant_id, d.period_id]);
      byPeriod.set(key, [...(byPeriod.get(key) ?? []), d]);
    }
    const configs = new Map<string, Awaited<ReturnType<typeof loadTenantConfig>>>();
    for (const pairs of byPeriod.values()) {
      const { tenant_id: tenantId, period_id: periodId } = pairs[0] as DirtyScore;
      const rows = await em.query<{ status: string }[]>(
        `SELECT status FROM periods WHERE tenant_id = $1 AND id = $2 FOR SHARE`,
        [tenantId, periodId],
      );
      if (rows[0]?.status !== 'open') continue;
      const period = await getPeriod(em, tenantId, periodId);
      if (!period) continue;
      let config = configs.get(tenantId);
      if (!config) {
        config = await loadTenantConfig(em, tenantId);
        configs.set(tenantId, config);
      }
      const ids = [...new Set(pairs.map((p) => p.employee_id))].sort();
      const known = new Map((await peopleByIds(em, tenantId, ids)).map((p) => [p.employee_id, p]));
      // People known only from facts (no HR record yet) are scored by scope-free templates.
      const people = ids.map(
        (id) => known.get(id) ?? { employee_id: id, role: null, role_group: null, department_id: null },
      );
      const { plan } = planValidBindings(config.bindings.values());
      const actuals = await evaluateActuals(queryIn(em), tenantId, period, plan, ids);
      const traceparents = new Map(
        pairs.flatMap((p) => (p.traceparent ? [[p.employee_id, p.traceparent] as const] : [])),
      );
      await scorePeople(
        em,
        { tenantId, period, config, actuals, runId: null, now: opts.now, traceparents },
        people,
      );
    }
    return taken.length;
  });
}

/** Polls for dirty pairs; drains back-to-back while there is a backlog. */
export function startDirtyWorker(
  ds: DataSource,
  opts: { limit: number; pollMs: number; now: () => Date; logger: Logger },
) {
  return startPollingWorker(async () => {
    try {
      return (await recomputeDirty(ds, opts)) >= opts.limit;
    } catch (err) {
      opts.logger.error({ err }, 'incremental recompute failed; the pairs stay dirty');
      return false;
    }
  }, opts.pollMs);
}
