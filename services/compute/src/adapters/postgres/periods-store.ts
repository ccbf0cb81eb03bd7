import type { EntityManager } from 'typeorm';
import { lockKeys } from '@scorecard/db';
import type { Frequency, Period } from '../../domain/periods';

export interface StoredPeriod extends Period {
  status: 'open' | 'finalized';
  finalized_at: string | null;
}

interface PeriodRow {
  id: string;
  frequency: Frequency;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  status: 'open' | 'finalized';
  finalized_at: Date | null;
}

const toPeriod = (r: PeriodRow): StoredPeriod => ({
  id: r.id,
  frequency: r.frequency,
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  timezone: r.timezone,
  status: r.status,
  finalized_at: r.finalized_at?.toISOString() ?? null,
});

const COLUMNS = 'id, frequency, starts_at, ends_at, timezone, status, finalized_at';

/** Creates the period unless it exists; returns the stored one and whether this call created it. */
export async function ensurePeriod(
  em: EntityManager,
  tenantId: string,
  p: Period,
): Promise<{ period: StoredPeriod; created: boolean }> {
  const inserted = await em.query<PeriodRow[]>(
    `INSERT INTO periods (tenant_id, id, frequency, starts_at, ends_at, timezone) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [tenantId, p.id, p.frequency, p.start, p.end, p.timezone],
  );
  if (inserted[0]) return { period: toPeriod(inserted[0]), created: true };
  const existing = await getPeriod(em, tenantId, p.id);
  if (!existing) throw new Error(`period ${p.id} vanished`);
  return { period: existing, created: false };
}

export async function getPeriod(
  em: EntityManager,
  tenantId: string,
  id: string,
): Promise<StoredPeriod | null> {
  const rows = await em.query<PeriodRow[]>(
    `SELECT ${COLUMNS} FROM periods WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows[0] ? toPeriod(rows[0]) : null;
}

/**
 * The tenant's periods, each with `scored`: how many people have a total score in it. The scheduler
 * opens periods before any work falls in them, so a reader looking for "the latest period with
 * data" needs the count (one index range per period on the results' primary key).
 */
export async function listPeriods(
  em: EntityManager,
  tenantId: string,
  status: string | undefined,
): Promise<(StoredPeriod & { scored: number })[]> {
  const rows = await em.query<(PeriodRow & { scored: number })[]>(
    `SELECT ${COLUMNS},
            (SELECT count(*)::int FROM performance_results r
              WHERE r.tenant_id = periods.tenant_id AND r.period_id = periods.id AND r.total_score IS NOT NULL) AS scored
       FROM periods WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY starts_at, id`,
    [tenantId, status ?? null],
  );
  return rows.map((r) => ({ ...toPeriod(r), scored: r.scored }));
}

/** Finalizes a period and freezes its results (after this, the triggers refuse any change). */
export async function finalizePeriod(
  em: EntityManager,
  tenantId: string,
  p: Period,
  finalizedAt: string,
): Promise<void> {
  await em.query(
    `INSERT INTO periods (tenant_id, id, frequency, starts_at, ends_at, timezone, status, finalized_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'finalized', $7)
     ON CONFLICT (tenant_id, id) DO UPDATE SET status = 'finalized', finalized_at = EXCLUDED.finalized_at
     WHERE periods.status = 'open'`,
    [tenantId, p.id, p.frequency, p.start, p.end, p.timezone, finalizedAt],
  );
  for (const table of ['kpi_results', 'kra_results', 'performance_results', 'scorecard_instances'])
    await em.query(
      `UPDATE ${table} SET status = 'final' WHERE tenant_id = $1 AND period_id = $2 AND status <> 'final'`,
      [tenantId, p.id],
    );
  await em.query(`DELETE FROM dirty_scores WHERE tenant_id = $1 AND period_id = $2`, [tenantId, p.id]);
}

export async function tenantTimezone(em: EntityManager, tenantId: string, fallback: string): Promise<string> {
  const rows = await em.query<{ timezone: string }[]>(
    `SELECT timezone FROM tenant_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  return rows[0]?.timezone ?? fallback;
}

export async function setTenantTimezone(
  em: EntityManager,
  tenantId: string,
  timezone: string,
): Promise<void> {
  await em.query(
    `INSERT INTO tenant_settings (tenant_id, timezone) VALUES ($1, $2) ON CONFLICT (tenant_id) DO UPDATE SET timezone = EXCLUDED.timezone`,
    [tenantId, timezone],
  );
}

/** Tenants compute knows of (from people and config), for the scheduler. */
export async function knownTenants(em: EntityManager): Promise<string[]> {
  const rows = await em.query<{ tenant_id: string }[]>(
    `SELECT tenant_id FROM people UNION SELECT tenant_id FROM config_entities UNION SELECT tenant_id FROM tenant_settings ORDER BY 1`,
  );
  return rows.map((r) => r.tenant_id);
}

/**
 * A period created while a new person's HR event is being recorded: each transaction misses the
 * other's uncommitted row, so neither would mark (person, period) dirty and the person would get
 * no scorecard until some later change. Marking the people of new periods holds this per-tenant
 * lock exclusively, marking the periods of new people holds it shared; whichever waits then sees
 * the other's commit (each statement takes a fresh snapshot).
 */
export const lockPeopleAndPeriods = (
  em: EntityManager,
  tenantIds: readonly string[],
  mode: 'shared' | 'exclusive',
): Promise<void> => lockKeys(em, 'scorecard.compute.people-periods', tenantIds, mode);

/** Marks every known person dirty for a period (a new period, or config that changed). */
export async function markPeopleDirty(
  em: EntityManager,
  tenantId: string,
  periodIds: readonly string[],
): Promise<void> {
  await lockPeopleAndPeriods(em, [tenantId], 'exclusive');
  await em.query(
    `INSERT INTO dirty_scores (tenant_id, period_id, employee_id)
     SELECT $1, p.id, pe.employee_id FROM periods p CROSS JOIN people pe
     WHERE p.tenant_id = $1 AND pe.tenant_id = $1 AND p.status = 'open' AND p.id = ANY($2::text[])
       AND (pe.hired_at IS NULL OR pe.hired_at < p.ends_at) AND (pe.exited_at IS NULL OR pe.exited_at >= p.starts_at)
     ORDER BY 1, 2, 3 -- key order, as every writer of dirty_scores, so concurrent inserts cannot deadlock
     ON CONFLICT DO NOTHING`,
    [tenantId, periodIds],
  );
}

export async function openPeriodIds(em: EntityManager, tenantId: string): Promise<string[]> {
  const rows = await em.query<{ id: string }[]>(
    `SELECT id FROM periods WHERE tenant_id = $1 AND status = 'open'`,
    [tenantId],
  );
  return rows.map((r) => r.id);
}
