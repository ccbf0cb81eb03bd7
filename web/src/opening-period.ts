// Which period a page opens on. Compute's scheduler opens the current and next periods before any
// work falls in them, so "the newest period" is usually an empty month.
import type { Period } from './types';

/** The newest period anyone has a score in; with none yet, the newest that has started. */
export function openingPeriod(periods: readonly Period[], now: string): string | null {
  const newestFirst = [...periods].sort((a, b) => b.start.localeCompare(a.start));
  const pick =
    newestFirst.find((p) => (p.scored ?? 0) > 0) ?? newestFirst.find((p) => p.start <= now) ?? newestFirst[0];
  return pick?.id ?? null;
}

/** An employee's own scorecards (newest first): the newest with a total, else the newest. */
export function openingScorecard(
  newestFirst: readonly { period_id: string; total_score: number | null }[],
): string | null {
  return (newestFirst.find((s) => s.total_score !== null) ?? newestFirst[0])?.period_id ?? null;
}
