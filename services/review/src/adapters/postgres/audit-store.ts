import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  tenantId: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function appendAudit(em: EntityManager, e: AuditEntry): Promise<void> {
  await em.query(
    `INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.tenantId,
      e.actor,
      e.action,
      e.entityType,
      e.entityId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.reason ?? null,
    ],
  );
}

export interface AuditRow {
  id: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  at: Date;
}

export async function queryAudit(
  em: EntityManager,
  q: { tenantId: string; entityType?: string; entityId?: string; from?: Date; to?: Date; limit: number },
): Promise<AuditRow[]> {
  return em.query<AuditRow[]>(
    `SELECT id::text, actor, action, entity_type, entity_id, before, after, reason, at FROM audit_log
      WHERE tenant_id = $1
        AND ($2::text IS NULL OR entity_type = $2)
        AND ($3::text IS NULL OR entity_id = $3)
        AND ($4::timestamptz IS NULL OR at >= $4)
        AND ($5::timestamptz IS NULL OR at < $5)
      ORDER BY at, id LIMIT $6`,
    [q.tenantId, q.entityType ?? null, q.entityId ?? null, q.from ?? null, q.to ?? null, q.limit],
  );
}
