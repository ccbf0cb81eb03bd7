import type { DataSource, EntityManager } from 'typeorm';
import type { AcceptedEventClaims } from '../../app/accept-events';

/**
 * Claims identities with one INSERT … ON CONFLICT DO NOTHING keyed by the identity-derived event
 * id (migration 0003), returning the ids that were new. Inside the request's transaction a
 * concurrent request with the same identity waits on the uncommitted key and then sees a
 * duplicate; rows go in event-id order, so two batches that overlap can't deadlock on each other.
 */
export function acceptedEventClaims(em: EntityManager): AcceptedEventClaims {
  return {
    async claim(tenantId, events) {
      if (events.length === 0) return new Set();
      const rows = await em.query<{ event_id: string }[]>(
        `INSERT INTO accepted_events (event_id, tenant_id, source, entity, entity_id, version)
         SELECT u, $1, s, e, i, v
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS t(u, s, e, i, v)
         ORDER BY u
         ON CONFLICT DO NOTHING
         RETURNING event_id`,
        [
          tenantId,
          events.map((x) => x.eventId),
          events.map((x) => x.ev.source),
          events.map((x) => x.ev.entity),
          events.map((x) => x.ev.id),
          events.map((x) => String(x.ev.version)),
        ],
      );
      return new Set(rows.map((r) => r.event_id));
    },
  };
}

/** Which of these event ids the tenant had accepted (a read: a dry run claims nothing). */
export function acceptedBefore(ds: Pick<DataSource, 'query'>) {
  return async (tenantId: string, eventIds: readonly string[]): Promise<Set<string>> => {
    if (eventIds.length === 0) return new Set();
    const rows = await ds.query<{ event_id: string }[]>(
      'SELECT event_id FROM accepted_events WHERE tenant_id = $1 AND event_id = ANY($2::uuid[])',
      [tenantId, eventIds],
    );
    return new Set(rows.map((r) => r.event_id));
  };
}
