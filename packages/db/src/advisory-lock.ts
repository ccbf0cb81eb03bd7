import type { EntityManager } from 'typeorm';

/**
 * Transaction-scoped advisory locks on `<scope>:<key>` for each key, held until commit or
 * rollback. Keys are locked in sorted order, so two callers locking overlapping sets wait for each
 * other instead of deadlocking. Shared locks only wait for exclusive ones.
 */
export async function lockKeys(
  em: EntityManager,
  scope: string,
  keys: readonly string[],
  mode: 'exclusive' | 'shared' = 'exclusive',
): Promise<void> {
  if (keys.length === 0) return;
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await em.query(
    `SELECT ${fn}(hashtextextended($1 || ':' || k, 0))
     FROM (SELECT DISTINCT k FROM unnest($2::text[]) AS k ORDER BY k) AS s`,
    [scope, keys],
  );
}
