/** Refreshes the aggregates of one tenant's periods (the ClickHouse adapter does the work). */
export type RefreshPeriods = (tenantId: string, periodIds: readonly string[]) => Promise<void>;

export interface AggregateRefresher {
  /** Marks periods whose person-level rows changed. */
  markDirty(tenantId: string, periodIds: Iterable<string>): void;
  /** Refreshes everything dirty now (also what stop() does last). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Debounces aggregate rebuilds: a burst of score events for one period costs one rebuild, not one
 * per event. Rebuilds are idempotent, so a crash before a flush is repaired by the start-up
 * catch-up (see stale-periods) or by the next event in that period.
 */
export function createAggregateRefresher(
  refresh: RefreshPeriods,
  opts: { intervalMs: number; onError: (err: unknown) => void },
): AggregateRefresher {
  let dirty = new Map<string, Set<string>>();
  let running: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    running = running.then(async () => {
      const work = dirty;
      dirty = new Map();
      for (const [tenant, periods] of work) {
        try {
          await refresh(tenant, [...periods]);
        } catch (err) {
          // Keep it dirty so the next tick retries.
          const again = dirty.get(tenant) ?? new Set<string>();
          periods.forEach((p) => again.add(p));
          dirty.set(tenant, again);
          opts.onError(err);
        }
      }
    });
    return running;
  };

  const timer = setInterval(() => void flush(), opts.intervalMs);
  timer.unref();

  return {
    markDirty(tenantId, periodIds) {
      const set = dirty.get(tenantId) ?? new Set<string>();
      for (const p of periodIds) set.add(p);
      dirty.set(tenantId, set);
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
