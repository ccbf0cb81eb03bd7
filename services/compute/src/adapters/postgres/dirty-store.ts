import type { EntityManager } from 'typeorm';
import { returningRows } from './returning';

export interface DirtyScore {
  tenant_id: string;
  period_id: string;
  employee_id: string;
  marked_at: Date;
  traceparent: string | null;
}

/**
 * Takes up to `limit` dirty (employee, period) pairs, oldest first. They are deleted in the
 * caller's transaction: if the recompute fails the delete rolls back and they stay dirty; a fact
 * that lands meanwhile marks its pair again once this transaction ends.
 */
export async function takeDirty(em: EntityManager, limit: number): Promise<DirtyScore[]> {
  const result = await em.query<DirtyScore[] | [DirtyScore[], number]>(
    `DELETE FROM dirty_scores d USING (
       SELECT tenant_id, period_id, employee_id FROM dirty_scores ORDER BY marked_at
       FOR UPDATE SKIP LOCKED LIMIT $1
     ) pick
     WHERE d.tenant_id = pick.tenant_id AND d.period_id = pick.period_id AND d.employee_id = pick.employee_id
     RETURNING d.tenant_id, d.period_id, d.employee_id, d.marked_at, d.traceparent`,
    [limit],
  );
  return returningRows(result);
}
