import type { EntityManager } from 'typeorm';
import type { ConsumedMessage } from '@scorecard/kafka';
import { FREQUENCIES, periodFromId, type Frequency } from '../domain/periods';
import { finalizePeriod } from '../adapters/postgres/periods-store';

/**
 * Review finalized a period: compute marks it final and freezes its results; from then on the
 * database refuses any change to them, and no run or incremental recompute touches the period.
 */
export async function recordPeriodFinalized(
  msg: ConsumedMessage<'scorecard.period.finalized.v1'>,
  em: EntityManager,
): Promise<void> {
  const f = msg.value;
  const p = f.period;
  if (!p?.id) throw new Error('period.finalized without a period id');
  const timezone = p.timezone || 'UTC';
  // A period compute never created (no facts reached it) is still recorded as finalized.
  const known = p.start && p.end && (FREQUENCIES as readonly string[]).includes(p.frequency);
  const period = known
    ? { id: p.id, frequency: p.frequency as Frequency, start: p.start, end: p.end, timezone }
    : periodFromId(p.id, timezone);
  if (!period)
    throw new Error(`period.finalized names ${p.id}, which is not a period id, without its window`);
  await finalizePeriod(em, f.tenantId, period, f.finalizedAt || new Date().toISOString());
}
