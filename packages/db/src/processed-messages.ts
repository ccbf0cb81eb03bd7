import type { EntityManager } from 'typeorm';
import { quoteSchema } from './identifiers';
import { assertInTransaction } from './transaction';

/**
 * Records that `consumerGroup` handled `eventId`, in the caller's transaction. Returns false when
 * it was already recorded: the caller skips the duplicate delivery. A concurrent duplicate waits
 * on the primary key until the first transaction ends, then sees false if it committed.
 */
export async function markProcessed(
  em: EntityManager,
  schema: string,
  consumerGroup: string,
  eventId: string,
): Promise<boolean> {
  assertInTransaction(em, 'markProcessed');
  const rows: unknown[] = await em.query(
    `INSERT INTO ${quoteSchema(schema)}.processed_messages (consumer_group, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerGroup, eventId],
  );
  return rows.length === 1;
}
