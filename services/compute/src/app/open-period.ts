import type { EntityManager } from 'typeorm';
import { periodForStart, type Frequency } from '../domain/periods';
import {
  ensurePeriod,
  markPeopleDirty,
  tenantTimezone,
  type StoredPeriod,
} from '../adapters/postgres/periods-store';

export type OpenPeriodOutcome =
  { code: 'ok'; period: StoredPeriod; created: boolean } | { code: 'invalid_start' };

/**
 * Creates (or returns) the period of a frequency containing `start`, in the tenant's timezone. A
 * new period marks the tenant's people dirty, so provisional scores appear without a manual run.
 */
export async function openPeriod(
  em: EntityManager,
  tenantId: string,
  frequency: Frequency,
  start: string,
  defaultTimezone: string,
): Promise<OpenPeriodOutcome> {
  const timezone = await tenantTimezone(em, tenantId, defaultTimezone);
  const period = periodForStart(frequency, start, timezone);
  if (!period) return { code: 'invalid_start' };
  const stored = await ensurePeriod(em, tenantId, period);
  if (stored.created) await markPeopleDirty(em, tenantId, [period.id]);
  return { code: 'ok', ...stored };
}
