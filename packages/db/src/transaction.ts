import type { DataSource, EntityManager } from 'typeorm';
import { toInfrastructureError } from './pg-errors';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Runs `fn` in one transaction (default READ COMMITTED): commit on success, rollback on throw.
 * Database and connection errors come out as InfrastructureError with `code` (SQLSTATE) and
 * `retryable`; errors thrown by `fn` itself pass through unchanged.
 */
export async function inTransaction<T>(
  ds: DataSource,
  fn: (em: EntityManager) => Promise<T>,
  { isolation = 'READ COMMITTED' }: { isolation?: IsolationLevel } = {},
): Promise<T> {
  try {
    return await ds.transaction(isolation, fn);
  } catch (err) {
    throw toInfrastructureError(err);
  }
}

/** Guards helpers whose whole point is to share the caller's transaction. */
export function assertInTransaction(em: EntityManager, what: string): void {
  if (em.queryRunner?.isTransactionActive !== true) {
    throw new Error(`${what} must be called with the EntityManager of an open transaction`);
  }
}
