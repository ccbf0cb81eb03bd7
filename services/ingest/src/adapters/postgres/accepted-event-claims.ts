import type { EntityManager } from 'typeorm';
import type { AcceptedEventClaims } from '../../app/accept-events';
import { identityKey, type ResolvedEvent } from '../../domain/ingest-batch';

interface ClaimedRow {
  source: string;
  entity: string;
  entity_id: string;
  version: string;
}

/**
 * Claims identities with one INSERT … ON CONFLICT DO NOTHING. Inside the request's transaction a
 * concurrent request with the same identity waits on the row lock and then sees a duplicate.
 */
export function acceptedEventClaims(em: EntityManager): AcceptedEventClaims {
  return {
    async claim(tenantId, events) {
      if (events.length === 0) return new Set();
      const rows = await em.query<ClaimedRow[]>(
        `INSERT INTO accepted_events (tenant_id, source, entity, entity_id, version, event_id)
         SELECT $1, s, e, i, v, u
         FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::uuid[]) AS t(s, e, i, v, u)
         ON CONFLICT DO NOTHING
         RETURNING source, entity, entity_id, version`,
        [
          tenantId,
          events.map((x) => x.ev.source),
          events.map((x) => x.ev.entity),
          events.map((x) => x.ev.id),
          events.map((x) => String(x.ev.version)),
          events.map((x) => x.eventId),
        ],
      );
      // The identity fields are all identityKey reads, so a partial ResolvedEvent suffices.
      return new Set(
        rows.map((r) =>
          identityKey(tenantId, {
            source: r.source,
            entity: r.entity,
            id: r.entity_id,
            version: Number(r.version),
          } as ResolvedEvent),
        ),
      );
    },
  };
}
