import type { EntityManager } from 'typeorm';
import { TIMESTAMP_FIELDS, type FactLink } from '../../domain/fact-links';

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
  links: FactLink[];
}

export interface RecordKey {
  tenantId: string;
  source: string;
  entity: string;
  entityId: string;
}

/**
 * Stores record versions (one statement for the whole batch); a version already stored is a
 * no-op. Returns the records that got a new version.
 */
export async function storeFacts(em: EntityManager, facts: readonly SourceFact[]): Promise<RecordKey[]> {
  if (facts.length === 0) return [];
  const col = <T>(f: (x: SourceFact) => T) => facts.map(f);
  const rows = await em.query<{ tenant_id: string; source: string; entity: string; entity_id: string }[]>(
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::timestamptz[], $8::jsonb[], $9::text[])
     ON CONFLICT DO NOTHING
     RETURNING tenant_id, source, entity, entity_id`,
    [
      col((f) => f.tenantId),
      col((f) => f.source),
      col((f) => f.entity),
      col((f) => f.entityId),
      col((f) => f.version),
      col((f) => f.op),
      col((f) => f.occurredAt),
      col((f) => JSON.stringify(f.data)),
      col((f) => f.eventId),
    ],
  );
  const keys = new Map<string, RecordKey>();
  for (const r of rows)
    keys.set(JSON.stringify([r.tenant_id, r.source, r.entity, r.entity_id]), {
      tenantId: r.tenant_id,
      source: r.source,
      entity: r.entity,
      entityId: r.entity_id,
    });
  const links = facts.flatMap((f) =>
    f.links.map((l) => [f.tenantId, f.source, f.entity, l.kind, l.refId, f.entityId]),
  );
  if (links.length > 0) {
    const at = (i: number) => links.map((l) => l[i]);
    await em.query(
      `INSERT INTO fact_links (tenant_id, source, entity, kind, ref_id, entity_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) ON CONFLICT DO NOTHING`,
      [at(0), at(1), at(2), at(3), at(4), at(5)],
    );
  }
  return [...keys.values()];
}

const keyArrays = (keys: readonly RecordKey[]) => [
  keys.map((k) => k.tenantId),
  keys.map((k) => k.source),
  keys.map((k) => k.entity),
  keys.map((k) => k.entityId),
];

/**
 * Recomputes validity intervals and the latest flag of the given records from all their versions.
 * Depends only on the set of versions, so arrival order does not matter; rows already right are
 * not rewritten.
 */
export async function refreshValidity(em: EntityManager, keys: readonly RecordKey[]): Promise<void> {
  if (keys.length === 0) return;
  await em.query(
    `WITH keys AS (
       SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(tenant_id, source, entity, entity_id)
     ), ordered AS (
       SELECT f.tenant_id, f.source, f.entity, f.entity_id, f.version,
              CASE WHEN row_number() OVER w = 1 THEN '-infinity'::timestamptz ELSE max(f.occurred_at) OVER w END AS vf,
              row_number() OVER (PARTITION BY f.tenant_id, f.source, f.entity, f.entity_id ORDER BY f.version DESC) = 1 AS latest
       FROM source_facts f JOIN keys k USING (tenant_id, source, entity, entity_id)
       WINDOW w AS (PARTITION BY f.tenant_id, f.source, f.entity, f.entity_id ORDER BY f.version)
     ), intervals AS (
       SELECT o.*, coalesce(lead(o.vf) OVER (PARTITION BY o.tenant_id, o.source, o.entity, o.entity_id ORDER BY o.version), 'infinity') AS vt
       FROM ordered o
     )
     UPDATE source_facts f SET valid_from = i.vf, valid_to = i.vt, is_latest = i.latest
     FROM intervals i
     WHERE f.tenant_id = i.tenant_id AND f.source = i.source AND f.entity = i.entity AND f.entity_id = i.entity_id
       AND f.version = i.version
       AND (f.valid_from, f.valid_to, f.is_latest) IS DISTINCT FROM (i.vf, i.vt, i.latest)`,
    keyArrays(keys),
  );
}

/**
 * Marks (employee, open period) dirty for every changed record: each open period containing any
 * timestamp of any of the record's versions, for every person the record ever named and every
 * member of a team it ever named. A superset of who can be affected (credit can only move between
 * people the record named), which is what makes the incremental path exact.
 */
export async function markDirtyForRecords(
  em: EntityManager,
  keys: readonly RecordKey[],
  traceparent: string | null,
): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await em.query<unknown[]>(
    `WITH keys AS (
       SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(tenant_id, source, entity, entity_id)
     ), hit AS (
       SELECT DISTINCT f.tenant_id, f.source, f.entity, f.entity_id, p.id AS period_id
       FROM keys k
       JOIN source_facts f USING (tenant_id, source, entity, entity_id)
       CROSS JOIN LATERAL jsonb_each_text(f.data) j
       JOIN periods p ON p.tenant_id = f.tenant_id AND p.status = 'open'
                     AND p.starts_at <= j.value::timestamptz AND j.value::timestamptz < p.ends_at
       WHERE j.key = ANY($5::text[])
     ), who AS (
       SELECT h.tenant_id, h.period_id, l.ref_id AS employee_id
       FROM hit h JOIN fact_links l USING (tenant_id, source, entity, entity_id) WHERE l.kind = 'person'
       UNION
       SELECT h.tenant_id, h.period_id, m.entity_id
       FROM hit h JOIN fact_links l USING (tenant_id, source, entity, entity_id)
       JOIN source_facts m ON m.tenant_id = h.tenant_id AND m.source = 'hr' AND m.entity = 'employee'
                          AND m.data->>'team_id' = l.ref_id
       WHERE l.kind = 'team'
       UNION
       SELECT k.tenant_id, p.id, k.entity_id
       FROM keys k JOIN periods p ON p.tenant_id = k.tenant_id AND p.status = 'open'
       WHERE k.source = 'hr' AND k.entity = 'employee'
     )
     -- In key order: concurrent batches touching the same people then lock rows in the same order
     -- instead of deadlocking (40P01) on each other's inserts.
     INSERT INTO dirty_scores (tenant_id, period_id, employee_id, traceparent)
     SELECT tenant_id, period_id, employee_id, $6 FROM who ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING RETURNING 1`,
    [...keyArrays(keys), TIMESTAMP_FIELDS, traceparent],
  );
  return rows.length;
}
