import type { EntityManager } from 'typeorm';
import { periodContaining, type Frequency, type Period } from '../domain/periods';
import { ensurePeriod, markPeopleDirty, tenantTimezone } from '../adapters/postgres/periods-store';

export interface PeriodBackfill {
  frequencies: readonly Frequency[];
  /** How many periods before the current one work data may open (per frequency). */
  lookback: number;
  defaultTimezone: string;
  now: () => Date;
}

/**
 * Work recorded in a recent past period opens that period, so a tenant that starts by loading the
 * last months of its ERP history gets scores for them without anyone creating periods by hand
 * (the scheduler only keeps the current and the next one). Only work sources count (HR records
 * reach back to hiring dates) and only the `lookback` periods before the current one, so an old
 * import does not open years of periods. A new period marks the tenant's people dirty; once it
 * has ended, the scheduler queues its full run.
 */
export async function openPeriodsForFacts(
  em: EntityManager,
  facts: readonly { tenantId: string; source: string; occurredAt: string }[],
  opts: PeriodBackfill,
): Promise<void> {
  const instants = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.source === 'hr') continue;
    const set = instants.get(f.tenantId) ?? new Set<string>();
    set.add(f.occurredAt);
    instants.set(f.tenantId, set);
  }
  const now = opts.now();
  for (const [tenantId, times] of instants) {
    const timezone = await tenantTimezone(em, tenantId, opts.defaultTimezone);
    const wanted = new Map<string, Period>();
    for (const frequency of opts.frequencies) {
      const current = periodContaining(frequency, now, timezone);
      let earliest = current;
      for (let i = 0; i < opts.lookback; i++)
        earliest = periodContaining(frequency, new Date(Date.parse(earliest.start) - 1), timezone);
      for (const t of times) {
        const at = new Date(t);
        if (at < new Date(earliest.start) || at >= new Date(current.start)) continue;
        const p = periodContaining(frequency, at, timezone);
        wanted.set(p.id, p);
      }
    }
    const created: string[] = [];
    for (const p of wanted.values()) if ((await ensurePeriod(em, tenantId, p)).created) created.push(p.id);
    if (created.length > 0) await markPeopleDirty(em, tenantId, created);
  }
}
