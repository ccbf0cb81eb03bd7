import type { EntityManager } from 'typeorm';

export interface SourceFact {
  tenantId: string;
  source: string;
  entity: string;
  entityId: string;
  version: string;
  op: 'upsert' | 'delete';
  occurredAt: string;
  data: Record<string, unknown>;
  eventId: string;
}

/** Stores one version of a source record; false when that version was already stored. */
export async function storeFact(em: EntityManager, f: SourceFact): Promise<boolean> {
  const rows = await em.query<unknown[]>(
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      f.tenantId,
      f.source,
      f.entity,
      f.entityId,
      f.version,
      f.op,
      f.occurredAt,
      JSON.stringify(f.data),
      f.eventId,
    ],
  );
  return rows.length === 1;
}

/**
 * Walking-skeleton measure: tickets whose latest version is assigned to the person and was
 * closed within [start, end). Real binding evaluation replaces it.
 */
export async function ticketsClosedBy(
  em: EntityManager,
  tenantId: string,
  employeeId: string,
  start: string,
  end: string,
): Promise<number> {
  const rows = await em.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (
       SELECT DISTINCT ON (entity_id) entity_id, op, data
       FROM source_facts
       WHERE tenant_id = $1 AND source = 'ticketing' AND entity = 'ticket'
       ORDER BY entity_id, version DESC
     ) latest
     WHERE op = 'upsert' AND data->>'assigned_to' = $2
       AND (data->>'closed_at')::timestamptz >= $3 AND (data->>'closed_at')::timestamptz < $4`,
    [tenantId, employeeId, start, end],
  );
  return rows[0]?.n ?? 0;
}
