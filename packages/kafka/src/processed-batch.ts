import type { EntityManager } from 'typeorm';

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Batch form of `markProcessed` (@scorecard/db): records many event ids in one statement and
 * returns those not seen before, so a batch handler dedupes 10k events without 10k round trips.
 */
export async function markProcessedMany(
  em: EntityManager,
  schema: string,
  consumerGroup: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (!IDENT.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (eventIds.length === 0) return new Set();
  const rows: { event_id: string }[] = await em.query(
    `INSERT INTO "${schema}".processed_messages (consumer_group, event_id)
     SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerGroup, [...new Set(eventIds)]],
  );
  return new Set(rows.map((r) => r.event_id));
}
